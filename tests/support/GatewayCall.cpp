#include "support/GatewayCall.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

QJsonObject GatewayCall::Response::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray GatewayCall::Response::header(const QByteArray &name) const
{
    for (const auto &h : head.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

GatewayCall::Response GatewayCall::call(HttpClient &http, const QString &baseUrl, const QByteArray &method,
                                        const QString &path, const QByteArray &body, const HttpHeaders &headers,
                                        const QString &key, int timeoutMs)
{
    Response r;
    HttpRequest req;
    req.method = method;
    req.url = (baseUrl + path).toUtf8();
    req.body = body;
    req.headers = headers;
    if (!body.isEmpty() && !std::any_of(headers.begin(), headers.end(), [](const auto &h) {
            return h.first.compare("content-type", Qt::CaseInsensitive) == 0;
        }))
        req.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    if (!key.isEmpty())
        req.headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + key.toUtf8()));
    req.firstByteTimeoutMs = timeoutMs;
    bool done = false;
    HttpClient::Handler h;
    h.onHead = [&](const HttpResponseHead &head) {
        r.head = head;
        r.status = head.status;
    };
    h.onData = [&](const char *data, qsizetype size) {
        r.body.append(data, size);
        r.chunks.append(QByteArray(data, size));
    };
    h.onDone = [&](const HttpResult &result) {
        r.result = result;
        done = true;
    };
    http.start(req, h);
    QTest::qWaitFor([&] { return done; }, timeoutMs + 2000);
    if (!done)
        r.result.message = QStringLiteral("test client timed out");
    return r;
}

QByteArray GatewayCall::raw(quint16 port, const QByteArray &request, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000))
        return {};
    socket.write(request);
    QByteArray out;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < timeoutMs) {
        QTest::qWait(1); // the gateway may run on this thread's event loop
        out += socket.readAll();
        if (socket.state() != QAbstractSocket::ConnectedState)
            break;
    }
    out += socket.readAll();
    return out;
}

QByteArray GatewayCall::RawResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

GatewayCall::RawResponse GatewayCall::parse(const QByteArray &bytes)
{
    RawResponse r;
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return r;
    const QList<QByteArray> lines = bytes.left(end).split('\n');
    const QList<QByteArray> status = lines.first().trimmed().split(' ');
    if (status.size() >= 2)
        r.status = status.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            r.headers.append({lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
    }
    const QByteArray rest = bytes.mid(end + 4);
    if (r.header("transfer-encoding").toLower().contains("chunked")) {
        r.chunked = true;
        qsizetype pos = 0;
        for (;;) {
            const qsizetype lineEnd = rest.indexOf("\r\n", pos);
            if (lineEnd < 0)
                break;
            bool ok = false;
            const qsizetype size = rest.mid(pos, lineEnd - pos).trimmed().toLongLong(&ok, 16);
            if (!ok || size == 0)
                break;
            r.body += rest.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
    } else {
        const QByteArray length = r.header("content-length");
        r.body = length.isEmpty() ? rest : rest.left(length.toLongLong());
    }
    return r;
}
