#include "core/playground/ChatMetrics.h"

double ChatMetrics::tokensPerSecond() const
{
    if (completionTokens <= 0 || totalMs <= 0)
        return 0;
    // Generation speed: the wait for the first token is TTFT's business.
    const qint64 generating = ttftMs >= 0 && totalMs > ttftMs ? totalMs - ttftMs : totalMs;
    return completionTokens * 1000.0 / double(qMax<qint64>(1, generating));
}

QJsonObject ChatMetrics::toJson() const
{
    return QJsonObject{{QStringLiteral("ttft_ms"), ttftMs},
                       {QStringLiteral("total_ms"), totalMs},
                       {QStringLiteral("prompt_tokens"), promptTokens},
                       {QStringLiteral("completion_tokens"), completionTokens},
                       {QStringLiteral("cached_tokens"), cachedTokens},
                       {QStringLiteral("usage_reported"), usageReported},
                       {QStringLiteral("tokens_per_second"), tokensPerSecond()},
                       {QStringLiteral("cost_usd"), costUsd}};
}

ChatMetrics ChatMetrics::fromJson(const QJsonObject &o)
{
    ChatMetrics m;
    m.ttftMs = qint64(o.value(QLatin1String("ttft_ms")).toDouble(-1));
    m.totalMs = qint64(o.value(QLatin1String("total_ms")).toDouble(-1));
    m.promptTokens = qint64(o.value(QLatin1String("prompt_tokens")).toDouble());
    m.completionTokens = qint64(o.value(QLatin1String("completion_tokens")).toDouble());
    m.cachedTokens = qint64(o.value(QLatin1String("cached_tokens")).toDouble());
    m.usageReported = o.value(QLatin1String("usage_reported")).toBool();
    m.costUsd = o.value(QLatin1String("cost_usd")).toDouble();
    return m;
}
