#pragma once

#include "server/GatewayRuntime.h"

#include <QAbstractHttpServer>

class QHttpServerRequest;
class QTcpSocket;

// QHttpServer's parser and connection handling, with Tollgate's own dispatch:
// every request goes through RequestPlanner, then is answered at once or
// handed to a ProxyExchange. Lives on the gateway thread.
class GatewayHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit GatewayHttpServer(GatewayRuntime &runtime, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    GatewayRuntime &m_rt;
};
