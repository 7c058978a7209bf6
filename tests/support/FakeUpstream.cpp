#include "FakeUpstream.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>

namespace {

constexpr qsizetype kMaxHeaderBlock = 1024 * 1024;
constexpr qint64 kPaceBytes = 64 * 1024; // paced streams keep at most this much queued

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray sseData(const QJsonObject &o)
{
    return "data: " + json(o) + "\n\n";
}

QByteArray sseEvent(const char *name, const QJsonObject &o)
{
    return QByteArray("event: ") + name + "\ndata: " + json(o) + "\n\n";
}

QJsonObject openAiUsage()
{
    return QJsonObject{
        {QStringLiteral("prompt_tokens"), FakeUpstream::kPromptTokens},
        {QStringLiteral("completion_tokens"), FakeUpstream::kCompletionTokens},
        {QStringLiteral("total_tokens"), FakeUpstream::kPromptTokens + FakeUpstream::kCompletionTokens},
        {QStringLiteral("prompt_tokens_details"),
         QJsonObject{{QStringLiteral("cached_tokens"), FakeUpstream::kCachedTokens}}},
    };
}

QJsonObject openAiError(const QString &message, const QString &type, const QString &code)
{
    return QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                             {QStringLiteral("type"), type},
                                                             {QStringLiteral("code"), code}}}};
}

} // namespace

struct FakeUpstream::Request
{
    QByteArray method;
    QByteArray target;
    QByteArray path; // without the query
    QByteArray version;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

struct FakeUpstream::Connection
{
    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    bool busy = false; // a response is being produced; later requests wait
    bool keepAlive = true;
    QList<QByteArray> events; // pending stream chunks
    int nextEvent = 0;
    bool dieHalfway = false;
    int breakAfter = -1;       // events to send before closing the connection; -1: never
    int repeatLeft = 0;        // extra sends of event 1 still to go
    bool continueSent = false; // "100 Continue" already sent for the request being read
    QByteArray presentedKey;   // of the request being answered, for setEchoKey()
};

QByteArray FakeUpstream::RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

FakeUpstream::FakeUpstream(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    m_server->setMaxPendingConnections(4096);
    m_server->setListenBacklogSize(4096); // 1000 clients connecting at once must not wait for SYN retries
    connect(m_server, &QTcpServer::newConnection, this, &FakeUpstream::onNewConnection);
}

FakeUpstream::~FakeUpstream()
{
    const auto connections = m_connections;
    for (Connection *c : connections)
        abortConnection(c);
}

bool FakeUpstream::listen(quint16 port)
{
    // Qt's default backlog (50) drops SYNs when hundreds connect at once.
    m_server->setListenBacklogSize(4096);
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 FakeUpstream::port() const
{
    return m_server->serverPort();
}

QString FakeUpstream::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(port());
}

void FakeUpstream::setModels(const QStringList &models)
{
    m_models = models;
}

void FakeUpstream::setRequiredKey(const QString &key)
{
    m_requiredKey = key;
}

void FakeUpstream::setMode(Mode mode)
{
    m_mode = mode;
}

void FakeUpstream::setResponseDelayMs(int ms)
{
    m_delayMs = qMax(0, ms);
}

void FakeUpstream::setStreamChunks(int count, int intervalMs)
{
    m_cache.clear();
    m_streamChunks = qMax(1, count);
    m_streamIntervalMs = qMax(0, intervalMs);
}

void FakeUpstream::setStreamTimestamps(bool on)
{
    m_streamTimestamps = on;
}

void FakeUpstream::setDieMidStream(bool die)
{
    m_dieMidStream = die;
}

void FakeUpstream::setStreamBreakAfter(int events)
{
    m_streamBreakAfter = events;
}

void FakeUpstream::setStreamErrorAfter(int events, const QString &type)
{
    m_streamErrorAfter = events;
    m_streamErrorType = type;
}

QByteArray FakeUpstream::streamErrorEvent(const QByteArray &firstEvent) const
{
    const QString message = QStringLiteral("The fake upstream failed mid-stream (%1).").arg(m_streamErrorType);
    // Anthropic: https://docs.anthropic.com/en/api/messages-streaming#error-events
    if (firstEvent.startsWith("event: message_start")) {
        return sseEvent("error",
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                    {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), m_streamErrorType},
                                                                          {QStringLiteral("message"), message}}}});
    }
    // OpenAI Responses: an `error` event with the fields at the top level.
    if (firstEvent.startsWith("event: response.")) {
        return sseEvent("error", QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                             {QStringLiteral("code"), m_streamErrorType},
                                             {QStringLiteral("message"), message},
                                             {QStringLiteral("param"), QJsonValue()}});
    }
    // OpenAI chat/completions: a data-only chunk carrying the error envelope.
    return sseData(openAiError(message, m_streamErrorType, QString()));
}

void FakeUpstream::setStreamPaced(bool on)
{
    m_streamPaced = on;
}

void FakeUpstream::setStreamRepeat(int times)
{
    m_streamRepeat = qMax(0, times);
}

void FakeUpstream::setResponseHeaders(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    m_responseHeaders = headers;
}

void FakeUpstream::setRecording(bool on)
{
    m_recording = on;
}

void FakeUpstream::setHugeStreamEventBytes(qsizetype bytes)
{
    m_hugeEventBytes = bytes;
}

void FakeUpstream::setEchoKey(int echo)
{
    m_echo = echo;
}

QByteArray FakeUpstream::presentedKey(const Request &request)
{
    const QByteArray auth = request.header("authorization");
    if (auth.startsWith("Bearer "))
        return auth.mid(7);
    for (const char *name : {"x-api-key", "api-key", "x-goog-api-key"}) {
        const QByteArray value = request.header(name);
        if (!value.isEmpty())
            return value;
    }
    return {};
}

// One more event after the first, whose text holds the key, cut in two in the
// middle of the key: the halves go out as separate chunks (separate writes).
QList<QByteArray> FakeUpstream::withEchoedKey(QList<QByteArray> events, const Request &request, bool anthropic) const
{
    const QByteArray key = presentedKey(request);
    if (!(m_echo & EchoInStream) || key.isEmpty())
        return events;
    const QString text = QStringLiteral("Your key is ") + QString::fromUtf8(key) + QStringLiteral(".");
    const QByteArray event =
        anthropic
            ? sseEvent("content_block_delta",
                       QJsonObject{
                           {QStringLiteral("type"), QStringLiteral("content_block_delta")},
                           {QStringLiteral("index"), 0},
                           {QStringLiteral("delta"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text_delta")},
                                                                 {QStringLiteral("text"), text}}}})
            : sseData(QJsonObject{
                {QStringLiteral("id"), QStringLiteral("chatcmpl-fake")},
                {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                {QStringLiteral("choices"),
                 QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                        {QStringLiteral("delta"), QJsonObject{{QStringLiteral("content"), text}}}}}}});
    const qsizetype split = event.indexOf(key) + key.size() / 2;
    // After the first event; with setDieMidStream() just where the connection
    // breaks, so the stream ends half-way through the key.
    const qsizetype at = m_dieMidStream ? (events.size() + 2) / 2 - 1 : qMin<qsizetype>(1, events.size());
    events.insert(at, event.left(split));
    events.insert(at + 1, event.mid(split));
    return events;
}

void FakeUpstream::writeSplitAt(Connection *c, const QByteArray &response, qsizetype at)
{
    c->socket->write(response.left(at));
    c->socket->flush();
    QPointer<QTcpSocket> socket = c->socket;
    const QByteArray rest = response.mid(at);
    QTimer::singleShot(qMax(20, m_streamIntervalMs), c->socket, [this, socket, rest] {
        Connection *c = socket ? m_connections.value(socket) : nullptr;
        if (!c)
            return;
        c->socket->write(rest);
        finishResponse(c);
    });
}

void FakeUpstream::clearRequests()
{
    m_requests.clear();
}

void FakeUpstream::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *c = new Connection;
        c->socket = socket;
        m_connections.insert(socket, c);
        ++m_connectionCount;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (Connection *c = m_connections.value(socket))
                onReadyRead(c);
        });
        connect(socket, &QTcpSocket::bytesWritten, this, [this, socket] {
            Connection *c = m_connections.value(socket);
            if (c && m_streamPaced && !c->events.isEmpty() && m_streamIntervalMs == 0
                && socket->bytesToWrite() <= kPaceBytes)
                streamNext(c);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            if (Connection *c = m_connections.value(socket))
                dropConnection(c);
        });
    }
}

void FakeUpstream::dropConnection(Connection *c)
{
    QTcpSocket *socket = c->socket;
    if (!m_connections.remove(socket))
        return;
    socket->disconnect(this);
    socket->deleteLater();
    delete c;
}

void FakeUpstream::abortConnection(Connection *c)
{
    QTcpSocket *socket = c->socket;
    dropConnection(c); // first: abort() emits disconnected() synchronously
    socket->abort();
}

void FakeUpstream::onReadyRead(Connection *c)
{
    QTcpSocket *socket = c->socket;
    c->buffer.append(socket->readAll());
    while (!c->busy) {
        Request request;
        if (!parseRequest(c, &request))
            return;
        if (m_connections.value(socket) != c)
            return;
        handle(c, request);
        // handle() may have dropped the connection (Reset).
        if (m_connections.value(socket) != c)
            return;
    }
}

bool FakeUpstream::parseRequest(Connection *c, Request *request)
{
    const qsizetype end = c->buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (c->buffer.size() > kMaxHeaderBlock) {
            abortConnection(c);
        }
        return false;
    }
    const QList<QByteArray> lines = c->buffer.left(end).split('\n');
    if (lines.isEmpty())
        return false;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() < 3) {
        abortConnection(c);
        return false;
    }
    request->method = requestLine.at(0);
    request->target = requestLine.at(1);
    request->version = requestLine.at(2);
    const qsizetype query = request->target.indexOf('?');
    request->path = query < 0 ? request->target : request->target.left(query);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request->headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }

    qsizetype bodyStart = end + 4;
    // RFC 9110 15.2.1: a client that sent "Expect: 100-continue" waits for this.
    if (!c->continueSent && request->header("expect").toLower() == "100-continue") {
        c->continueSent = true;
        c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (request->header("transfer-encoding").toLower().contains("chunked")) {
        qsizetype pos = bodyStart;
        QByteArray body;
        for (;;) {
            const qsizetype lineEnd = c->buffer.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const qsizetype size = c->buffer.mid(pos, lineEnd - pos).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok) {
                abortConnection(c);
                return false;
            }
            pos = lineEnd + 2;
            if (size == 0) {
                // Skip trailers up to the empty line.
                const qsizetype trailerEnd = c->buffer.indexOf("\r\n", pos);
                if (trailerEnd < 0)
                    return false;
                if (trailerEnd == pos) {
                    pos += 2;
                    break;
                }
                const qsizetype blank = c->buffer.indexOf("\r\n\r\n", pos);
                if (blank < 0)
                    return false;
                pos = blank + 4;
                break;
            }
            if (c->buffer.size() < pos + size + 2)
                return false;
            body.append(c->buffer.constData() + pos, size);
            pos += size + 2;
        }
        request->body = body;
        c->buffer.remove(0, pos);
    } else {
        const qsizetype length = request->header("content-length").toLongLong();
        if (c->buffer.size() < bodyStart + length)
            return false;
        request->body = c->buffer.mid(bodyStart, length);
        c->buffer.remove(0, bodyStart + length);
    }
    return true;
}

bool FakeUpstream::authorized(const Request &request) const
{
    if (m_requiredKey.isEmpty())
        return true;
    const QByteArray key = m_requiredKey.toUtf8();
    return request.header("authorization") == "Bearer " + key || request.header("x-api-key") == key
           || request.header("api-key") == key || request.header("x-goog-api-key") == key;
}

void FakeUpstream::handle(Connection *c, const Request &request)
{
    c->continueSent = false;
    c->presentedKey = presentedKey(request);
    ++m_requestCount;
    if (m_recording) {
        RecordedRequest recorded;
        recorded.method = request.method;
        recorded.path = request.target;
        recorded.headers = request.headers;
        recorded.body = request.body;
        m_requests.append(recorded);
    }
    const QByteArray connection = request.header("connection").toLower();
    c->keepAlive = request.version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
    c->busy = true;
    QTcpSocket *socket = c->socket;
    Q_EMIT requestReceived();
    if (m_connections.value(socket) != c)
        return;

    if (m_mode == Reset) {
        abortConnection(c);
        return;
    }
    if (m_mode == Hang)
        return;
    if (m_delayMs > 0) {
        QPointer<QTcpSocket> guard = socket;
        QTimer::singleShot(m_delayMs, socket, [this, guard, request] {
            Connection *c = guard ? m_connections.value(guard) : nullptr;
            if (c)
                respond(c, request);
        });
        return;
    }
    respond(c, request);
}

void FakeUpstream::respond(Connection *c, const Request &request)
{
    if ((m_echo & EchoInErrorBody) && !presentedKey(request).isEmpty()) {
        writeResponse(c, 401, "application/json",
                      json(openAiError(QStringLiteral("Incorrect API key provided: %1. You can find your API key "
                                                      "in your account settings.")
                                           .arg(QString::fromUtf8(presentedKey(request))),
                                       QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key"))));
        return;
    }
    switch (m_mode) {
    case Unauthorized:
        writeResponse(c, 401, "application/json",
                      json(openAiError(QStringLiteral("Incorrect API key provided."),
                                       QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key"))));
        return;
    case Garbage:
        writeResponse(c, 200, "text/html; charset=utf-8",
                      "<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>It works!</h1>"
                      "<p>This is not an API.</p></body></html>");
        return;
    case MalformedJson:
        writeResponse(c, 200, "application/json", R"({"object":"list","data":[{"id":"gpt-4o","obj)");
        return;
    case WrongShape:
        writeResponse(c, 200, "application/json", R"({"object":"list","items":[{"name":"gpt-4o"}]})");
        return;
    case ServerError:
        writeResponse(c, 500, "application/json",
                      json(openAiError(QStringLiteral("The server had an error while processing your request."),
                                       QStringLiteral("server_error"), QStringLiteral("internal_error"))));
        return;
    case RateLimited:
        writeResponse(c, 429, "application/json",
                      json(openAiError(QStringLiteral("Rate limit reached."), QStringLiteral("rate_limit_error"),
                                       QStringLiteral("rate_limit_exceeded"))),
                      {{"Retry-After", "1"}});
        return;
    case Normal:
    case Hang:
    case Reset:
        break;
    }

    if (!authorized(request)) {
        writeResponse(c, 401, "application/json",
                      json(openAiError(QStringLiteral("Incorrect API key provided."),
                                       QStringLiteral("invalid_request_error"), QStringLiteral("invalid_api_key"))));
        return;
    }

    const QByteArray &path = request.path;
    if (request.method == "GET" && path == "/_fake/requests") {
        // What this upstream received so far (with --record), for tests that
        // drive it as a process: method, target and the body as sent.
        QJsonArray list;
        for (const RecordedRequest &r : std::as_const(m_requests))
            list.append(QJsonObject{{QStringLiteral("method"), QString::fromLatin1(r.method)},
                                    {QStringLiteral("path"), QString::fromLatin1(r.path)},
                                    {QStringLiteral("body"), QString::fromUtf8(r.body)}});
        writeResponse(c, 200, "application/json", QJsonDocument(list).toJson(QJsonDocument::Compact));
        return;
    }
    // Like the real APIs, everything lives under a version path.
    if (!path.startsWith("/v1/")) {
        writeResponse(c, 404, "application/json",
                      json(openAiError(QStringLiteral("Unknown path."), QStringLiteral("invalid_request_error"),
                                       QStringLiteral("not_found"))));
        return;
    }
    if (request.method == "GET") {
        if (path.endsWith("/models")) {
            writeResponse(c, 200, "application/json", modelsBody(request));
            return;
        }
        writeResponse(c, 404, "application/json",
                      json(openAiError(QStringLiteral("Unknown path."), QStringLiteral("invalid_request_error"),
                                       QStringLiteral("not_found"))));
        return;
    }

    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QByteArray model = body.value(QLatin1String("model")).toString().toUtf8();
    const bool stream = body.value(QLatin1String("stream")).toBool();
    const bool includeUsage =
        body.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool();

    if (path.endsWith("/chat/completions")) {
        if (stream) {
            startStream(c, withEchoedKey(openAiStream(model, /*chat=*/true, includeUsage), request, false));
        } else if ((m_echo & EchoInBody) && !presentedKey(request).isEmpty()) {
            QJsonObject o = QJsonDocument::fromJson(chatCompletion(model)).object();
            const QByteArray key = presentedKey(request);
            o.insert(QStringLiteral("system_fingerprint"), QString::fromUtf8("debug " + key));
            const QByteArray body = json(o);
            QByteArray response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\n";
            if (m_echo & EchoInHeader)
                response += "X-Debug-Authorization: Bearer " + key + "\r\n";
            if (!c->keepAlive)
                response += "Connection: close\r\n";
            response += "\r\n" + body;
            writeSplitAt(c, response, response.indexOf(key, response.indexOf("\r\n\r\n")) + key.size() / 2);
        } else {
            writeResponse(c, 200, "application/json", cached("chat", model, &FakeUpstream::chatCompletion));
        }
    } else if (path.endsWith("/completions")) {
        if (stream)
            startStream(c, openAiStream(model, /*chat=*/false, includeUsage));
        else
            writeResponse(c, 200, "application/json", cached("text", model, &FakeUpstream::textCompletion));
    } else if (path.endsWith("/embeddings")) {
        const QJsonValue input = body.value(QLatin1String("input"));
        const int inputs = input.isArray() ? qMax(1, int(input.toArray().size())) : 1;
        writeResponse(c, 200, "application/json", embeddings(model, inputs));
    } else if (path.endsWith("/responses")) {
        // As OpenAI does: the Responses API spells the limit max_output_tokens.
        if (body.contains(QLatin1String("max_tokens"))) {
            writeResponse(
                c, 400, "application/json",
                json(openAiError(QStringLiteral("Unsupported parameter: 'max_tokens'. In the Responses API, "
                                                "this parameter has moved to 'max_output_tokens'."),
                                 QStringLiteral("invalid_request_error"), QStringLiteral("unsupported_parameter"))));
            return;
        }
        if (stream)
            startStream(c, responsesStream(model));
        else
            writeResponse(c, 200, "application/json", responsesObject(model));
    } else if (path.endsWith("/messages/count_tokens")) {
        writeResponse(c, 200, "application/json", json(QJsonObject{{QStringLiteral("input_tokens"), kPromptTokens}}));
    } else if (path.endsWith("/messages")) {
        if (stream)
            startStream(c, withEchoedKey(anthropicStream(model), request, true));
        else
            writeResponse(c, 200, "application/json", cached("messages", model, &FakeUpstream::anthropicMessage));
    } else if (path.endsWith("/audio/transcriptions")) {
        writeResponse(c, 200, "application/json",
                      json(QJsonObject{{QStringLiteral("text"), QStringLiteral("Hello from the fake upstream.")}}));
    } else {
        writeResponse(
            c, 200, "application/json",
            json(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("path"), QString::fromUtf8(request.path)}}));
    }
}

void FakeUpstream::writeResponse(Connection *c, int status, const QByteArray &contentType, const QByteArray &body,
                                 const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QByteArray out;
    out.reserve(body.size() + 200);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : extraHeaders)
        out += h.first + ": " + h.second + "\r\n";
    for (const auto &h : std::as_const(m_responseHeaders))
        out += h.first + ": " + h.second + "\r\n";
    if ((m_echo & EchoInHeader) && !c->presentedKey.isEmpty())
        out += "X-Debug-Authorization: Bearer " + c->presentedKey + "\r\n";
    if (!c->keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    c->socket->write(out);
    finishResponse(c);
}

void FakeUpstream::startStream(Connection *c, QList<QByteArray> events)
{
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                      "Transfer-Encoding: chunked\r\n";
    if ((m_echo & EchoInHeader) && !c->presentedKey.isEmpty())
        head += "X-Debug-Authorization: Bearer " + c->presentedKey + "\r\n";
    if (!c->keepAlive)
        head += "Connection: close\r\n";
    head += "\r\n";
    c->socket->write(head);
    if (m_streamErrorAfter >= 0 && !events.isEmpty()) {
        const QByteArray error = streamErrorEvent(events.first());
        events.resize(qMin(events.size(), qsizetype(m_streamErrorAfter)));
        events.append(error);
    }
    if (m_hugeEventBytes > 0)
        events.insert(qMin<qsizetype>(1, events.size()),
                      "data: {\"pad\":\"" + QByteArray(m_hugeEventBytes, 'x') + "\"}\n\n");
    c->events = std::move(events);
    c->nextEvent = 0;
    c->dieHalfway = m_dieMidStream;
    c->breakAfter = m_streamBreakAfter;
    c->repeatLeft = c->events.size() > 2 ? m_streamRepeat : 0;
    streamNext(c);
}

void FakeUpstream::streamNext(Connection *c)
{
    for (;;) {
        if ((c->dieHalfway && c->nextEvent >= c->events.size() / 2)
            || (c->breakAfter >= 0 && c->nextEvent >= c->breakAfter)) {
            c->socket->flush();
            abortConnection(c);
            return;
        }
        if (c->nextEvent >= c->events.size()) {
            c->socket->write("0\r\n\r\n");
            c->events.clear();
            finishResponse(c);
            return;
        }
        if (m_streamPaced && m_streamIntervalMs == 0 && c->socket->bytesToWrite() > kPaceBytes)
            return; // bytesWritten brings us back
        QByteArray event = c->events.at(c->nextEvent);
        if (c->nextEvent == 1 && c->repeatLeft > 0)
            --c->repeatLeft;
        else
            ++c->nextEvent;
        if (m_streamTimestamps) {
            const auto sent = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::system_clock::now().time_since_epoch());
            event.prepend(": sent_us " + QByteArray::number(qint64(sent.count())) + '\n');
        }
        c->socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
        if (m_streamIntervalMs > 0 && c->nextEvent < c->events.size())
            break;
    }
    QPointer<QTcpSocket> socket = c->socket;
    QTimer::singleShot(m_streamIntervalMs, c->socket, [this, socket] {
        Connection *c = socket ? m_connections.value(socket) : nullptr;
        if (c)
            streamNext(c);
    });
}

void FakeUpstream::finishResponse(Connection *c)
{
    ++m_responsesFinished;
    c->busy = false;
    if (!c->keepAlive) {
        c->socket->disconnectFromHost();
        return;
    }
    if (!c->buffer.isEmpty()) {
        // A pipelined request already waits; serve it on the next pass.
        QPointer<QTcpSocket> socket = c->socket;
        QTimer::singleShot(0, c->socket, [this, socket] {
            Connection *c = socket ? m_connections.value(socket) : nullptr;
            if (c && !c->busy)
                onReadyRead(c);
        });
    }
}

QByteArray FakeUpstream::modelsBody(const Request &request) const
{
    const qint64 created = 1700000000;
    if (!request.header("x-goog-api-key").isEmpty()) {
        QJsonArray models;
        for (const QString &id : m_models) {
            const bool embed = id.contains(QLatin1String("embed"));
            models.append(QJsonObject{
                {QStringLiteral("name"), QStringLiteral("models/") + id},
                {QStringLiteral("displayName"), id},
                {QStringLiteral("supportedGenerationMethods"),
                 embed ? QJsonArray{QStringLiteral("embedContent")}
                       : QJsonArray{QStringLiteral("generateContent"), QStringLiteral("countTokens")}},
            });
        }
        return json(QJsonObject{{QStringLiteral("models"), models}});
    }
    if (!request.header("anthropic-version").isEmpty()) {
        QJsonArray data;
        for (const QString &id : m_models) {
            data.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("model")},
                                    {QStringLiteral("id"), id},
                                    {QStringLiteral("display_name"), id},
                                    {QStringLiteral("created_at"), QStringLiteral("2024-10-22T00:00:00Z")}});
        }
        return json(QJsonObject{
            {QStringLiteral("data"), data},
            {QStringLiteral("has_more"), false},
            {QStringLiteral("first_id"), m_models.isEmpty() ? QJsonValue() : QJsonValue(m_models.first())},
            {QStringLiteral("last_id"), m_models.isEmpty() ? QJsonValue() : QJsonValue(m_models.last())},
        });
    }
    QJsonArray data;
    for (const QString &id : m_models) {
        data.append(QJsonObject{{QStringLiteral("id"), id},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), created},
                                {QStringLiteral("owned_by"), QStringLiteral("fake-upstream")}});
    }
    return json(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}});
}

QByteArray FakeUpstream::cached(const QByteArray &route, const QByteArray &model,
                                QByteArray (FakeUpstream::*make)(const QByteArray &) const) const
{
    const QByteArray key = route + '\0' + model;
    auto it = m_cache.constFind(key);
    if (it == m_cache.constEnd()) {
        if (m_cache.size() > 1000)
            m_cache.clear();
        it = m_cache.insert(key, (this->*make)(model));
    }
    return it.value();
}

QByteArray FakeUpstream::piece(int i) const
{
    return i == 0 ? QByteArrayLiteral("Hello") : " piece" + QByteArray::number(i);
}

QByteArray FakeUpstream::chatCompletion(const QByteArray &model) const
{
    QByteArray text;
    for (int i = 0; i < m_streamChunks; ++i)
        text += piece(i);
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QString::fromUtf8(text)}};
    return json(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-fake")},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("model"), QString::fromUtf8(model)},
        {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                           {QStringLiteral("message"), message},
                                                           {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
        {QStringLiteral("usage"), openAiUsage()},
    });
}

// Chat (chat.completion.chunk with deltas, then an empty delta carrying the
// finish reason) and text (text_completion, finish reason on the last piece)
// share the frame: one chunk per piece, the usage chunk when asked, [DONE].
QList<QByteArray> FakeUpstream::openAiStream(const QByteArray &model, bool chat, bool includeUsage) const
{
    QList<QByteArray> events;
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    auto chunk = [&](const QJsonArray &choices) {
        return QJsonObject{{QStringLiteral("id"), chat ? QStringLiteral("chatcmpl-fake") : QStringLiteral("cmpl-fake")},
                           {QStringLiteral("object"),
                            chat ? QStringLiteral("chat.completion.chunk") : QStringLiteral("text_completion")},
                           {QStringLiteral("created"), created},
                           {QStringLiteral("model"), QString::fromUtf8(model)},
                           {QStringLiteral("choices"), choices}};
    };
    for (int i = 0; i < m_streamChunks; ++i) {
        const QString text = QString::fromUtf8(piece(i));
        QJsonObject choice{{QStringLiteral("index"), 0}, {QStringLiteral("finish_reason"), QJsonValue()}};
        if (chat) {
            QJsonObject delta{{QStringLiteral("content"), text}};
            if (i == 0)
                delta.insert(QStringLiteral("role"), QStringLiteral("assistant"));
            choice.insert(QStringLiteral("delta"), delta);
        } else {
            choice.insert(QStringLiteral("text"), text);
            choice.insert(QStringLiteral("logprobs"), QJsonValue());
            if (i == m_streamChunks - 1)
                choice.insert(QStringLiteral("finish_reason"), QStringLiteral("stop"));
        }
        events.append(sseData(chunk(QJsonArray{choice})));
    }
    if (chat) {
        events.append(
            sseData(chunk(QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                 {QStringLiteral("delta"), QJsonObject()},
                                                 {QStringLiteral("finish_reason"), QStringLiteral("stop")}}})));
    }
    if (includeUsage) {
        // OpenAI: usage arrives in a final chunk with empty choices.
        QJsonObject last = chunk(QJsonArray());
        last.insert(QStringLiteral("usage"), openAiUsage());
        events.append(sseData(last));
    }
    events.append(QByteArrayLiteral("data: [DONE]\n\n"));
    return events;
}

QByteArray FakeUpstream::textCompletion(const QByteArray &model) const
{
    QByteArray text;
    for (int i = 0; i < m_streamChunks; ++i)
        text += piece(i);
    return json(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("cmpl-fake")},
        {QStringLiteral("object"), QStringLiteral("text_completion")},
        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("model"), QString::fromUtf8(model)},
        {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                           {QStringLiteral("text"), QString::fromUtf8(text)},
                                                           {QStringLiteral("logprobs"), QJsonValue()},
                                                           {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
        {QStringLiteral("usage"), openAiUsage()},
    });
}

void FakeUpstream::setAnthropicCacheWrites(int total, int oneHour)
{
    m_cacheWrites = total;
    m_cacheWrites1h = oneHour;
    m_cache.clear(); // canned bodies carry the old numbers
}

QJsonObject FakeUpstream::anthropicUsage(int outputTokens) const
{
    QJsonObject usage{{QStringLiteral("input_tokens"), kPromptTokens},
                      {QStringLiteral("output_tokens"), outputTokens},
                      {QStringLiteral("cache_creation_input_tokens"), m_cacheWrites},
                      {QStringLiteral("cache_read_input_tokens"), kCachedTokens}};
    if (m_cacheWrites1h > 0)
        usage.insert(QStringLiteral("cache_creation"),
                     QJsonObject{{QStringLiteral("ephemeral_5m_input_tokens"), m_cacheWrites - m_cacheWrites1h},
                                 {QStringLiteral("ephemeral_1h_input_tokens"), m_cacheWrites1h}});
    return usage;
}

QByteArray FakeUpstream::anthropicMessage(const QByteArray &model) const
{
    QByteArray text;
    for (int i = 0; i < m_streamChunks; ++i)
        text += piece(i);
    return json(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("msg_fake")},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), QString::fromUtf8(model)},
        {QStringLiteral("content"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                           {QStringLiteral("text"), QString::fromUtf8(text)}}}},
        {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
        {QStringLiteral("stop_sequence"), QJsonValue()},
        {QStringLiteral("usage"), anthropicUsage(kCompletionTokens)},
    });
}

QList<QByteArray> FakeUpstream::anthropicStream(const QByteArray &model) const
{
    QList<QByteArray> events;
    const QJsonObject message{
        {QStringLiteral("id"), QStringLiteral("msg_fake")},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), QString::fromUtf8(model)},
        {QStringLiteral("content"), QJsonArray()},
        {QStringLiteral("stop_reason"), QJsonValue()},
        {QStringLiteral("stop_sequence"), QJsonValue()},
        {QStringLiteral("usage"), anthropicUsage(1)},
    };
    events.append(sseEvent("message_start", QJsonObject{{QStringLiteral("type"), QStringLiteral("message_start")},
                                                        {QStringLiteral("message"), message}}));
    events.append(sseEvent(
        "content_block_start",
        QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_start")},
                    {QStringLiteral("index"), 0},
                    {QStringLiteral("content_block"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                                  {QStringLiteral("text"), QString()}}}}));
    for (int i = 0; i < m_streamChunks; ++i) {
        events.append(sseEvent("content_block_delta",
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                                           {QStringLiteral("index"), 0},
                                           {QStringLiteral("delta"),
                                            QJsonObject{{QStringLiteral("type"), QStringLiteral("text_delta")},
                                                        {QStringLiteral("text"), QString::fromUtf8(piece(i))}}}}));
    }
    events.append(
        sseEvent("content_block_stop", QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_stop")},
                                                   {QStringLiteral("index"), 0}}));
    events.append(sseEvent(
        "message_delta",
        QJsonObject{{QStringLiteral("type"), QStringLiteral("message_delta")},
                    {QStringLiteral("delta"), QJsonObject{{QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                                                          {QStringLiteral("stop_sequence"), QJsonValue()}}},
                    {QStringLiteral("usage"), QJsonObject{{QStringLiteral("output_tokens"), kCompletionTokens}}}}));
    events.append(sseEvent("message_stop", QJsonObject{{QStringLiteral("type"), QStringLiteral("message_stop")}}));
    return events;
}

QByteArray FakeUpstream::responsesObject(const QByteArray &model) const
{
    QByteArray text;
    for (int i = 0; i < m_streamChunks; ++i)
        text += piece(i);
    const QJsonObject usage{
        {QStringLiteral("input_tokens"), kPromptTokens},
        {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), kCachedTokens}}},
        {QStringLiteral("output_tokens"), kCompletionTokens},
        {QStringLiteral("output_tokens_details"), QJsonObject{{QStringLiteral("reasoning_tokens"), 0}}},
        {QStringLiteral("total_tokens"), kPromptTokens + kCompletionTokens},
    };
    const QJsonObject content{{QStringLiteral("type"), QStringLiteral("output_text")},
                              {QStringLiteral("text"), QString::fromUtf8(text)},
                              {QStringLiteral("annotations"), QJsonArray()}};
    return json(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("resp_fake")},
        {QStringLiteral("object"), QStringLiteral("response")},
        {QStringLiteral("created_at"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("status"), QStringLiteral("completed")},
        {QStringLiteral("model"), QString::fromUtf8(model)},
        {QStringLiteral("output"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("message")},
                                                          {QStringLiteral("id"), QStringLiteral("msg_fake")},
                                                          {QStringLiteral("status"), QStringLiteral("completed")},
                                                          {QStringLiteral("role"), QStringLiteral("assistant")},
                                                          {QStringLiteral("content"), QJsonArray{content}}}}},
        {QStringLiteral("usage"), usage},
    });
}

QList<QByteArray> FakeUpstream::responsesStream(const QByteArray &model) const
{
    QList<QByteArray> events;
    const QJsonObject done = QJsonDocument::fromJson(responsesObject(model)).object();
    QJsonObject created = done;
    created.insert(QStringLiteral("status"), QStringLiteral("in_progress"));
    created.insert(QStringLiteral("output"), QJsonArray());
    created.remove(QStringLiteral("usage"));
    events.append(sseEvent("response.created", QJsonObject{{QStringLiteral("type"), QStringLiteral("response.created")},
                                                           {QStringLiteral("response"), created}}));
    for (int i = 0; i < m_streamChunks; ++i) {
        events.append(sseEvent("response.output_text.delta",
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("response.output_text.delta")},
                                           {QStringLiteral("item_id"), QStringLiteral("msg_fake")},
                                           {QStringLiteral("output_index"), 0},
                                           {QStringLiteral("content_index"), 0},
                                           {QStringLiteral("delta"), QString::fromUtf8(piece(i))}}));
    }
    events.append(
        sseEvent("response.completed", QJsonObject{{QStringLiteral("type"), QStringLiteral("response.completed")},
                                                   {QStringLiteral("response"), done}}));
    return events;
}

QByteArray FakeUpstream::embeddings(const QByteArray &model, int inputs) const
{
    QJsonArray data;
    for (int i = 0; i < inputs; ++i) {
        QJsonArray vector;
        for (int k = 0; k < 8; ++k)
            vector.append(0.125 * (k + 1) - 0.01 * i);
        data.append(QJsonObject{{QStringLiteral("object"), QStringLiteral("embedding")},
                                {QStringLiteral("index"), i},
                                {QStringLiteral("embedding"), vector}});
    }
    return json(QJsonObject{
        {QStringLiteral("object"), QStringLiteral("list")},
        {QStringLiteral("data"), data},
        {QStringLiteral("model"), QString::fromUtf8(model)},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), kPromptTokens},
                                              {QStringLiteral("total_tokens"), kPromptTokens}}},
    });
}
