#include "core/protocol/StreamError.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

std::optional<StreamError> StreamError::fromEvent(QByteArrayView name, const QByteArray &data)
{
    // Inside JSON strings quotes are escaped, so model text never matches.
    if (name != "error" && !data.contains("\"error\""))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(data).object();
    StreamError e;
    const QJsonValue nested = o.value(QLatin1String("error"));
    if (nested.isObject()) {
        // OpenAI chat chunk and Anthropic error event.
        const QJsonObject err = nested.toObject();
        e.type = err.value(QLatin1String("type")).toString();
        if (e.type.isEmpty())
            e.type = err.value(QLatin1String("code")).toString();
        e.message = err.value(QLatin1String("message")).toString();
    } else if (o.value(QLatin1String("type")).toString() == QLatin1String("error")) {
        // OpenAI Responses error event.
        e.type = o.value(QLatin1String("code")).toString();
        e.message = o.value(QLatin1String("message")).toString();
    } else if (name == "error") {
        e.message = QString::fromUtf8(data.left(300)).simplified();
    } else {
        return std::nullopt;
    }
    e.status = statusForType(e.type);
    return e;
}

int StreamError::statusForType(const QString &type)
{
    // OpenAI: https://platform.openai.com/docs/guides/error-codes
    // Anthropic: https://docs.anthropic.com/en/api/errors
    static const QHash<QString, int> statuses = {
        {QStringLiteral("invalid_request_error"), 400},
        {QStringLiteral("authentication_error"), 401},
        {QStringLiteral("invalid_api_key"), 401},
        {QStringLiteral("permission_error"), 403},
        {QStringLiteral("not_found_error"), 404},
        {QStringLiteral("request_too_large"), 413},
        {QStringLiteral("rate_limit_error"), 429},
        {QStringLiteral("rate_limit_exceeded"), 429},
        {QStringLiteral("insufficient_quota"), 429},
        {QStringLiteral("tokens"), 429},
        {QStringLiteral("requests"), 429},
        {QStringLiteral("api_error"), 500},
        {QStringLiteral("server_error"), 500},
        {QStringLiteral("overloaded_error"), 529},
    };
    return statuses.value(type, 502);
}

QString StreamError::summary() const
{
    const QString text = message.left(300);
    if (type.isEmpty())
        return text;
    return text.isEmpty() ? type : type + QStringLiteral(": ") + text;
}
