#include "core/storage/UsageQuery.h"

#include <QDateTime>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

constexpr qint64 kHourMs = 3600000;

QString column(UsageQuery::GroupBy groupBy)
{
    switch (groupBy) {
    case UsageQuery::GroupBy::Model:
        return QStringLiteral("model");
    case UsageQuery::GroupBy::Key:
        return QStringLiteral("key_name");
    case UsageQuery::GroupBy::Provider:
        return QStringLiteral("provider");
    }
    return QStringLiteral("model");
}

qint64 localDayStart(qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    return local.date().startOfDay().toMSecsSinceEpoch();
}

} // namespace

void UsageQuery::Totals::add(const Totals &o)
{
    requests += o.requests;
    promptTokens += o.promptTokens;
    completionTokens += o.completionTokens;
    cachedTokens += o.cachedTokens;
    costUsd += o.costUsd;
}

UsageQuery::UsageQuery(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString UsageQuery::groupByName(GroupBy groupBy)
{
    switch (groupBy) {
    case GroupBy::Model:
        return QStringLiteral("model");
    case GroupBy::Key:
        return QStringLiteral("key");
    case GroupBy::Provider:
        return QStringLiteral("provider");
    }
    return {};
}

std::optional<UsageQuery::GroupBy> UsageQuery::parseGroupBy(const QString &name)
{
    if (name == QLatin1String("model"))
        return GroupBy::Model;
    if (name == QLatin1String("key"))
        return GroupBy::Key;
    if (name == QLatin1String("provider"))
        return GroupBy::Provider;
    return std::nullopt;
}

std::optional<UsageQuery::Result> UsageQuery::run(qint64 fromMs, qint64 toMs, GroupBy groupBy, Bucket bucket,
                                                  QString *error) const
{
    const qint64 fromHour = fromMs / kHourMs;
    const qint64 toHour = (toMs + kHourMs - 1) / kHourMs;
    const QString col = column(groupBy);
    // The expression must read exactly like the index's for SQLite to use it.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT time_ms / 3600000, %1, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), "
                             "SUM(cached_tokens), SUM(cost_usd) FROM request_log "
                             "WHERE time_ms / 3600000 >= ? AND time_ms / 3600000 < ? "
                             "GROUP BY time_ms / 3600000, %1")
                  .arg(col));
    q.addBindValue(fromHour);
    q.addBindValue(toHour);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }

    // (bucket, group) -> totals; QMap keeps buckets in time order.
    QMap<qint64, QMap<QString, Totals>> cells;
    QHash<qint64, qint64> dayOfHour;
    Result result;
    while (q.next()) {
        const qint64 hourMs = q.value(0).toLongLong() * kHourMs;
        qint64 key = hourMs;
        if (bucket == Bucket::Day) {
            auto it = dayOfHour.constFind(hourMs);
            if (it == dayOfHour.constEnd())
                it = dayOfHour.insert(hourMs, localDayStart(hourMs));
            key = it.value();
        }
        Totals t;
        t.requests = q.value(2).toLongLong();
        t.promptTokens = q.value(3).toLongLong();
        t.completionTokens = q.value(4).toLongLong();
        t.cachedTokens = q.value(5).toLongLong();
        t.costUsd = q.value(6).toDouble();
        const QString group = q.value(1).toString();
        cells[key][group].add(t);
        result.perGroup[group].add(t);
        result.totals.add(t);
    }

    for (auto b = cells.constBegin(); b != cells.constEnd(); ++b) {
        for (auto g = b.value().constBegin(); g != b.value().constEnd(); ++g)
            result.rows.append(Row{b.key(), g.key(), g.value()});
    }
    result.groups = result.perGroup.keys();
    std::sort(result.groups.begin(), result.groups.end(), [&](const QString &a, const QString &b) {
        const Totals &ta = result.perGroup[a];
        const Totals &tb = result.perGroup[b];
        if (ta.costUsd != tb.costUsd)
            return ta.costUsd > tb.costUsd;
        if (ta.requests != tb.requests)
            return ta.requests > tb.requests;
        return a < b;
    });

    if (bucket == Bucket::Hour) {
        for (qint64 h = fromHour; h < toHour; ++h)
            result.buckets.append(h * kHourMs);
    } else if (toHour > fromHour) {
        QDate day = QDateTime::fromMSecsSinceEpoch(fromHour * kHourMs).toLocalTime().date();
        const QDate last = QDateTime::fromMSecsSinceEpoch(toHour * kHourMs - 1).toLocalTime().date();
        for (; day <= last; day = day.addDays(1))
            result.buckets.append(day.startOfDay().toMSecsSinceEpoch());
    }
    return result;
}
