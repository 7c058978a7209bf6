#include "core/playground/ChatParameters.h"

void ChatParameters::applyTo(QJsonObject *body) const
{
    if (temperature)
        body->insert(QStringLiteral("temperature"), *temperature);
    if (maxTokens)
        body->insert(QStringLiteral("max_tokens"), *maxTokens);
    if (topP)
        body->insert(QStringLiteral("top_p"), *topP);
    if (seed)
        body->insert(QStringLiteral("seed"), *seed);
}

QJsonObject ChatParameters::toJson() const
{
    QJsonObject o;
    applyTo(&o);
    return o;
}

ChatParameters ChatParameters::fromJson(const QJsonObject &o)
{
    ChatParameters p;
    if (o.value(QLatin1String("temperature")).isDouble())
        p.temperature = o.value(QLatin1String("temperature")).toDouble();
    if (o.value(QLatin1String("max_tokens")).isDouble())
        p.maxTokens = o.value(QLatin1String("max_tokens")).toInt();
    if (o.value(QLatin1String("top_p")).isDouble())
        p.topP = o.value(QLatin1String("top_p")).toDouble();
    if (o.value(QLatin1String("seed")).isDouble())
        p.seed = qint64(o.value(QLatin1String("seed")).toDouble());
    return p;
}

bool ChatParameters::operator==(const ChatParameters &other) const
{
    return temperature == other.temperature && maxTokens == other.maxTokens && topP == other.topP && seed == other.seed;
}
