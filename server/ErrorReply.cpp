#include "server/ErrorReply.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

struct Kind
{
    int status;
    const char *openAiType;
    const char *openAiCode; // nullptr: JSON null
    const char *anthropicType;
};

Kind kindOf(GatewayError error)
{
    switch (error) {
    case GatewayError::BadJson:
        return {400, "invalid_request_error", "invalid_json", "invalid_request_error"};
    case GatewayError::BadRequest:
        return {400, "invalid_request_error", "invalid_request", "invalid_request_error"};
    case GatewayError::Unauthorized:
        return {401, "authentication_error", "invalid_api_key", "authentication_error"};
    case GatewayError::Forbidden:
        return {403, "permission_error", "model_not_allowed", "permission_error"};
    case GatewayError::NotFound:
        return {404, "invalid_request_error", "not_found", "not_found_error"};
    case GatewayError::ModelNotFound:
        return {404, "invalid_request_error", "model_not_found", "not_found_error"};
    case GatewayError::MethodNotAllowed:
        return {405, "invalid_request_error", "method_not_allowed", "invalid_request_error"};
    case GatewayError::RequestTimeout:
        return {408, "invalid_request_error", "request_timeout", "invalid_request_error"};
    case GatewayError::BodyTooLarge:
        return {413, "invalid_request_error", "request_too_large", "request_too_large"};
    case GatewayError::UnsupportedMedia:
        return {415, "invalid_request_error", "unsupported_media_type", "invalid_request_error"};
    case GatewayError::RateLimited:
        return {429, "rate_limit_error", "rate_limit_exceeded", "rate_limit_error"};
    case GatewayError::HeadersTooLarge:
        return {431, "invalid_request_error", "headers_too_large", "invalid_request_error"};
    case GatewayError::Internal:
        return {500, "server_error", "internal_error", "api_error"};
    case GatewayError::UpstreamUnreachable:
        return {502, "server_error", "upstream_unreachable", "api_error"};
    case GatewayError::ProviderKeyMissing:
        return {502, "server_error", "provider_key_unavailable", "api_error"};
    case GatewayError::UpstreamTimeout:
        return {504, "server_error", "upstream_timeout", "api_error"};
    case GatewayError::BudgetExceeded:
        return {429, "rate_limit_error", "budget_exceeded", "rate_limit_error"};
    case GatewayError::ModelUnpriced:
        return {403, "permission_error", "model_unpriced", "permission_error"};
    case GatewayError::AllTargetsDown:
        return {503, "server_error", "targets_unavailable", "overloaded_error"};
    }
    return {500, "server_error", "internal_error", "api_error"};
}

} // namespace

int ErrorReply::statusFor(GatewayError error)
{
    return kindOf(error).status;
}

ErrorReply ErrorReply::make(WireProtocol protocol, GatewayError error, const QString &message)
{
    const Kind kind = kindOf(error);
    QJsonObject body;
    if (protocol == WireProtocol::Anthropic) {
        body = {{QStringLiteral("type"), QStringLiteral("error")},
                {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), QLatin1String(kind.anthropicType)},
                                                      {QStringLiteral("message"), message}}}};
    } else {
        body = {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                      {QStringLiteral("type"), QLatin1String(kind.openAiType)},
                                                      {QStringLiteral("param"), QJsonValue::Null},
                                                      {QStringLiteral("code"), QLatin1String(kind.openAiCode)}}}};
    }
    return {kind.status, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}
