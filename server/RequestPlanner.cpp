#include "server/RequestPlanner.h"

#include "core/net/RequestPath.h"
#include "core/pricing/PriceLookup.h"
#include "core/protocol/JsonScan.h"
#include "core/protocol/RequestRewrite.h"
#include "core/providers/ProviderDriver.h"
#include "core/providers/ProviderDrivers.h"
#include "core/routing/RoutingSnapshot.h"
#include "core/secrets/ProviderKeySource.h"
#include "core/storage/KeyStore.h"
#include "core/storage/RequestLogWriter.h"
#include "core/time/Clock.h"
#include "server/BudgetAdmission.h"
#include "server/ModelRoutes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

RequestPlan reply(RequestPlan plan, GatewayError error, const QString &message)
{
    plan.refuse(error, message);
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

} // namespace

void RequestPlan::refuse(GatewayError error, const QString &message)
{
    const ErrorReply e = ErrorReply::make(protocol, error, message);
    action = Action::Reply;
    status = e.status;
    contentType = "application/json";
    body = e.body;
    log.status = e.status;
    log.error = message;
}

bool RequestPlanner::isDroppedRequestHeader(const QByteArray &name)
{
    // openai-organization / openai-project: another identity next to the provider's
    // key (OpenAI answers 401 mismatched_organization, or bills someone else).
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
                                          "cookie",
                                          "openai-organization",
                                          "openai-project"};
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

namespace {

// What planning one target needs from the request.
struct TargetContext
{
    const InboundRequest &request;
    const JsonObjectView *body; // null for multipart
    const QString &model;
    const QByteArray &contentType;
    bool multipart;
    bool messagesRoute;
    bool stream;
    const QByteArray &upstreamRoute;
    const GatewayOptions &options;
    ProviderKeySource *keys;
};

struct Problem
{
    GatewayError error;
    QString message;
};

// One target's upstream request: the client's bytes with its model id and the
// alias defaults spliced in, the provider's URL and credentials.
std::optional<Problem> planTarget(const TargetContext &ctx, const RoutingSnapshot::Target &target, PlannedTarget &out)
{
    const Provider &provider = *target.provider;
    out.provider = provider;
    out.upstreamModel = target.upstreamModel;
    out.key = target.key();
    // Priced however the model was named: alias, provider/model or bare id.
    out.pricing = PriceLookup::effective(PriceTable::bundled(), target.alias ? &target.alias->pricing : nullptr,
                                         provider.kind, provider.name, target.upstreamModel);

    const ProviderDriver *driver = ProviderDrivers::forKind(provider.kind);
    if (!driver)
        return Problem{GatewayError::Internal,
                       QStringLiteral("Provider '%1' has an unknown kind '%2'.").arg(provider.name, provider.kind)};
    if (ctx.messagesRoute && provider.kind != QLatin1String("anthropic") && provider.kind != QLatin1String("mock"))
        return Problem{GatewayError::BadRequest,
                       QStringLiteral("The model '%1' is served by an OpenAI-style provider; call /v1/chat/completions "
                                      "for it (translation between the two protocols is not available yet).")
                           .arg(ctx.model)};

    // Rewrite the body: upstream model id, alias defaults, usage in streams.
    QByteArray upstreamBody;
    if (ctx.multipart) {
        upstreamBody =
            replaceMultipartField(ctx.request.body, ctx.contentType, "model", ctx.model, target.upstreamModel);
    } else {
        RequestRewrite rewrite;
        rewrite.route = ctx.upstreamRoute;
        if (ctx.model != target.upstreamModel)
            rewrite.upstreamModel = target.upstreamModel;
        if (target.alias)
            rewrite.defaults = target.alias->defaults;
        // OpenAI: usage arrives only in a final chunk we must ask for.
        rewrite.askForUsage = ctx.stream && provider.kind != QLatin1String("anthropic")
                              && (ctx.upstreamRoute == "/chat/completions" || ctx.upstreamRoute == "/completions");
        RequestRewrite::Result rewritten = rewrite.apply(*ctx.body);
        upstreamBody = rewritten.changed ? std::move(rewritten.body) : ctx.request.body;
        out.dropUsageChunk = rewritten.askedForUsage;
    }
    if (ctx.options.logBodies)
        out.logBody = RequestLogWriter::truncateBody(upstreamBody);
    if (provider.kind == QLatin1String("mock")) {
        out.upstream.body = std::move(upstreamBody);
        return std::nullopt;
    }

    QString providerKey;
    if (driver->needsKey() || !provider.keyRef.isEmpty()) {
        const std::optional<QString> k = ctx.keys ? ctx.keys->cached(provider) : std::nullopt;
        if (!k && driver->needsKey())
            return Problem{GatewayError::ProviderKeyMissing,
                           QStringLiteral("The API key of provider '%1' is not available (keychain locked or the "
                                          "environment variable is not set).")
                               .arg(provider.name)};
        if (k)
            providerKey = *k;
        out.providerKey = providerKey.toUtf8();
    }

    HttpRequest &up = out.upstream;
    up.method = ctx.request.method;
    up.url = driver->upstreamUrl(provider, ctx.upstreamRoute, target.upstreamModel);
    if (!ctx.request.query.isEmpty() && !up.url.contains('?'))
        up.url += '?' + ctx.request.query;
    up.headers.reserve(ctx.request.headers.size() + 3);
    for (const auto &h : ctx.request.headers) {
        if (!RequestPlanner::isDroppedRequestHeader(h.first))
            up.headers.append(h);
    }
    // The provider's credentials in its own style; a protocol header the
    // caller already sent (anthropic-version) wins over the driver's default.
    const HttpHeaders driverHeaders = providerKey.isEmpty() ? HttpHeaders() : driver->authHeaders(providerKey);
    for (const auto &h : driverHeaders) {
        if (!RequestPlanner::isDroppedRequestHeader(h.first) && !ctx.request.header(h.first).isEmpty())
            continue;
        up.headers.append(h);
    }
    // OpenAI's organization and project come from the provider's settings,
    // never from the caller (whose OpenAI-Organization was dropped above).
    if (provider.kind == QLatin1String("openai")) {
        const QString organization = provider.options.value(QLatin1String("organization")).toString();
        const QString project = provider.options.value(QLatin1String("project")).toString();
        if (!organization.isEmpty())
            up.headers.append({QByteArrayLiteral("OpenAI-Organization"), organization.toUtf8()});
        if (!project.isEmpty())
            up.headers.append({QByteArrayLiteral("OpenAI-Project"), project.toUtf8()});
    }
    up.body = std::move(upstreamBody);
    up.connectTimeoutMs = ctx.options.upstreamConnectTimeoutSec * 1000;
    up.firstByteTimeoutMs = ctx.options.upstreamFirstByteTimeoutSec * 1000;
    return std::nullopt;
}

bool keyMayCall(const GatewayKey *key, const QString &name)
{
    return !key || key->allows(name);
}

} // namespace

RequestPlan RequestPlanner::plan(const InboundRequest &request, const RoutingSnapshot &routes,
                                 const GatewayOptions &options, ProviderKeySource *keys, LimitStore *limits)
{
    RequestPlan plan;
    const qint64 now = Clock::nowMs();
    plan.log.timeMs = now;
    plan.log.client = request.client;

    // The path is normalised once, here; routing and the upstream URL use only
    // the result, so nothing a client writes can steer the provider's key
    // outside /v1/ ("/v1/../../admin", "/v1/%2e%2e/x", "/v1/a%2F..%2Fx").
    const bool anthropicCaller = !request.header("anthropic-version").isEmpty();
    plan.protocol = anthropicCaller ? WireProtocol::Anthropic : WireProtocol::OpenAI;
    const RequestPath::Normalised normalised = RequestPath::normalise(request.path);
    plan.log.route = QString::fromLatin1(normalised.valid ? normalised.path : request.path);
    if (!normalised.valid)
        return reply(std::move(plan), GatewayError::BadRequest,
                     QStringLiteral("The request path is not a valid absolute path."));
    const QByteArray &path = normalised.path;
    if (normalised.hadDotSegments && !path.startsWith("/v1/")) {
        plan.log.route = QString::fromLatin1(request.path); // the log shows what was tried
        return reply(std::move(plan), GatewayError::BadRequest,
                     QStringLiteral("The request path leaves /v1/ through dot segments."));
    }
    const bool modelsRoute = path == "/v1/models" || path.startsWith("/v1/models/");
    if (!modelsRoute && RequestPath::hasEncodedSeparator(path))
        return reply(std::move(plan), GatewayError::BadRequest,
                     QStringLiteral("The request path contains an encoded '/' or '\\' (%2F, %5C)."));
    if (!RequestPath::isSafeQuery(request.query))
        return reply(std::move(plan), GatewayError::BadRequest,
                     QStringLiteral("The query string contains characters that are not allowed."));
    const bool messagesRoute = path == "/v1/messages" || path == "/v1/messages/count_tokens";
    // Errors in the caller's protocol: Anthropic on its routes, and on the
    // routes the gateway answers itself when the caller sends anthropic-version.
    plan.protocol = messagesRoute || (anthropicCaller && (modelsRoute || !path.startsWith("/v1/")))
                        ? WireProtocol::Anthropic
                        : WireProtocol::OpenAI;

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

    if (modelsRoute) {
        if (request.method != "GET")
            return reply(std::move(plan), GatewayError::MethodNotAllowed,
                         QStringLiteral("Use GET for %1.").arg(QString::fromLatin1(path)));
        const QByteArray id = path.mid(11); // after "/v1/models/"
        const ModelRoutes::Answer answer =
            id.isEmpty()
                ? ModelRoutes::list(routes, key, plan.protocol, request.query)
                : ModelRoutes::retrieve(routes, key, plan.protocol, QString::fromUtf8(RequestPath::decoded(id)));
        if (!answer.ok)
            return reply(std::move(plan), answer.error, answer.message);
        plan.body = answer.body;
        plan.log.status = 200;
        return plan;
    }
    if (request.method != "POST")
        return reply(std::move(plan), GatewayError::MethodNotAllowed,
                     QStringLiteral("Use POST for %1.").arg(QString::fromLatin1(path)));

    const QByteArray contentType = request.header("content-type");
    const bool multipart = contentType.toLower().startsWith("multipart/form-data");
    QString model;
    // A view of the client's bytes (offsets, no tree): what goes upstream is
    // those bytes with the gateway's few edits spliced in.
    std::optional<JsonObjectView> body;
    if (multipart) {
        model = multipartField(request.body, contentType, "model");
    } else {
        if (!isJsonContentType(contentType))
            return reply(
                std::move(plan), GatewayError::UnsupportedMedia,
                QStringLiteral("Send the request body as JSON with 'Content-Type: application/json' (got '%1').")
                    .arg(QString::fromLatin1(contentType)));
        JsonError parseError;
        body = JsonObjectView::parse(request.body, &parseError);
        if (!body && parseError.duplicateName)
            return reply(std::move(plan), GatewayError::BadRequest,
                         QStringLiteral("The request body is ambiguous: %1 (at offset %2); send each field once.")
                             .arg(parseError.message)
                             .arg(parseError.offset));
        if (!body && Json::validate(request.body))
            return reply(std::move(plan), GatewayError::BadJson,
                         QStringLiteral("The request body must be a JSON object."));
        if (!body)
            return reply(std::move(plan), GatewayError::BadJson,
                         QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                             .arg(parseError.message)
                             .arg(parseError.offset));
        if (const JsonMember *m = body->find("model")) {
            if (m->type != JsonType::String)
                return reply(std::move(plan), GatewayError::BadRequest, QStringLiteral("'model' must be a string."));
            model = Json::decodeString(body->raw(*m)).value_or(QString());
        }
    }
    if (options.logBodies)
        plan.log.requestBody = RequestLogWriter::truncateBody(request.body);
    if (model.isEmpty())
        return reply(std::move(plan), GatewayError::BadRequest,
                     multipart ? QStringLiteral("The form has no 'model' field.")
                               : QStringLiteral("The request body names no 'model'."));
    plan.log.model = model;
    plan.stream = body && body->isTrue("stream");
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
    plan.upstreamRoute = path.mid(3); // strip "/v1"
    const TargetContext ctx{request,     body ? &*body : nullptr, model,   contentType, multipart, messagesRoute,
                            plan.stream, plan.upstreamRoute,      options, keys};

    // The first candidate is planned as before (its errors are the answer);
    // the others, and the fallback aliases' targets, are alternatives the
    // exchange may switch to before the first byte reached the client.
    RoutingSnapshot::Target first = resolution.target;
    if (first.provider->kind == QLatin1String("mock")) {
        PlannedTarget t;
        planTarget(ctx, first, t);
        plan.provider = t.provider;
        plan.log.provider = t.provider.name;
        plan.log.upstreamModel = t.upstreamModel;
        plan.pricing = t.pricing;
        if (options.logBodies)
            plan.log.requestBody = t.logBody;
        plan.dropUsageChunk = t.dropUsageChunk;
        if (key && limits && !BudgetAdmission::admit(plan, *key, t.upstream.body, *limits, now))
            return plan;
        plan.action = RequestPlan::Action::Mock;
        // The demo model reads the request as an object; it is not on the forwarding path.
        plan.mockRequest = QJsonDocument::fromJson(t.upstream.body).object();
        return plan;
    }
    const Alias *alias = first.alias;
    if (alias) {
        plan.routing.alias = alias->alias;
        plan.routing.retry = alias->retry;
        plan.routing.groups.append({alias->alias, alias->strategy});
    } else {
        plan.routing.groups.append({model, QStringLiteral("ordered")});
    }
    QList<QPair<int, RoutingSnapshot::Target>> candidates;
    for (const RoutingSnapshot::Target &t : resolution.candidates)
        candidates.append({0, t});
    if (alias) {
        for (const QString &name : alias->fallbacks) {
            const Alias *fallback = routes.alias(name);
            if (!fallback || name == alias->alias || !keyMayCall(key, name))
                continue;
            const int group = int(plan.routing.groups.size());
            plan.routing.groups.append({name, fallback->strategy});
            for (const RoutingSnapshot::Target &t : routes.candidates(name))
                candidates.append({group, t});
        }
    }
    std::optional<RequestPlan> firstError;
    for (const auto &[group, candidate] : candidates) {
        PlannedTarget t;
        t.group = group;
        t.weight = candidate.weight;
        t.priority = candidate.priority;
        if (const std::optional<Problem> problem = planTarget(ctx, candidate, t)) {
            if (!firstError && plan.routing.targets.isEmpty())
                firstError = reply(plan, problem->error, problem->message);
            continue; // e.g. a fallback of the other protocol kind: skipped
        }
        plan.routing.targets.append(std::move(t));
    }
    if (plan.routing.targets.isEmpty())
        return std::move(*firstError);
    applyTarget(plan, 0, options);
    // Budget and limits: the request's most possible cost (at the first target's
    // price) is reserved before anything goes upstream; a refusal here is final.
    if (key && limits && !BudgetAdmission::admit(plan, *key, plan.upstream.body, *limits, now))
        return plan;
    plan.action = RequestPlan::Action::Forward;
    return plan;
}

void RequestPlanner::applyTarget(RequestPlan &plan, int index, const GatewayOptions &options)
{
    const PlannedTarget &t = plan.routing.targets.at(index);
    plan.provider = t.provider;
    plan.log.provider = t.provider.name;
    plan.log.upstreamModel = t.upstreamModel;
    plan.pricing = t.pricing;
    plan.upstream = t.upstream;
    plan.providerKey = t.providerKey;
    plan.dropUsageChunk = t.dropUsageChunk;
    // The log keeps the body as it went upstream.
    if (options.logBodies)
        plan.log.requestBody = t.logBody;
}
