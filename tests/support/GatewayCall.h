#pragma once

#include "core/net/HttpClient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

// Calls to a gateway under test: through HttpClient (what an SDK sees) or as
// raw bytes on a socket (what is really on the wire).
namespace GatewayCall {

struct Response
{
    int status = 0;
    HttpResponseHead head;
    QByteArray body;
    QList<QByteArray> chunks; // as they arrived
    HttpResult result;
    QJsonObject json() const;
    QByteArray header(const QByteArray &name) const;
};

// `baseUrl` is http://127.0.0.1:<port>; a body gets Content-Type: application/json
// unless the headers name one; `key` goes out as a Bearer token.
Response call(HttpClient &http, const QString &baseUrl, const QByteArray &method, const QString &path,
              const QByteArray &body = {}, const HttpHeaders &headers = {}, const QString &key = QString(),
              int timeoutMs = 10000);

// Writes `request` as it is and returns every byte the gateway sends back
// until it closes the connection or `timeoutMs` pass (send Connection: close).
QByteArray raw(quint16 port, const QByteArray &request, int timeoutMs = 5000);

struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // de-chunked when chunked
    bool chunked = false;
    QByteArray header(const QByteArray &name) const;
};
// Parses the first response in `bytes`.
RawResponse parse(const QByteArray &bytes);

} // namespace GatewayCall
