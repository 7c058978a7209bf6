#include "server/Gateway.h"

#include "core/gateway/GatewayMonitor.h"
#include "core/ledger/MemoryLimitStore.h"
#include "core/routing/TargetHealth.h"
#include "core/storage/Database.h"
#include "core/storage/RequestLogWriter.h"
#include "core/storage/Settings.h"
#include "core/storage/TargetStateStore.h"
#include "core/time/Clock.h"
#include "server/GatewayWorker.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <unistd.h>

#include <vector>

Q_LOGGING_CATEGORY(lcBudget, "tollgate.budget")
Q_LOGGING_CATEGORY(lcGatewayRouting, "tollgate.gateway.routing")

struct Gateway::Private
{
    Database &db;
    ProviderKeySource *keys = nullptr;
    QPointer<GatewayMonitor> monitor;
    std::unique_ptr<RequestLogWriter> logWriter;
    MemoryLimitStore limits;
    TargetHealth health;
    struct Slot
    {
        std::unique_ptr<QThread> thread;
        GatewayWorker *worker = nullptr; // lives on `thread`
    };
    std::vector<Slot> workers;
    GatewayOptions options;
    quint16 port = 0;
    // A listen address change waits here while open requests finish.
    QTimer *drainTimer = nullptr;
    QTimer *publishTimer = nullptr; // target states for `tollgate routes`, once a second
    QElapsedTimer drainClock;
    std::optional<GatewayOptions> pending;

    Private(Database &d)
        : db(d)
    {
    }
};

Gateway::Gateway(Database &db, ProviderKeySource *keys, GatewayMonitor *monitor, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(db))
{
    d->keys = keys;
    d->monitor = monitor;
    d->logWriter = std::make_unique<RequestLogWriter>(db);
    d->drainTimer = new QTimer(this);
    d->drainTimer->setInterval(20);
    connect(d->drainTimer, &QTimer::timeout, this, &Gateway::checkDrained);
    // Soft limits: one log line and one monitor signal per holder and period
    // (the store decides "once"); called on a gateway thread.
    QPointer<GatewayMonitor> watcher = monitor;
    d->limits.onSoftLimit = [watcher](const HolderLimits &limits, double spentUsd) {
        qCWarning(lcBudget).noquote() << QStringLiteral(
                                             "%1 '%2' reached its soft limit: %3 of %4 USD spent (budget %5)")
                                             .arg(limits.holder.kindName(), limits.name)
                                             .arg(spentUsd, 0, 'f', 6)
                                             .arg(limits.softUsd)
                                             .arg(limits.budgetUsd);
        if (!watcher)
            return;
        QMetaObject::invokeMethod(
            watcher,
            [watcher, kind = limits.holder.kindName(), name = limits.name, spentUsd, soft = limits.softUsd] {
                if (watcher)
                    watcher->noteSoftLimit(kind, name, spentUsd, soft);
            },
            Qt::QueuedConnection);
    };
    d->publishTimer = new QTimer(this);
    d->publishTimer->setInterval(1000);
    connect(d->publishTimer, &QTimer::timeout, this, [this] {
        const QHash<QString, TargetHealth::Status> states = d->health.all(Clock::nowMs());
        QString why;
        if (!states.isEmpty() && !TargetStateStore::publish(d->db.connection(), states, Clock::nowMs(), &why))
            qCWarning(lcGatewayRouting) << "cannot publish target states:" << why;
    });
}

Gateway::~Gateway()
{
    stop();
}

GatewayOptions Gateway::optionsFrom(const Settings &settings, const std::optional<ListenAddress> &listen)
{
    GatewayOptions o;
    auto address = listen ? listen : ListenAddress::parse(settings.listenAddress(), nullptr);
    if (!address)
        address = ListenAddress::parse(Settings::defaultValue(Settings::ListenAddress).toString(), nullptr);
    o.address = address->host;
    o.port = address->port;
    o.requireKeys = settings.requireKeys();
    o.logBodies = settings.logBodies();
    o.bodyLimitBytes = settings.bodyLimitBytes();
    o.headerLimitBytes = settings.headerLimitBytes();
    o.idleTimeoutSec = settings.idleTimeoutSec();
    o.requestTimeoutSec = settings.requestTimeoutSec();
    o.upstreamConnectTimeoutSec = settings.upstreamConnectTimeoutSec();
    o.upstreamFirstByteTimeoutSec = settings.upstreamFirstByteTimeoutSec();
    o.logRetentionDays = settings.logRetentionDays();
    o.logRetentionMb = settings.logRetentionMb();
    o.breakerFailures = settings.breakerFailures();
    o.breakerCooldownSec = settings.breakerCooldownSec();
    // A tuning knob for benchmarks and small machines; default: one per core.
    o.workerThreads = qEnvironmentVariableIntValue("TOLLGATE_GATEWAY_THREADS");
    return o;
}

bool Gateway::start(const GatewayOptions &options, QString *error)
{
    if (isRunning())
        return true;
    d->options = options;
    if (d->monitor)
        d->monitor->setState(GatewayMonitor::State::Starting, options.listenText(), QString());
    d->logWriter->setRetention(options.logRetentionDays, options.logRetentionMb);
    d->logWriter->start(options.logFlushIntervalMs);

    int threads = options.workerThreads > 0 ? options.workerThreads : QThread::idealThreadCount();
    threads = qBound(1, threads, 4);
    QString why;
    qintptr listenerFd = -1;
    for (int i = 0; i < threads; ++i) {
        GatewayRuntime runtime;
        runtime.options = options;
        runtime.log = d->logWriter.get();
        runtime.keys = d->keys;
        runtime.limits = &d->limits;
        runtime.health = &d->health;
        Private::Slot slot;
        slot.thread = std::make_unique<QThread>();
        slot.thread->setObjectName(QStringLiteral("tollgate-gateway-%1").arg(i));
        slot.worker = new GatewayWorker(d->db, std::move(runtime), d->monitor);
        slot.worker->moveToThread(slot.thread.get());
        slot.thread->start();
        GatewayWorker *worker = slot.worker;
        d->workers.push_back(std::move(slot));

        // The first worker opens the port (and sees "in use"); the others
        // accept from a duplicate of its listening socket.
        const qintptr shared = i == 0 ? -1 : ::dup(int(listenerFd));
        bool ok = false;
        QMetaObject::invokeMethod(
            worker,
            [&, worker, shared] {
                ok = worker->setUp(&why, shared);
                if (i == 0) {
                    d->port = worker->port();
                    listenerFd = worker->listenerDescriptor();
                }
            },
            Qt::BlockingQueuedConnection);
        if (!ok) {
            if (shared >= 0)
                ::close(int(shared));
            break;
        }
        if (i == 0 && listenerFd < 0)
            break;
    }
    if (!why.isEmpty() || d->workers.empty()) {
        shutDown();
        if (d->monitor) {
            const bool inUse = why.contains(QLatin1String("in use"));
            d->monitor->setState(inUse ? GatewayMonitor::State::PortInUse : GatewayMonitor::State::Failed,
                                 options.listenText(), why);
        }
        if (error)
            *error = why;
        return false;
    }
    GatewayOptions actual = options;
    actual.port = d->port;
    if (d->monitor)
        d->monitor->setState(GatewayMonitor::State::Running, actual.listenText(), QString());
    d->health.setSettings({qMax(1, options.breakerFailures), qint64(qMax(1, options.breakerCooldownSec)) * 1000});
    d->publishTimer->start();
    return true;
}

void Gateway::shutDown()
{
    // Each worker's objects belong to its thread: they are destroyed there.
    // The extra workers go first, so the first one's socket closes last.
    for (auto it = d->workers.rbegin(); it != d->workers.rend(); ++it) {
        GatewayWorker *worker = it->worker;
        QMetaObject::invokeMethod(
            worker,
            [worker] {
                worker->tearDown();
                delete worker;
            },
            Qt::BlockingQueuedConnection);
        it->thread->quit();
        it->thread->wait();
    }
    d->workers.clear();
    d->logWriter->stop();
}

void Gateway::stop()
{
    d->drainTimer->stop();
    d->publishTimer->stop();
    d->pending.reset();
    if (d->workers.empty())
        return;
    shutDown();
    if (d->monitor)
        d->monitor->setState(GatewayMonitor::State::Stopped, d->options.listenText(), QString());
}

void Gateway::applyOptions(const GatewayOptions &options)
{
    if (d->pending) {
        d->pending = options; // already draining: restart with the latest
        return;
    }
    if (!isRunning()) {
        QString error;
        const bool ok = start(options, &error);
        Q_EMIT restarted(ok, error);
        return;
    }
    const bool relisten = options.address != d->options.address || options.port != d->options.port
                          || options.workerThreads != d->options.workerThreads;
    if (!relisten) {
        // Every exchange reads its worker's options as it goes: nothing is cut.
        d->options = options;
        d->logWriter->setRetention(options.logRetentionDays, options.logRetentionMb);
        forEachWorker([&options](GatewayWorker *worker) { worker->applyOptions(options); });
        return;
    }
    // Like nginx's graceful reload: stop accepting, let open requests end
    // (bounded by the grace period), then listen on the new address.
    d->pending = options;
    forEachWorker([](GatewayWorker *worker) { worker->stopAccepting(); });
    d->drainClock.start();
    d->drainTimer->start();
}

bool Gateway::isDraining() const
{
    return d->pending.has_value();
}

void Gateway::checkDrained()
{
    int open = 0;
    forEachWorker([&open](GatewayWorker *worker) { open += worker->openExchanges(); });
    if (open > 0 && d->drainClock.elapsed() < d->options.drainGraceMs)
        return;
    const GatewayOptions next = *d->pending;
    stop(); // whatever is still open now is logged 503
    QString error;
    const bool ok = start(next, &error);
    Q_EMIT restarted(ok, error);
}

void Gateway::forEachWorker(const std::function<void(GatewayWorker *)> &call) const
{
    for (const auto &slot : d->workers) {
        GatewayWorker *worker = slot.worker;
        QMetaObject::invokeMethod(
            worker, [&call, worker] { call(worker); }, Qt::BlockingQueuedConnection);
    }
}

bool Gateway::isRunning() const
{
    return !d->workers.empty();
}

void Gateway::reloadNow()
{
    for (const auto &slot : d->workers) {
        GatewayWorker *worker = slot.worker;
        QMetaObject::invokeMethod(
            worker, [worker] { worker->reloadIfChanged(); }, Qt::BlockingQueuedConnection);
    }
}

quint16 Gateway::port() const
{
    return d->port;
}

QString Gateway::baseUrl() const
{
    GatewayOptions o = d->options;
    o.port = d->port;
    return o.listen().clientUrl() + QStringLiteral("/v1");
}

RequestLogWriter *Gateway::logWriter() const
{
    return d->logWriter.get();
}
