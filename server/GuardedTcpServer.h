#pragma once

#include "server/ErrorReply.h"
#include "server/GatewayOptions.h"

#include <QHash>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

// The listening socket under QHttpServer. QHttpServer 6.4 has no body or
// header limits and no timeouts of its own, so every connection accepted here
// is watched first: each fragment is seen before QHttpServer parses it
// (our readyRead slot is connected first), the header block and declared body
// size are checked, and one sweep timer closes connections that stall while
// sending a request (408) or sit idle past the keep-alive limit.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(const GatewayOptions &options, QObject *parent = nullptr);

    // A complete request reached the gateway; no timeouts until it is answered.
    void requestStarted(QTcpSocket *socket);
    // The answer is fully written; the connection is idle again (or closes).
    void requestFinished(QTcpSocket *socket, bool close);

    int connectionCount() const { return int(m_connections.size()); }
    // New limits and timeouts, from the next deadline or request on.
    void setOptions(const GatewayOptions &options) { m_options = options; }

Q_SIGNALS:
    // A request was refused here (413, 431, 408) before reaching the gateway.
    void refused(int status, const QString &client, const QString &reason);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    enum class Phase { Idle, Receiving, Handling, Closing };
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        Phase phase = Phase::Idle;
        qint64 deadlineMs = 0;
        QByteArray head; // header block so far, until complete
        bool headDone = false;
        qint64 bodyExpected = -1; // Content-Length, -1 unknown
        qint64 received = 0;      // bytes of this request
    };

    void onReadyRead(QTcpSocket *socket);
    void refuse(Connection &c, GatewayError error, const QString &message);
    void sweep();

    GatewayOptions m_options;
    QHash<QTcpSocket *, Connection> m_connections;
    QTimer m_sweep;
};
