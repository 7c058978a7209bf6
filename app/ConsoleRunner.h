#pragma once

#include "core/net/ListenAddress.h"

#include <QObject>
#include <QPointer>

class AppContext;
class PlaygroundTab;

// Plain `tollgate` with a display: the console window plus the embedded
// gateway on its own thread, and model discovery. Returns an ExitCode.
class ConsoleRunner final : public QObject
{
    Q_OBJECT
public:
    ConsoleRunner(AppContext &context, const ListenAddress &listen, QObject *parent = nullptr);
    int exec();

private:
    void applySettings();

    AppContext &m_context;
    ListenAddress m_listen;
    bool m_applyPending = false;
    bool m_listenEdited = false;
    QPointer<PlaygroundTab> m_playground;
};
