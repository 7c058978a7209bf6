#include "core/storage/LogRecordJson.h"

#include "core/time/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QByteArray csvField(const QString &value)
{
    QByteArray out = value.toUtf8();
    // Formula injection: a spreadsheet must not evaluate a model name.
    if (!out.isEmpty() && (out[0] == '=' || out[0] == '+' || out[0] == '-' || out[0] == '@'))
        out.prepend('\'');
    if (out.contains(',') || out.contains('"') || out.contains('\n') || out.contains('\r')) {
        out.replace("\"", "\"\"");
        out = '"' + out + '"';
    }
    return out;
}

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

QJsonObject LogRecordJson::toJson(const LogRecord &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), r.id);
    o.insert(QStringLiteral("time"), Clock::msToIso(r.timeMs));
    o.insert(QStringLiteral("key"), r.keyName);
    o.insert(QStringLiteral("route"), r.route);
    o.insert(QStringLiteral("model"), r.model);
    o.insert(QStringLiteral("provider"), r.provider);
    o.insert(QStringLiteral("upstream_model"), r.upstreamModel);
    o.insert(QStringLiteral("stream"), r.stream);
    o.insert(QStringLiteral("status"), r.status);
    o.insert(QStringLiteral("error"), r.error);
    o.insert(QStringLiteral("latency_ms"), r.latencyMs);
    o.insert(QStringLiteral("ttfb_ms"), r.ttfbMs);
    o.insert(QStringLiteral("prompt_tokens"), r.promptTokens);
    o.insert(QStringLiteral("completion_tokens"), r.completionTokens);
    o.insert(QStringLiteral("cached_tokens"), r.cachedTokens);
    o.insert(QStringLiteral("cache_write_tokens"), r.cacheWriteTokens);
    o.insert(QStringLiteral("reasoning_tokens"), r.reasoningTokens);
    o.insert(QStringLiteral("cost_usd"), r.costUsd);
    o.insert(QStringLiteral("cost_estimated"), r.costEstimated);
    o.insert(QStringLiteral("client"), r.client);
    o.insert(QStringLiteral("source"), r.source);
    // Routing: the target that served and every try on the way.
    if (!r.provider.isEmpty())
        o.insert(QStringLiteral("target"), r.provider + QLatin1Char('/') + r.upstreamModel);
    o.insert(QStringLiteral("attempts"), QJsonDocument::fromJson(r.attempts.toUtf8()).array());
    return o;
}

QByteArray LogRecordJson::toJsonLine(const LogRecord &record)
{
    return QJsonDocument(toJson(record)).toJson(QJsonDocument::Compact) + '\n';
}

QStringList LogRecordJson::fieldNames()
{
    return {QStringLiteral("id"),
            QStringLiteral("time"),
            QStringLiteral("key"),
            QStringLiteral("route"),
            QStringLiteral("model"),
            QStringLiteral("provider"),
            QStringLiteral("upstream_model"),
            QStringLiteral("stream"),
            QStringLiteral("status"),
            QStringLiteral("error"),
            QStringLiteral("latency_ms"),
            QStringLiteral("ttfb_ms"),
            QStringLiteral("prompt_tokens"),
            QStringLiteral("completion_tokens"),
            QStringLiteral("cached_tokens"),
            QStringLiteral("cache_write_tokens"),
            QStringLiteral("reasoning_tokens"),
            QStringLiteral("cost_usd"),
            QStringLiteral("cost_estimated"),
            QStringLiteral("client"),
            QStringLiteral("source")};
}

QByteArray LogRecordJson::csvHeader()
{
    return fieldNames().join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QByteArray LogRecordJson::toCsvRow(const LogRecord &r)
{
    const QStringList values = {QString::number(r.id),
                                Clock::msToIso(r.timeMs),
                                r.keyName,
                                r.route,
                                r.model,
                                r.provider,
                                r.upstreamModel,
                                r.stream ? QStringLiteral("true") : QStringLiteral("false"),
                                QString::number(r.status),
                                r.error,
                                number(r.latencyMs),
                                number(r.ttfbMs),
                                QString::number(r.promptTokens),
                                QString::number(r.completionTokens),
                                QString::number(r.cachedTokens),
                                QString::number(r.cacheWriteTokens),
                                QString::number(r.reasoningTokens),
                                number(r.costUsd),
                                r.costEstimated ? QStringLiteral("true") : QStringLiteral("false"),
                                r.client,
                                r.source};
    QByteArray out;
    for (int i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ',';
        out += csvField(values.at(i));
    }
    return out + "\r\n";
}
