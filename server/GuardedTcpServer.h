#pragma once

#include "server/ErrorReply.h"
#include "server/GatewayOptions.h"
#include "server/HttpRequestReader.h"

#include <QPointer>
#include <QTcpServer>
#include <QTimer>

#include <memory>
#include <unordered_map>

class GuardedSocket;
class QTcpSocket;

// The connection layer under QHttpServer. QHttpServer 6.4 has no body or
// header limits, no timeouts, answers pipelined requests in whatever order
// they finish, and knows nothing of HTTP/1.0, Expect or request smuggling.
// So every connection is read here first, serially (one buffer per
// connection, one request in flight): the request at the front is framed and
// checked by HttpRequestReader, and only when the previous answer is complete
// is it handed to QHttpServer (GuardedSocket::release). One sweep timer closes
// connections that stall while sending a request (408) or sit idle past the
// keep-alive limit.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(const GatewayOptions &options, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    // QHttpServer parsed the request it was given; no timeouts until it is
    // answered. Returns the request as read here (headers exactly as sent,
    // HTTP version, whether to close), or nullptr for an unknown socket.
    const WireRequest *requestStarted(QTcpSocket *socket);
    // The answer is fully written; the connection is idle again (or closes).
    void requestFinished(QTcpSocket *socket, bool close);

    int connectionCount() const { return int(m_connections.size()); }
    // New limits and timeouts, from the next deadline or request on.
    void setOptions(const GatewayOptions &options);

Q_SIGNALS:
    // A request was refused here (400, 413, 431, 408) before reaching the gateway.
    void refused(int status, const QString &client, const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    enum class Phase { Idle, Receiving, Handling, Closing };
    struct Connection
    {
        explicit Connection(const HttpRequestReader::Limits &limits)
            : reader(limits)
        {
        }
        QPointer<GuardedSocket> socket;
        Phase phase = Phase::Idle;
        qint64 deadlineMs = 0;
        QByteArray in; // bytes from the client not handed on yet
        HttpRequestReader reader;
        WireRequest current; // the request in flight
        bool continueSent = false;
    };

    Connection *find(QTcpSocket *socket) const;
    void onReadyRead(GuardedSocket *socket);
    // Frames the request at the front of c.in and, when whole, hands it on.
    void advance(Connection &c, bool inReadyRead);
    void refuse(Connection &c, GatewayError error, const QString &message, WireProtocol protocol);
    void closeConnection(Connection &c);
    void sweep();

    GatewayOptions m_options;
    HttpRequestReader::Limits m_limits;
    std::unordered_map<QTcpSocket *, std::unique_ptr<Connection>> m_connections;
    QTimer m_sweep;
};
