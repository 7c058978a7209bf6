#pragma once

#include "server/GatewayRuntime.h"

#include <QObject>
#include <QTimer>

#include <memory>

class Database;
class GatewayHttpServer;
class GatewayMonitor;

// Everything that lives on the gateway thread: the HTTP client, the listener,
// QHttpServer, and the timer that reloads the routing snapshot when the
// configuration in SQLite changes (console, CLI or another process).
class GatewayWorker final : public QObject
{
    Q_OBJECT
public:
    GatewayWorker(Database &db, GatewayRuntime runtime, GatewayMonitor *monitor);
    ~GatewayWorker() override;

    // Run on the gateway thread.
    // sharedListener: a listening descriptor to accept from instead of opening one.
    bool setUp(QString *error, qintptr sharedListener = -1);
    qintptr listenerDescriptor() const;
    void tearDown();
    quint16 port() const;
    // Reloads the routing snapshot if the configuration changed since the last load.
    void reloadIfChanged();
    // Options that change live; the listen address stays as it is.
    void applyOptions(const GatewayOptions &options);
    // Closes the listening socket; open connections are served to their end
    // and then closed.
    void stopAccepting();
    // Requests being answered right now (streams included).
    int openExchanges() const;

private:
    bool reload(QString *error);

    Database &m_db;
    GatewayRuntime m_rt;
    GatewayMonitor *m_monitor = nullptr;
    std::unique_ptr<HttpClient> m_http;
    GatewayHttpServer *m_server = nullptr;
    QTimer m_reloadTimer;
    quint16 m_port = 0;
};
