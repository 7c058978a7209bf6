#include "server/GuardedTcpServer.h"

#include "server/ErrorReply.h"
#include "server/GuardedSocket.h"
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

// QHttpServer 6.4's header parser keeps no header at all past 100 fields,
// and must not see a chunked body it frames by its own looser rules. Such
// requests reach it as a plain head with the decoded body; the gateway takes
// the headers from the WireRequest, never from QHttpServer.
constexpr int kPlainHeadMaxFields = 64;
constexpr qsizetype kPlainHeadMaxBytes = 8 * 1024;

QByteArray plainHead(const WireRequest &request, qsizetype bodySize)
{
    QByteArray head;
    head.reserve(request.target.size() + request.host.size() + 64);
    head += request.method;
    head += ' ';
    head += request.target;
    head += request.minorVersion == 0 ? " HTTP/1.0\r\n" : " HTTP/1.1\r\n";
    if (!request.host.isEmpty()) {
        head += "Host: ";
        head += request.host;
        head += "\r\n";
    }
    head += "Content-Length: ";
    head += QByteArray::number(bodySize);
    head += "\r\n\r\n";
    return head;
}

} // namespace

void GuardedTcpServer::setOptions(const GatewayOptions &options)
{
    m_options = options;
    // Connections opened from now on read with the new limits.
    m_limits.headerBytes = options.headerLimitBytes;
    m_limits.bodyBytes = options.bodyLimitBytes;
}

GuardedTcpServer::GuardedTcpServer(const GatewayOptions &options, QObject *parent)
    : QTcpServer(parent)
    , m_options(options)
    , m_sweep(this)
{
    setOptions(options);
    // Qt's default backlog (50) drops SYNs when hundreds of clients connect at
    // once, which costs each of them a one-second retransmit.
    setListenBacklogSize(4096);
    m_sweep.setInterval(1000);
    connect(&m_sweep, &QTimer::timeout, this, &GuardedTcpServer::sweep);
    m_sweep.start();
}

GuardedTcpServer::~GuardedTcpServer() = default;

GuardedTcpServer::Connection *GuardedTcpServer::find(QTcpSocket *socket) const
{
    const auto it = m_connections.find(socket);
    return it == m_connections.end() ? nullptr : it->second.get();
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new GuardedSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto c = std::make_unique<Connection>(m_limits);
    c->socket = socket;
    c->deadlineMs = monotonicMs() + qint64(m_options.idleTimeoutSec) * 1000;
    m_connections.emplace(socket, std::move(c));
    // Connected before QHttpServer's own slot, so it takes every byte first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.erase(socket); });
    addPendingConnection(socket);
}

void GuardedTcpServer::onReadyRead(GuardedSocket *socket)
{
    Connection *c = find(socket);
    if (!c)
        return;
    if (c->phase == Phase::Closing) {
        socket->takeRaw();
        return;
    }
    if (c->in.isEmpty())
        c->in = socket->takeRaw();
    else
        c->in += socket->takeRaw();
    if (c->phase == Phase::Handling) {
        // The next request waits for this answer to end. A client that keeps
        // sending meanwhile, beyond what one request may hold, is cut off.
        const qint64 cap = m_options.bodyLimitBytes + m_options.headerLimitBytes + 64 * 1024;
        if (c->in.size() > cap) {
            qCInfo(lcGuard) << "pipelined too much while an answer was in flight; closing"
                            << socket->peerAddress().toString();
            c->in.clear();
            c->phase = Phase::Closing;
            socket->abort();
        }
        return;
    }
    advance(*c, true);
}

void GuardedTcpServer::advance(Connection &c, bool inReadyRead)
{
    GuardedSocket *socket = c.socket;
    if (!socket || c.phase == Phase::Handling || c.phase == Phase::Closing || c.in.isEmpty())
        return;
    if (c.phase == Phase::Idle) {
        c.phase = Phase::Receiving;
        c.deadlineMs = monotonicMs() + qint64(m_options.requestTimeoutSec) * 1000;
    }
    switch (c.reader.scan(c.in)) {
    case HttpRequestReader::State::NeedMore:
        if (c.reader.headComplete() && c.reader.request().expectContinue && c.reader.request().minorVersion == 1
            && !c.continueSent) {
            // The head passed every check: let the client send its body now
            // instead of after its own timeout (curl waits a second).
            c.continueSent = true;
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return;
    case HttpRequestReader::State::Failed:
        refuse(c, c.reader.error(), c.reader.errorMessage(),
               c.reader.headComplete() ? c.reader.request().protocol : HttpRequestReader::protocolHint(c.in));
        return;
    case HttpRequestReader::State::Complete:
        break;
    }

    const qsizetype frame = c.reader.frameSize();
    const qsizetype bodyStart = c.reader.bodyStart();
    WireRequest request = c.reader.takeRequest();
    QByteArray bytes;
    if (request.chunked || request.headers.size() > kPlainHeadMaxFields || bodyStart > kPlainHeadMaxBytes) {
        const QByteArray body = request.chunked ? c.reader.takeDecodedBody() : c.in.mid(bodyStart, frame - bodyStart);
        bytes = plainHead(request, body.size()) + body;
        c.in.remove(0, frame);
    } else if (frame == c.in.size()) {
        bytes = std::move(c.in);
        c.in = QByteArray();
    } else {
        bytes = c.in.left(frame);
        c.in.remove(0, frame);
    }
    c.reader.reset();
    c.current = std::move(request);
    c.continueSent = false;
    c.phase = Phase::Handling;
    // Until QHttpServer dispatches it; requestStarted() lifts this.
    c.deadlineMs = monotonicMs() + qint64(m_options.requestTimeoutSec) * 1000;
    socket->setHttp10Answer(c.current.minorVersion == 0);
    socket->release(std::move(bytes));
    if (!inReadyRead) {
        // QHttpServer reads on readyRead only; inside one, its slot runs after ours.
        QMetaObject::invokeMethod(
            socket,
            [socket] {
                if (socket->bytesAvailable() > 0)
                    Q_EMIT socket->readyRead();
            },
            Qt::QueuedConnection);
    }
}

void GuardedTcpServer::refuse(Connection &c, GatewayError error, const QString &message, WireProtocol protocol)
{
    GuardedSocket *socket = c.socket;
    if (!socket)
        return;
    c.phase = Phase::Closing;
    c.in.clear();
    const int status = ErrorReply::statusFor(error);
    qCInfo(lcGuard) << "refused" << status << socket->peerAddress().toString() << message;
    Q_EMIT refused(status, socket->peerAddress().toString(), message);
    // Stop QHttpServer from parsing the rest of this connection.
    disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->takeRaw(); });
    socket->takeRaw();
    const ErrorReply reply = ErrorReply::make(protocol, error, message);
    socket->write(HttpWire::whole(reply.status, "application/json", {}, reply.body, true));
    socket->disconnectFromHost();
    c.deadlineMs = monotonicMs() + 5000; // then abort if the peer lingers
}

void GuardedTcpServer::closeConnection(Connection &c)
{
    c.phase = Phase::Closing;
    c.in.clear();
    c.deadlineMs = monotonicMs() + 5000;
    if (c.socket)
        c.socket->disconnectFromHost();
}

const WireRequest *GuardedTcpServer::requestStarted(QTcpSocket *socket)
{
    Connection *c = find(socket);
    if (!c || !c->socket)
        return nullptr;
    c->deadlineMs = 0;
    // QHttpServer read exactly the request it was given; anything left is
    // not a request of its own.
    if (const qint64 left = c->socket->discardUnread())
        qCWarning(lcGuard) << "QHttpServer left" << left << "bytes of a request unread";
    return &c->current;
}

void GuardedTcpServer::requestFinished(QTcpSocket *socket, bool close)
{
    Connection *c = find(socket);
    if (!c)
        return;
    if (close || !c->current.keepAlive) {
        closeConnection(*c);
        return;
    }
    c->phase = Phase::Idle;
    c->deadlineMs = monotonicMs() + qint64(m_options.idleTimeoutSec) * 1000;
    if (c->socket)
        c->socket->setHttp10Answer(false);
    // A pipelined request may be waiting already.
    advance(*c, false);
}

void GuardedTcpServer::sweep()
{
    const qint64 now = monotonicMs();
    QList<QPointer<GuardedSocket>> expired;
    for (const auto &[socket, c] : m_connections) {
        if (c->deadlineMs > 0 && now >= c->deadlineMs)
            expired.append(c->socket);
    }
    for (const QPointer<GuardedSocket> &socket : expired) {
        if (!socket)
            continue;
        Connection *c = find(socket.data());
        if (!c)
            continue;
        switch (c->phase) {
        case Phase::Receiving:
            refuse(*c, GatewayError::RequestTimeout,
                   tr("The request was not received completely within %1 seconds.").arg(m_options.requestTimeoutSec),
                   HttpRequestReader::protocolHint(c->in));
            break;
        case Phase::Idle:
            closeConnection(*c);
            break;
        case Phase::Closing:
            c->deadlineMs = 0;
            socket->abort();
            break;
        case Phase::Handling:
            // Handed on but never dispatched: QHttpServer disagreed about the framing.
            qCWarning(lcGuard) << "a request handed to QHttpServer was not dispatched; closing";
            c->deadlineMs = 0;
            c->phase = Phase::Closing;
            socket->abort();
            break;
        }
    }
}
