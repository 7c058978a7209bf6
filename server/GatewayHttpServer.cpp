#include "server/GatewayHttpServer.h"

#include "core/storage/RequestLogWriter.h"
#include "server/GuardedTcpServer.h"
#include "server/HttpWire.h"
#include "server/ProxyExchange.h"
#include "server/RequestPlanner.h"

#include <QHttpServerRequest>
#include <QTcpSocket>

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

} // namespace

GatewayHttpServer::GatewayHttpServer(GatewayRuntime &runtime, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_rt(runtime)
{
}

bool GatewayHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // The listener read this request before QHttpServer did: its headers are
    // the ones the client sent (QHttpServer 6.4 drops them all past 100), and
    // it knows the HTTP version and whether the connection closes after.
    const WireRequest *wire = m_rt.listener ? m_rt.listener->requestStarted(socket) : nullptr;

    // QHttpServer reuses `request` for the next one on this connection: copy out.
    InboundRequest in;
    in.method = methodName(request.method());
    const QUrl url = request.url();
    in.path = url.path(QUrl::FullyEncoded).toLatin1();
    in.query = url.query(QUrl::FullyEncoded).toLatin1();
    in.headers = wire ? wire->headers : request.headers();
    in.body = request.body();
    const QHostAddress peer = request.remoteAddress();
    in.client = peer.toString();
    in.loopback = peer.isLoopback();
    const bool close = wire ? !wire->keepAlive : in.header("connection").compare("close", Qt::CaseInsensitive) == 0;

    RequestPlan plan = RequestPlanner::plan(in, *m_rt.routes, m_rt.options, m_rt.keys, m_rt.limits);
    if (plan.action == RequestPlan::Action::Reply) {
        if (plan.reservation.active && m_rt.limits)
            m_rt.limits->release(plan.reservation); // refused after admission (e.g. provider key missing)
        socket->write(HttpWire::whole(plan.status, plan.contentType, plan.extraHeaders, plan.body, close));
        if (plan.logIt) {
            plan.log.latencyMs = 0;
            if (m_rt.options.logBodies && plan.status >= 400)
                plan.log.responseBody = plan.body;
            if (m_rt.onFinished)
                m_rt.onFinished(plan.log);
            if (m_rt.log)
                m_rt.log->append(std::move(plan.log));
        }
        if (m_rt.listener)
            m_rt.listener->requestFinished(socket, close);
        return true;
    }
    auto *exchange = new ProxyExchange(m_rt, socket, std::move(plan), close);
    exchange->setParent(this);
    exchange->start();
    return true;
}

void GatewayHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    const ErrorReply reply =
        ErrorReply::make(WireProtocol::OpenAI, GatewayError::NotFound, QStringLiteral("Not found."));
    socket->write(HttpWire::whole(reply.status, "application/json", {}, reply.body, false));
}
