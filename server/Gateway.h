#pragma once

#include "server/GatewayOptions.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class Database;
class GatewayWorker;
class GatewayMonitor;
class ProviderKeySource;
class RequestLogWriter;
class Settings;

// The embedded gateway as the app sees it: start it on its own thread, stop
// it cleanly (in-flight requests end, the request log is flushed). The
// console and headless mode only talk to it through this class and
// GatewayMonitor.
class Gateway final : public QObject
{
    Q_OBJECT
public:
    Gateway(Database &db, ProviderKeySource *keys, GatewayMonitor *monitor, QObject *parent = nullptr);
    ~Gateway() override;
    Q_DISABLE_COPY_MOVE(Gateway)

    // Blocks until the socket listens or fails (port in use...).
    bool start(const GatewayOptions &options, QString *error);
    void stop();
    // New settings while running: what can change live does (limits, timeouts,
    // body logging...); a new listen address stops accepting, lets open
    // requests finish (up to drainGraceMs), then restarts there.
    void applyOptions(const GatewayOptions &options);
    bool isDraining() const;
    bool isRunning() const;
    // Every worker picks up configuration changes now instead of at its next
    // once-a-second check; returns when all of them have. For callers that
    // must know a change is live (tests, the CLI after an edit).
    void reloadNow();

    quint16 port() const;    // the real port (useful with port 0)
    QString baseUrl() const; // "http://127.0.0.1:4242/v1"
    RequestLogWriter *logWriter() const;

    // Settings as the gateway needs them; `listen` (e.g. --listen) overrides the stored address.
    static GatewayOptions optionsFrom(const Settings &settings,
                                      const std::optional<ListenAddress> &listen = std::nullopt);

Q_SIGNALS:
    // After applyOptions() moved the gateway to a new address (ok false: it could not listen there).
    void restarted(bool ok, const QString &error);

private:
    void forEachWorker(const std::function<void(GatewayWorker *)> &call) const; // blocking, on each worker's thread
    void checkDrained();
    void shutDown(); // tears the worker down on its thread, joins it, flushes the log

    struct Private;
    std::unique_ptr<Private> d;
};
