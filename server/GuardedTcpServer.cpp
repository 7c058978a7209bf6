#include "server/GuardedTcpServer.h"

#include "core/time/Clock.h"
#include "server/ErrorReply.h"
#include "server/HttpWire.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcGuard, "tollgate.gateway.guard")

namespace {

qint64 monotonicMs()
{
    static QElapsedTimer t = [] {
        QElapsedTimer e;
        e.start();
        return e;
    }();
    return t.elapsed();
}

// Content-Length from a complete header block; -1 when absent, -2 when chunked.
qint64 declaredLength(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        const int colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (name == "content-length") {
            bool ok = false;
            const qint64 n = line.mid(colon + 1).trimmed().toLongLong(&ok);
            return ok ? n : -1;
        }
        if (name == "transfer-encoding" && line.toLower().contains("chunked"))
            return -2;
    }
    return -1;
}

} // namespace

GuardedTcpServer::GuardedTcpServer(const GatewayOptions &options, QObject *parent)
    : QTcpServer(parent)
    , m_options(options)
    , m_sweep(this)
{
    // Qt's default backlog (50) drops SYNs when hundreds of clients connect at
    // once, which costs each of them a one-second retransmit.
    setListenBacklogSize(4096);
    m_sweep.setInterval(1000);
    connect(&m_sweep, &QTimer::timeout, this, &GuardedTcpServer::sweep);
    m_sweep.start();
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    Connection c;
    c.socket = socket;
    c.deadlineMs = monotonicMs() + qint64(m_options.idleTimeoutSec) * 1000;
    m_connections.insert(socket, c);
    // Connected before QHttpServer's own slot, so it sees every fragment first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    addPendingConnection(socket);
}

void GuardedTcpServer::onReadyRead(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &c = *it;
    if (c.phase == Phase::Closing) {
        socket->readAll();
        return;
    }
    if (c.phase == Phase::Handling)
        return; // a pipelined request waits its turn inside QHttpServer
    if (c.phase == Phase::Idle) {
        c.phase = Phase::Receiving;
        c.deadlineMs = monotonicMs() + qint64(m_options.requestTimeoutSec) * 1000;
        c.head.clear();
        c.headDone = false;
        c.bodyExpected = -1;
        c.received = 0;
    }
    const qint64 fresh = socket->bytesAvailable();
    c.received += fresh;
    if (!c.headDone) {
        c.head += socket->peek(fresh);
        const qsizetype end = c.head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (c.head.size() > m_options.headerLimitBytes)
                refuse(c, GatewayError::HeadersTooLarge,
                       tr("The request headers are larger than %1 KiB.").arg(m_options.headerLimitBytes / 1024));
            return;
        }
        if (end > m_options.headerLimitBytes) {
            refuse(c, GatewayError::HeadersTooLarge,
                   tr("The request headers are larger than %1 KiB.").arg(m_options.headerLimitBytes / 1024));
            return;
        }
        c.headDone = true;
        c.bodyExpected = declaredLength(c.head.left(end));
        c.received -= end + 4;
        c.head.clear();
        if (c.bodyExpected > m_options.bodyLimitBytes) {
            refuse(
                c, GatewayError::BodyTooLarge,
                tr("The request body is larger than the %1 MiB limit.").arg(m_options.bodyLimitBytes / (1024 * 1024)));
            return;
        }
    }
    if (c.received > m_options.bodyLimitBytes)
        refuse(c, GatewayError::BodyTooLarge,
               tr("The request body is larger than the %1 MiB limit.").arg(m_options.bodyLimitBytes / (1024 * 1024)));
}

void GuardedTcpServer::refuse(Connection &c, GatewayError error, const QString &message)
{
    QTcpSocket *socket = c.socket;
    if (!socket)
        return;
    c.phase = Phase::Closing;
    const int status = ErrorReply::statusFor(error);
    qCInfo(lcGuard) << "refused" << status << socket->peerAddress().toString() << message;
    Q_EMIT refused(status, socket->peerAddress().toString(), message);
    // Stop QHttpServer from parsing the rest of this connection.
    disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
    const ErrorReply reply = ErrorReply::make(WireProtocol::OpenAI, error, message);
    socket->readAll();
    socket->write(HttpWire::whole(reply.status, "application/json", {}, reply.body, true));
    socket->disconnectFromHost();
    c.deadlineMs = monotonicMs() + 5000; // then abort if the peer lingers
}

void GuardedTcpServer::requestStarted(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->phase = Phase::Handling;
    it->deadlineMs = 0;
}

void GuardedTcpServer::requestFinished(QTcpSocket *socket, bool close)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (close) {
        it->phase = Phase::Closing;
        it->deadlineMs = monotonicMs() + 5000;
        socket->disconnectFromHost();
        return;
    }
    it->phase = Phase::Idle;
    it->deadlineMs = monotonicMs() + qint64(m_options.idleTimeoutSec) * 1000;
    // Bytes of the next request may already be buffered in QHttpServer.
}

void GuardedTcpServer::sweep()
{
    const qint64 now = monotonicMs();
    QList<QPointer<QTcpSocket>> expired;
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if (it->deadlineMs > 0 && now >= it->deadlineMs)
            expired.append(it->socket);
    }
    for (const QPointer<QTcpSocket> &socket : expired) {
        if (!socket)
            continue;
        auto it = m_connections.find(socket.data());
        if (it == m_connections.end())
            continue;
        switch (it->phase) {
        case Phase::Receiving:
            refuse(*it, GatewayError::RequestTimeout,
                   tr("The request was not received completely within %1 seconds.").arg(m_options.requestTimeoutSec));
            break;
        case Phase::Idle:
            it->phase = Phase::Closing;
            it->deadlineMs = now + 5000;
            socket->disconnectFromHost();
            break;
        case Phase::Closing:
            it->deadlineMs = 0;
            socket->abort();
            break;
        case Phase::Handling:
            it->deadlineMs = 0;
            break;
        }
    }
}
