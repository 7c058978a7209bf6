#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

// One console per data directory: the first start listens on a local socket,
// a later start connects to it, asks the first to raise its window and exits.
class SingleInstance final : public QObject
{
    Q_OBJECT
public:
    // The socket name is derived from the data directory, so two consoles on
    // different data directories (tests, several profiles) do not collide.
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when a running console took the raise request; this process should exit.
    bool askRunningInstanceToRaise(int timeoutMs = 2000);
    // Starts listening for later starts; false (with a reason) when the socket cannot be bound.
    bool listen(QString *error = nullptr);
    QString serverName() const { return m_name; }

Q_SIGNALS:
    void raiseRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};
