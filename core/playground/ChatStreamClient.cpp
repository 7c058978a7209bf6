#include "core/playground/ChatStreamClient.h"

#include "core/net/HttpClient.h"
#include "core/net/SseParser.h"
#include "core/protocol/TokenUsage.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcChatStream, "tollgate.playground.stream")

namespace {

// An error body is short; anything longer is not worth keeping for a message.
constexpr qsizetype kMaxErrorBody = 64 * 1024;

} // namespace

struct ChatStreamClient::Stream
{
    StreamId id = 0;
    HttpClient::TransferId transfer = 0;
    QElapsedTimer clock;
    SseParser parser;
    TokenUsage usage;
    int status = 0;
    QByteArray errorBody;
    bool sawDone = false;
    QString streamError; // an error event inside a 200 stream
    ChatStreamResult result;
};

QString ChatStreamResult::errorName(Error error)
{
    switch (error) {
    case Error::None:
        return QStringLiteral("none");
    case Error::Cancelled:
        return QStringLiteral("cancelled");
    case Error::Unauthorized:
        return QStringLiteral("unauthorized");
    case Error::Forbidden:
        return QStringLiteral("forbidden");
    case Error::NotFound:
        return QStringLiteral("not_found");
    case Error::BadRequest:
        return QStringLiteral("bad_request");
    case Error::RateLimited:
        return QStringLiteral("rate_limited");
    case Error::Upstream:
        return QStringLiteral("upstream");
    case Error::Timeout:
        return QStringLiteral("timeout");
    case Error::Unreachable:
        return QStringLiteral("unreachable");
    case Error::Broken:
        return QStringLiteral("broken");
    }
    return QStringLiteral("unknown");
}

ChatStreamClient::ChatStreamClient(HttpClient &http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
}

ChatStreamClient::~ChatStreamClient()
{
    for (auto it = m_streams.cbegin(); it != m_streams.cend(); ++it) {
        m_http.abort(it.value()->transfer);
        delete it.value();
    }
}

void ChatStreamClient::setEndpoint(const QString &baseUrl, const QString &key)
{
    m_baseUrl = baseUrl;
    while (m_baseUrl.endsWith(QLatin1Char('/')))
        m_baseUrl.chop(1);
    m_key = key;
}

void ChatStreamClient::setTimeouts(int connectMs, int firstByteMs, int totalMs)
{
    m_connectMs = connectMs;
    m_firstByteMs = firstByteMs;
    m_totalMs = totalMs;
}

QJsonObject ChatStreamClient::requestBody(const QString &model, const ChatHistory &messages,
                                          const ChatParameters &parameters)
{
    QJsonArray array;
    for (const ChatMessage &m : messages)
        array.append(m.toJson());
    QJsonObject body{{QStringLiteral("model"), model},
                     {QStringLiteral("messages"), array},
                     {QStringLiteral("stream"), true},
                     // OpenAI: usage arrives in a final chunk with empty choices.
                     {QStringLiteral("stream_options"), QJsonObject{{QStringLiteral("include_usage"), true}}}};
    parameters.applyTo(&body);
    return body;
}

ChatStreamClient::StreamId ChatStreamClient::start(const QString &model, const ChatHistory &messages,
                                                   const ChatParameters &parameters)
{
    const StreamId id = m_nextId++;
    auto *s = new Stream;
    s->id = id;
    s->clock.start();
    m_streams.insert(id, s);

    HttpRequest request;
    request.method = "POST";
    request.url = (m_baseUrl + QStringLiteral("/v1/chat/completions")).toUtf8();
    request.headers = {{"Content-Type", "application/json"},
                       {"Accept", "text/event-stream"},
                       {"Authorization", "Bearer " + m_key.toUtf8()},
                       {"User-Agent", "Tollgate-Playground/" TOLLGATE_VERSION}};
    request.body = QJsonDocument(requestBody(model, messages, parameters)).toJson(QJsonDocument::Compact);
    request.connectTimeoutMs = m_connectMs;
    request.firstByteTimeoutMs = m_firstByteMs;
    request.totalTimeoutMs = m_totalMs;

    HttpClient::Handler handler;
    handler.onHead = [this, id](const HttpResponseHead &head) { onHead(id, head.status); };
    handler.onData = [this, id](const char *data, qsizetype size) { onData(id, data, size); };
    handler.onDone = [this, id](const HttpResult &result) {
        onDone(id, result.ok(), int(result.error), result.message);
    };
    s->transfer = m_http.start(std::move(request), std::move(handler));
    return id;
}

void ChatStreamClient::cancel(StreamId id)
{
    Stream *s = m_streams.value(id);
    if (!s)
        return;
    m_http.abort(s->transfer);
    finish(id, ChatStreamResult::Error::Cancelled, tr("Stopped."));
}

ChatStreamResult::Error ChatStreamClient::errorForStatus(int status)
{
    using E = ChatStreamResult::Error;
    if (status == 401)
        return E::Unauthorized;
    if (status == 403)
        return E::Forbidden;
    if (status == 404)
        return E::NotFound;
    if (status == 408 || status == 504)
        return E::Timeout;
    if (status == 429)
        return E::RateLimited;
    if (status >= 500)
        return E::Upstream;
    return E::BadRequest;
}

QString ChatStreamClient::messageFromBody(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue error = o.value(QLatin1String("error"));
    if (error.isObject()) {
        const QString message = error.toObject().value(QLatin1String("message")).toString();
        if (!message.isEmpty())
            return message;
    }
    if (error.isString())
        return error.toString();
    return QString::fromUtf8(body.left(300)).simplified();
}

void ChatStreamClient::onHead(StreamId id, int status)
{
    if (Stream *s = m_streams.value(id))
        s->status = status;
}

void ChatStreamClient::onData(StreamId id, const char *data, qsizetype size)
{
    Stream *s = m_streams.value(id);
    if (!s)
        return;
    if (s->status >= 400 || s->status == 0) {
        if (s->errorBody.size() < kMaxErrorBody)
            s->errorBody.append(data, qMin(size, kMaxErrorBody - s->errorBody.size()));
        return;
    }
    s->parser.feed(QByteArrayView(data, size),
                   [this, s](const SseParser::Event &event) { handleEvent(*s, event.data); });
}

void ChatStreamClient::handleEvent(Stream &s, const QByteArray &data)
{
    if (data.isEmpty())
        return;
    if (data.trimmed() == "[DONE]") {
        s.sawDone = true;
        return;
    }
    QJsonParseError parseError;
    const QJsonObject chunk = QJsonDocument::fromJson(data, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return;
    const StreamId id = s.id;
    if (chunk.contains(QLatin1String("error"))) {
        s.streamError = messageFromBody(data);
        return;
    }
    if (chunk.value(QLatin1String("usage")).isObject()) {
        s.usage.mergeFrom(chunk);
        s.result.metrics.promptTokens = s.usage.prompt;
        s.result.metrics.completionTokens = s.usage.completion;
        s.result.metrics.cachedTokens = s.usage.cached;
        s.result.metrics.usageReported = true;
        Q_EMIT usageReceived(id, s.result.metrics);
    }
    const QJsonArray choices = chunk.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &choice : choices) {
        const QJsonObject c = choice.toObject();
        if (c.value(QLatin1String("index")).toInt() != 0)
            continue;
        const QString reason = c.value(QLatin1String("finish_reason")).toString();
        if (!reason.isEmpty())
            s.result.finishReason = reason;
        const QString delta = c.value(QLatin1String("delta")).toObject().value(QLatin1String("content")).toString();
        if (delta.isEmpty())
            continue;
        if (s.result.metrics.ttftMs < 0) {
            s.result.metrics.ttftMs = s.clock.elapsed();
            Q_EMIT firstToken(id, s.result.metrics.ttftMs);
        }
        s.result.text += delta;
        Q_EMIT textReceived(id, delta);
    }
}

void ChatStreamClient::onDone(StreamId id, bool transportOk, int httpError, const QString &message)
{
    Stream *s = m_streams.value(id);
    if (!s)
        return;
    using E = ChatStreamResult::Error;
    if (s->status >= 400) {
        s->result.httpStatus = s->status;
        const QString detail = messageFromBody(s->errorBody);
        finish(id, errorForStatus(s->status),
               detail.isEmpty() ? tr("The gateway answered HTTP %1.").arg(s->status) : detail);
        return;
    }
    if (!transportOk) {
        switch (HttpError(httpError)) {
        case HttpError::Timeout:
            finish(id, E::Timeout, tr("No answer in time (%1).").arg(message));
            return;
        case HttpError::ConnectFailed:
            finish(id, E::Unreachable, tr("Cannot reach the gateway at %1: %2").arg(m_baseUrl, message));
            return;
        default:
            finish(id, E::Broken, tr("The connection broke: %1").arg(message));
            return;
        }
    }
    if (!s->streamError.isEmpty()) {
        finish(id, E::Upstream, s->streamError);
        return;
    }
    if (!s->sawDone && s->result.finishReason.isEmpty()) {
        finish(id, E::Broken, tr("The stream ended before the answer was complete."));
        return;
    }
    finish(id, E::None, QString());
}

void ChatStreamClient::finish(StreamId id, ChatStreamResult::Error error, const QString &message)
{
    Stream *s = m_streams.take(id);
    if (!s)
        return;
    ChatStreamResult result = std::move(s->result);
    result.metrics.totalMs = s->clock.elapsed();
    delete s;
    result.error = error;
    result.message = message;
    if (result.httpStatus == 0 && error == ChatStreamResult::Error::None)
        result.httpStatus = 200;
    if (!result.metrics.usageReported && !result.text.isEmpty())
        // A rough guess (about four characters a token) beats a blank cell; marked as an estimate.
        result.metrics.completionTokens = qMax<qint64>(1, result.text.size() / 4);
    if (error != ChatStreamResult::Error::None && error != ChatStreamResult::Error::Cancelled)
        qCDebug(lcChatStream).noquote() << "stream" << id << ChatStreamResult::errorName(error) << message;
    Q_EMIT finished(id, result);
}
