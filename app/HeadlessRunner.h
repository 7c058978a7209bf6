#pragma once

#include "core/net/ListenAddress.h"

#include <QObject>

class AppContext;
class QEventLoop;

// `tollgate --headless`: the data directory is already open (AppContext);
// this preloads provider keys, starts model discovery and the gateway, logs
// to stderr, and stops cleanly on SIGINT/SIGTERM with exit code 0.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
public:
    HeadlessRunner(AppContext &context, const ListenAddress &listen, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Runs until a stop signal arrives; returns an ExitCode.
    int exec();

private:
    // The gateway runs on its own thread; stopping it flushes the request log.
    bool startGateway(QString *error);
    void stopGateway();

    void preloadKeys();
    void stop(int signalNumber);

    AppContext &m_context;
    ListenAddress m_listen;
    QEventLoop *m_loop = nullptr;
};
