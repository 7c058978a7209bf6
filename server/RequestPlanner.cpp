#include "server/RequestPlanner.h"

#include "core/pricing/PriceLookup.h"
#include "core/providers/ProviderDriver.h"
#include "core/providers/ProviderDrivers.h"
#include "core/routing/RoutingSnapshot.h"
#include "core/secrets/ProviderKeySource.h"
#include "core/storage/KeyStore.h"
#include "core/storage/RequestLogWriter.h"
#include "core/time/Clock.h"
#include "server/RateLimiter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

RequestPlan reply(RequestPlan plan, GatewayError error, const QString &message)
{
    const ErrorReply e = ErrorReply::make(plan.protocol, error, message);
    plan.action = RequestPlan::Action::Reply;
    plan.status = e.status;
    plan.contentType = "application/json";
    plan.body = e.body;
    plan.log.status = e.status;
    plan.log.error = message;
    return plan;
}

QByteArray presentedKey(const InboundRequest &request)
{
    const QByteArray auth = request.header("authorization");
    if (auth.size() > 7 && auth.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return auth.mid(7).trimmed();
    const QByteArray apiKey = request.header("x-api-key");
    if (!apiKey.isEmpty())
        return apiKey.trimmed();
    return {};
}

bool isJsonContentType(const QByteArray &contentType)
{
    if (contentType.isEmpty())
        return true; // lenient: many scripts omit it; the body is still checked
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    return type == "application/json" || type.endsWith("+json");
}

// "model" from a multipart/form-data body (audio transcriptions).
QString multipartField(const QByteArray &body, const QByteArray &contentType, const QByteArray &field)
{
    const int b = contentType.indexOf("boundary=");
    if (b < 0)
        return {};
    QByteArray boundary = contentType.mid(b + 9).split(';').first().trimmed();
    if (boundary.startsWith('"') && boundary.endsWith('"'))
        boundary = boundary.mid(1, boundary.size() - 2);
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = 0;
    while ((pos = body.indexOf(delimiter, pos)) >= 0) {
        pos += delimiter.size();
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        if (headEnd < 0)
            break;
        const QByteArray head = body.mid(pos, headEnd - pos);
        if (head.contains("name=\"" + field + "\"")) {
            const qsizetype valueStart = headEnd + 4;
            const qsizetype valueEnd = body.indexOf("\r\n" + delimiter, valueStart);
            if (valueEnd < 0)
                return {};
            return QString::fromUtf8(body.mid(valueStart, valueEnd - valueStart)).trimmed();
        }
        pos = headEnd;
    }
    return {};
}

QByteArray replaceMultipartField(const QByteArray &body, const QByteArray &contentType, const QByteArray &field,
                                 const QString &from, const QString &to)
{
    if (from == to)
        return body;
    const QByteArray needle = "name=\"" + field + "\"";
    const qsizetype at = body.indexOf(needle);
    if (at < 0)
        return body;
    const qsizetype valueStart = body.indexOf("\r\n\r\n", at);
    if (valueStart < 0)
        return body;
    const QByteArray oldValue = from.toUtf8();
    if (body.mid(valueStart + 4, oldValue.size()) != oldValue)
        return body;
    QByteArray out = body;
    out.replace(valueStart + 4, oldValue.size(), to.toUtf8());
    Q_UNUSED(contentType);
    return out;
}

QByteArray modelsListBody(const RoutingSnapshot &routes, const GatewayKey *key)
{
    QJsonArray data;
    const auto models = routes.visibleModels(key);
    for (const auto &m : models)
        data.append(QJsonObject{{QStringLiteral("id"), m.id},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), m.created},
                                {QStringLiteral("owned_by"), m.ownedBy}});
    return QJsonDocument(
               QJsonObject{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

bool RequestPlanner::isDroppedRequestHeader(const QByteArray &name)
{
    static const char *const dropped[] = {"connection",
                                          "keep-alive",
                                          "proxy-authenticate",
                                          "proxy-authorization",
                                          "proxy-connection",
                                          "te",
                                          "trailer",
                                          "transfer-encoding",
                                          "upgrade",
                                          "host",
                                          "content-length",
                                          "authorization",
                                          "x-api-key",
                                          "api-key",
                                          "x-goog-api-key",
                                          "accept-encoding",
                                          "expect",
                                          "cookie"};
    for (const char *d : dropped) {
        if (name.compare(d, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool RequestPlanner::isDroppedResponseHeader(const QByteArray &name)
{
    static const char *const dropped[] = {"connection",
                                          "keep-alive",
                                          "proxy-authenticate",
                                          "proxy-connection",
                                          "te",
                                          "trailer",
                                          "transfer-encoding",
                                          "upgrade",
                                          "content-length",
                                          "set-cookie",
                                          "content-encoding",
                                          "date",
                                          "server"};
    for (const char *d : dropped) {
        if (name.compare(d, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RequestPlan RequestPlanner::plan(const InboundRequest &request, const RoutingSnapshot &routes,
                                 const GatewayOptions &options, ProviderKeySource *keys, RateLimiter *limiter)
{
    RequestPlan plan;
    const qint64 now = Clock::nowMs();
    plan.log.timeMs = now;
    plan.log.route = QString::fromLatin1(request.path);
    plan.log.client = request.client;
    const QByteArray &path = request.path;
    const bool messagesRoute = path == "/v1/messages" || path == "/v1/messages/count_tokens";
    plan.protocol = messagesRoute ? WireProtocol::Anthropic : WireProtocol::OpenAI;

    if (path == "/health" || path == "/v1/health") {
        plan.logIt = false;
        plan.body = QByteArrayLiteral("{\"status\":\"ok\"}");
        plan.log.status = 200;
        return plan;
    }
    if (!path.startsWith("/v1/"))
        return reply(std::move(plan), GatewayError::NotFound,
                     QStringLiteral("There is no route %1; the API lives under /v1.").arg(QString::fromLatin1(path)));

    // Authentication comes before anything that reveals what exists.
    const QByteArray secret = presentedKey(request);
    const GatewayKey *key = nullptr;
    if (!secret.isEmpty()) {
        const QString hash = KeyStore::hashSecret(QString::fromUtf8(secret));
        key = routes.keyByHash(hash);
        if (!key)
            return reply(std::move(plan), GatewayError::Unauthorized,
                         QStringLiteral("The gateway key is not valid or has been revoked."));
        if (!key->expiresAt.isEmpty() && Clock::fromIso(key->expiresAt).toMSecsSinceEpoch() <= now)
            return reply(std::move(plan), GatewayError::Unauthorized, QStringLiteral("The gateway key has expired."));
        plan.log.keyId = key->id;
        plan.log.keyName = key->name;
        if (key->internal)
            plan.log.source = QStringLiteral("playground");
    } else if (options.keysRequired() || !request.loopback) {
        return reply(
            std::move(plan), GatewayError::Unauthorized,
            QStringLiteral("A gateway key is required: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'."));
    }

    if (path == "/v1/models") {
        if (request.method != "GET")
            return reply(std::move(plan), GatewayError::MethodNotAllowed, QStringLiteral("Use GET for /v1/models."));
        plan.body = modelsListBody(routes, key);
        plan.log.status = 200;
        return plan;
    }
    if (request.method != "POST")
        return reply(std::move(plan), GatewayError::MethodNotAllowed,
                     QStringLiteral("Use POST for %1.").arg(QString::fromLatin1(path)));

    if (key && limiter) {
        if (limiter->overBudget(key->id, key->budgetUsd)) {
            plan =
                reply(std::move(plan), GatewayError::RateLimited,
                      QStringLiteral("The key '%1' has used its budget of %2 USD.").arg(key->name).arg(key->budgetUsd));
            return plan;
        }
        if (const int wait = limiter->admit(key->id, key->rpm, now); wait > 0) {
            plan = reply(
                std::move(plan), GatewayError::RateLimited,
                QStringLiteral("The key '%1' is limited to %2 requests per minute.").arg(key->name).arg(key->rpm));
            plan.extraHeaders.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(wait)));
            return plan;
        }
    }

    const QByteArray contentType = request.header("content-type");
    const bool multipart = contentType.toLower().startsWith("multipart/form-data");
    QString model;
    QJsonObject body;
    if (multipart) {
        model = multipartField(request.body, contentType, "model");
    } else {
        if (!isJsonContentType(contentType))
            return reply(
                std::move(plan), GatewayError::UnsupportedMedia,
                QStringLiteral("Send the request body as JSON with 'Content-Type: application/json' (got '%1').")
                    .arg(QString::fromLatin1(contentType)));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return reply(std::move(plan), GatewayError::BadJson,
                         QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
        if (!doc.isObject())
            return reply(std::move(plan), GatewayError::BadJson,
                         QStringLiteral("The request body must be a JSON object."));
        body = doc.object();
        const QJsonValue m = body.value(QLatin1String("model"));
        if (!m.isString() && !m.isUndefined())
            return reply(std::move(plan), GatewayError::BadRequest, QStringLiteral("'model' must be a string."));
        model = m.toString();
    }
    if (options.logBodies)
        plan.log.requestBody = RequestLogWriter::truncateBody(request.body);
    if (model.isEmpty())
        return reply(std::move(plan), GatewayError::BadRequest,
                     multipart ? QStringLiteral("The form has no 'model' field.")
                               : QStringLiteral("The request body names no 'model'."));
    plan.log.model = model;
    plan.stream = body.value(QLatin1String("stream")).toBool();
    plan.log.stream = plan.stream;

    const RoutingSnapshot::Resolution resolution = routes.resolve(model, key);
    switch (resolution.outcome) {
    case RoutingSnapshot::Outcome::NotFound:
        return reply(std::move(plan), GatewayError::ModelNotFound, resolution.message);
    case RoutingSnapshot::Outcome::Forbidden:
    case RoutingSnapshot::Outcome::Inactive:
        return reply(std::move(plan), GatewayError::Forbidden, resolution.message);
    case RoutingSnapshot::Outcome::Found:
        break;
    }
    const Provider &provider = *resolution.target.provider;
    plan.provider = provider;
    plan.log.provider = provider.name;
    plan.log.upstreamModel = resolution.target.upstreamModel;
    // Priced however the model was named: alias, provider/model or bare id.
    plan.pricing = PriceLookup::effective(PriceTable::bundled(),
                                          resolution.target.alias ? &resolution.target.alias->pricing : nullptr,
                                          provider.kind, provider.name, resolution.target.upstreamModel);

    const ProviderDriver *driver = ProviderDrivers::forKind(provider.kind);
    if (!driver)
        return reply(std::move(plan), GatewayError::Internal,
                     QStringLiteral("Provider '%1' has an unknown kind '%2'.").arg(provider.name, provider.kind));
    if (messagesRoute && provider.kind != QLatin1String("anthropic") && provider.kind != QLatin1String("mock"))
        return reply(std::move(plan), GatewayError::BadRequest,
                     QStringLiteral("The model '%1' is served by an OpenAI-style provider; call /v1/chat/completions "
                                    "for it (translation between the two protocols is not available yet).")
                         .arg(model));
    plan.upstreamRoute = path.mid(3); // strip "/v1"

    // Rewrite the body: upstream model id, alias defaults, usage in streams.
    QByteArray upstreamBody = request.body;
    if (multipart) {
        upstreamBody =
            replaceMultipartField(request.body, contentType, "model", model, resolution.target.upstreamModel);
    } else {
        bool changed = false;
        if (model != resolution.target.upstreamModel) {
            body.insert(QStringLiteral("model"), resolution.target.upstreamModel);
            changed = true;
        }
        if (resolution.target.alias) {
            const QJsonObject &defaults = resolution.target.alias->defaults;
            for (auto it = defaults.constBegin(); it != defaults.constEnd(); ++it) {
                if (!body.contains(it.key())) {
                    body.insert(it.key(), it.value());
                    changed = true;
                }
            }
        }
        const bool openAiStyle = provider.kind != QLatin1String("anthropic");
        if (plan.stream && openAiStyle
            && (plan.upstreamRoute == "/chat/completions" || plan.upstreamRoute == "/completions")) {
            // OpenAI: usage arrives only in a final chunk we must ask for.
            QJsonObject streamOptions = body.value(QLatin1String("stream_options")).toObject();
            if (!streamOptions.value(QLatin1String("include_usage")).toBool()) {
                streamOptions.insert(QStringLiteral("include_usage"), true);
                body.insert(QStringLiteral("stream_options"), streamOptions);
                plan.dropUsageChunk = true;
                changed = true;
            }
        }
        if (changed)
            upstreamBody = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

    if (provider.kind == QLatin1String("mock")) {
        plan.action = RequestPlan::Action::Mock;
        plan.mockRequest = body;
        return plan;
    }

    QString providerKey;
    if (driver->needsKey() || !provider.keyRef.isEmpty()) {
        const std::optional<QString> k = keys ? keys->cached(provider) : std::nullopt;
        if (!k && driver->needsKey())
            return reply(std::move(plan), GatewayError::ProviderKeyMissing,
                         QStringLiteral("The API key of provider '%1' is not available (keychain locked or the "
                                        "environment variable is not set).")
                             .arg(provider.name));
        if (k)
            providerKey = *k;
        plan.providerKey = providerKey.toUtf8();
    }

    HttpRequest &up = plan.upstream;
    up.method = request.method;
    up.url = driver->upstreamUrl(provider, plan.upstreamRoute, resolution.target.upstreamModel);
    if (!request.query.isEmpty() && !up.url.contains('?'))
        up.url += '?' + request.query;
    up.headers.reserve(request.headers.size() + 3);
    for (const auto &h : request.headers) {
        if (!isDroppedRequestHeader(h.first))
            up.headers.append(h);
    }
    // The provider's credentials in its own style; a protocol header the
    // caller already sent (anthropic-version) wins over the driver's default.
    const HttpHeaders driverHeaders = providerKey.isEmpty() ? HttpHeaders() : driver->authHeaders(providerKey);
    for (const auto &h : driverHeaders) {
        if (!isDroppedRequestHeader(h.first) && !request.header(h.first).isEmpty())
            continue;
        up.headers.append(h);
    }
    up.body = std::move(upstreamBody);
    up.connectTimeoutMs = options.upstreamConnectTimeoutSec * 1000;
    up.firstByteTimeoutMs = options.upstreamFirstByteTimeoutSec * 1000;
    plan.action = RequestPlan::Action::Forward;
    return plan;
}
