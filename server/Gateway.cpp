#include "server/Gateway.h"

#include "core/Database.h"
#include "core/GatewayMonitor.h"
#include "core/RequestLogWriter.h"
#include "core/Settings.h"
#include "server/GatewayWorker.h"

#include <QPointer>
#include <QThread>

struct Gateway::Private
{
    Database &db;
    ProviderKeySource *keys = nullptr;
    QPointer<GatewayMonitor> monitor;
    std::unique_ptr<RequestLogWriter> logWriter;
    std::unique_ptr<QThread> thread;
    GatewayWorker *worker = nullptr;
    GatewayOptions options;
    quint16 port = 0;

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
}

Gateway::~Gateway()
{
    stop();
}

GatewayOptions Gateway::optionsFrom(const Settings &settings)
{
    GatewayOptions o;
    QString error;
    if (!GatewayOptions::parseListen(settings.listenAddress(), &o.address, &o.port, &error))
        GatewayOptions::parseListen(Settings::defaultValue(Settings::ListenAddress).toString(), &o.address, &o.port, nullptr);
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

    GatewayRuntime runtime;
    runtime.options = options;
    runtime.log = d->logWriter.get();
    runtime.keys = d->keys;
    d->thread = std::make_unique<QThread>();
    d->thread->setObjectName(QStringLiteral("tollgate-gateway"));
    d->worker = new GatewayWorker(d->db, std::move(runtime), d->monitor);
    d->worker->moveToThread(d->thread.get());
    d->thread->start();

    bool ok = false;
    QString why;
    QMetaObject::invokeMethod(d->worker, [this, &ok, &why] {
        ok = d->worker->setUp(&why);
        d->port = d->worker->port();
    }, Qt::BlockingQueuedConnection);
    if (!ok) {
        QMetaObject::invokeMethod(d->worker, [this] {
            d->worker->tearDown();
            delete d->worker;
        }, Qt::BlockingQueuedConnection);
        d->worker = nullptr;
        d->thread->quit();
        d->thread->wait();
        d->thread.reset();
        d->logWriter->stop();
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
    return true;
}

void Gateway::stop()
{
    if (!d->thread)
        return;
    QMetaObject::invokeMethod(d->worker, [this] {
        d->worker->tearDown();
        delete d->worker;
    }, Qt::BlockingQueuedConnection);
    d->worker = nullptr;
    d->thread->quit();
    d->thread->wait();
    d->thread.reset();
    d->logWriter->stop();
    if (d->monitor)
        d->monitor->setState(GatewayMonitor::State::Stopped, d->options.listenText(), QString());
}

bool Gateway::isRunning() const
{
    return d->thread != nullptr;
}

quint16 Gateway::port() const
{
    return d->port;
}

QString Gateway::baseUrl() const
{
    GatewayOptions o = d->options;
    o.port = d->port;
    QString host = o.address.toString();
    if (o.address == QHostAddress::Any || o.address == QHostAddress::AnyIPv4)
        host = QStringLiteral("127.0.0.1");
    else if (o.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2/v1").arg(host).arg(o.port);
}

RequestLogWriter *Gateway::logWriter() const
{
    return d->logWriter.get();
}
