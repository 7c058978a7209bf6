#include "server/GatewayWorker.h"

#include "core/gateway/GatewayMonitor.h"
#include "core/ledger/SpendLedger.h"
#include "core/net/HttpClient.h"
#include "core/storage/Database.h"
#include "core/storage/LogRecord.h"
#include "core/storage/RequestLogWriter.h"
#include "core/time/Clock.h"
#include "server/GatewayHttpServer.h"
#include "server/GuardedTcpServer.h"
#include "server/ProxyExchange.h"

#include <QList>
#include <QLoggingCategory>
#include <QMutex>
#include <QPointer>
#include <QSqlDatabase>

#include <algorithm>
#include <memory>

Q_LOGGING_CATEGORY(lcGateway, "tollgate.gateway")

GatewayWorker::GatewayWorker(Database &db, GatewayRuntime runtime, GatewayMonitor *monitor)
    : m_db(db)
    , m_rt(std::move(runtime))
    , m_monitor(monitor)
    , m_reloadTimer(this) // a child, so moveToThread() takes it along
{
}

GatewayWorker::~GatewayWorker() = default;

bool GatewayWorker::setUp(QString *error, qintptr sharedListener)
{
    if (!reload(error))
        return false;
    m_http = std::make_unique<HttpClient>();
    m_rt.http = m_http.get();

    auto *listener = new GuardedTcpServer(m_rt.options);
    if (sharedListener >= 0) {
        // Another worker's listening socket (a dup): the kernel hands each
        // new connection to whichever worker thread accepts first.
        if (!listener->setSocketDescriptor(sharedListener)) {
            if (error)
                *error = tr("Cannot share the listening socket: %1").arg(listener->errorString());
            delete listener;
            return false;
        }
    } else if (!listener->listen(m_rt.options.address, m_rt.options.port)) {
        if (error)
            *error =
                listener->serverError() == QAbstractSocket::AddressInUseError
                    ? tr("Port %1 on %2 is already in use.").arg(m_rt.options.port).arg(m_rt.options.address.toString())
                    : tr("Cannot listen on %1: %2").arg(m_rt.options.listenText(), listener->errorString());
        delete listener;
        return false;
    }
    m_port = listener->serverPort();
    m_rt.listener = listener;
    // Requests the listener turns away (413, 431, 408) belong in the log too.
    connect(listener, &GuardedTcpServer::refused, this,
            [this](int status, const QString &client, const QString &reason) {
                LogRecord record;
                record.timeMs = Clock::nowMs();
                record.status = status;
                record.error = reason;
                record.client = client;
                if (m_rt.onFinished)
                    m_rt.onFinished(record);
                if (m_rt.log)
                    m_rt.log->append(std::move(record));
            });
    m_server = new GatewayHttpServer(m_rt, this);
    m_server->bind(listener); // takes ownership

    if (m_monitor) {
        // One queued call per batch of finished requests, not one per request:
        // a post per request was 8 % of the gateway thread's time under load.
        // The monitor still sees every request, in order.
        struct Pending
        {
            QMutex mutex;
            QList<qint64> times;
        };
        QPointer<GatewayMonitor> monitor = m_monitor;
        auto pending = std::make_shared<Pending>();
        m_rt.onFinished = [monitor, pending](const LogRecord &record) {
            if (!monitor)
                return;
            {
                QMutexLocker lock(&pending->mutex);
                pending->times.append(record.timeMs);
                if (pending->times.size() > 1)
                    return; // a call is already on its way
            }
            QMetaObject::invokeMethod(
                monitor,
                [monitor, pending] {
                    QList<qint64> times;
                    {
                        QMutexLocker lock(&pending->mutex);
                        times.swap(pending->times);
                    }
                    if (!monitor)
                        return;
                    for (const qint64 t : std::as_const(times))
                        monitor->noteRequest(t);
                },
                Qt::QueuedConnection);
        };
    }
    m_reloadTimer.setInterval(1000);
    connect(&m_reloadTimer, &QTimer::timeout, this, &GatewayWorker::reloadIfChanged);
    m_reloadTimer.start();
    qCInfo(lcGateway) << "listening on" << m_rt.options.address.toString() << m_port;
    return true;
}

void GatewayWorker::tearDown()
{
    m_reloadTimer.stop();
    if (m_server) {
        // In-flight requests first (they still talk to the listener), then the sockets.
        m_rt.listener = nullptr;
        const QList<ProxyExchange *> exchanges = m_server->findChildren<ProxyExchange *>();
        for (ProxyExchange *exchange : exchanges)
            exchange->abortForShutdown();
        qDeleteAll(exchanges);
    }
    delete m_server;
    m_server = nullptr;
    m_http.reset();
    m_db.closeThreadConnection();
}

void GatewayWorker::applyOptions(const GatewayOptions &options)
{
    const GatewayOptions previous = m_rt.options;
    m_rt.options = options;
    m_rt.options.address = previous.address;
    m_rt.options.port = previous.port;
    m_rt.options.workerThreads = previous.workerThreads;
    if (m_rt.listener)
        m_rt.listener->setOptions(m_rt.options);
}

void GatewayWorker::stopAccepting()
{
    m_rt.draining = true;
    if (m_rt.listener)
        m_rt.listener->close();
}

int GatewayWorker::openExchanges() const
{
    if (!m_server)
        return 0;
    const QList<ProxyExchange *> exchanges = m_server->findChildren<ProxyExchange *>();
    return int(std::count_if(exchanges.begin(), exchanges.end(), [](ProxyExchange *e) { return !e->isFinished(); }));
}

qintptr GatewayWorker::listenerDescriptor() const
{
    return m_rt.listener ? m_rt.listener->socketDescriptor() : -1;
}

quint16 GatewayWorker::port() const
{
    return m_port;
}

void GatewayWorker::reloadIfChanged()
{
    const qint64 version = RoutingSnapshot::configVersion(m_db.connection());
    if (m_rt.routes && version == m_rt.routes->version())
        return;
    QString error;
    if (!reload(&error))
        qCWarning(lcGateway) << "cannot reload the routing table:" << error;
}

bool GatewayWorker::reload(QString *error)
{
    auto snapshot = RoutingSnapshot::load(m_db.connection(), error);
    if (!snapshot)
        return false;
    // Keys' limits into the shared store; a holder it has not seen (or whose
    // period changed) reads its spend from the small ledger table, never the log.
    if (m_rt.limits) {
        const QSqlDatabase db = m_db.connection();
        for (const GatewayKey &key : snapshot->keys()) {
            const HolderLimits limits = HolderLimits::forKey(key);
            if (!limits.limitsAnything())
                continue;
            m_rt.limits->configure(limits, [&db, holder = limits.holder](const QDate &from) {
                return SpendLedger::spentSince(db, holder, from);
            });
        }
    }
    m_rt.routes = std::move(snapshot);
    return true;
}
