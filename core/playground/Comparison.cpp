#include "core/playground/Comparison.h"

#include <QJsonArray>

namespace {

QJsonArray historyToJson(const ChatHistory &history)
{
    QJsonArray a;
    for (const ChatMessage &m : history)
        a.append(m.toJson());
    return a;
}

ChatHistory historyFromJson(const QJsonValue &v)
{
    ChatHistory h;
    const QJsonArray a = v.toArray();
    for (const QJsonValue &m : a)
        h.append(ChatMessage::fromJson(m.toObject()));
    return h;
}

bool sameMetrics(const ChatMetrics &a, const ChatMetrics &b)
{
    return a.ttftMs == b.ttftMs && a.totalMs == b.totalMs && a.promptTokens == b.promptTokens
           && a.completionTokens == b.completionTokens && a.cachedTokens == b.cachedTokens
           && a.usageReported == b.usageReported && qFuzzyCompare(1 + a.costUsd, 1 + b.costUsd);
}

} // namespace

bool ComparisonColumn::operator==(const ComparisonColumn &other) const
{
    return model == other.model && parameters == other.parameters && turns == other.turns
           && sameMetrics(metrics, other.metrics) && error == other.error;
}

QString Comparison::firstPrompt() const
{
    for (const ComparisonColumn &c : columns) {
        for (const ChatMessage &m : c.turns) {
            if (m.role == QLatin1String("user"))
                return m.content;
        }
    }
    return QString();
}

QString Comparison::defaultTitle() const
{
    QString t = firstPrompt().simplified();
    if (t.size() > 60)
        t = t.left(59) + QChar(0x2026);
    return t;
}

QStringList Comparison::models() const
{
    QStringList out;
    for (const ComparisonColumn &c : columns)
        out << c.model;
    return out;
}

QJsonObject Comparison::toJson() const
{
    QJsonArray cols;
    for (const ComparisonColumn &c : columns) {
        cols.append(QJsonObject{{QStringLiteral("model"), c.model},
                                {QStringLiteral("parameters"), c.parameters.toJson()},
                                {QStringLiteral("turns"), historyToJson(c.turns)},
                                {QStringLiteral("metrics"), c.metrics.toJson()},
                                {QStringLiteral("error"), c.error}});
    }
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("tollgate-comparison")},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("created_at"), createdAt},
                       {QStringLiteral("updated_at"), updatedAt},
                       {QStringLiteral("system"), systemPrompt},
                       {QStringLiteral("history"), historyToJson(history)},
                       {QStringLiteral("same_parameters"), sameParameters},
                       {QStringLiteral("columns"), cols}};
}

std::optional<Comparison> Comparison::fromJson(const QJsonObject &o, QString *error)
{
    if (o.value(QLatin1String("format")).toString() != QLatin1String("tollgate-comparison")
        || !o.value(QLatin1String("columns")).isArray()) {
        if (error)
            *error = QStringLiteral("not a Tollgate comparison");
        return std::nullopt;
    }
    Comparison c;
    c.title = o.value(QLatin1String("title")).toString();
    c.createdAt = o.value(QLatin1String("created_at")).toString();
    c.updatedAt = o.value(QLatin1String("updated_at")).toString();
    c.systemPrompt = o.value(QLatin1String("system")).toString();
    c.history = historyFromJson(o.value(QLatin1String("history")));
    c.sameParameters = o.value(QLatin1String("same_parameters")).toBool(true);
    const QJsonArray cols = o.value(QLatin1String("columns")).toArray();
    for (const QJsonValue &v : cols) {
        const QJsonObject co = v.toObject();
        ComparisonColumn col;
        col.model = co.value(QLatin1String("model")).toString();
        col.parameters = ChatParameters::fromJson(co.value(QLatin1String("parameters")).toObject());
        col.turns = historyFromJson(co.value(QLatin1String("turns")));
        col.metrics = ChatMetrics::fromJson(co.value(QLatin1String("metrics")).toObject());
        col.error = co.value(QLatin1String("error")).toString();
        c.columns.append(col);
    }
    return c;
}

bool Comparison::operator==(const Comparison &other) const
{
    return id == other.id && title == other.title && createdAt == other.createdAt && updatedAt == other.updatedAt
           && systemPrompt == other.systemPrompt && history == other.history && sameParameters == other.sameParameters
           && columns == other.columns;
}
