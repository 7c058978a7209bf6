#include "core/ledger/BudgetPeriod.h"

#include <QDateTime>
#include <QTime>

namespace {

QDate localDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::LocalTime).date();
}

qint64 localMidnightMs(const QDate &date)
{
    return QDateTime(date, QTime(0, 0), Qt::LocalTime).toMSecsSinceEpoch();
}

} // namespace

namespace BudgetPeriod {

QString name(Kind kind)
{
    switch (kind) {
    case Kind::Total:
        return QStringLiteral("total");
    case Kind::Daily:
        return QStringLiteral("daily");
    case Kind::Weekly:
        return QStringLiteral("weekly");
    case Kind::Monthly:
        return QStringLiteral("monthly");
    }
    return QStringLiteral("total");
}

std::optional<Kind> parse(const QString &text)
{
    for (const Kind k : {Kind::Total, Kind::Daily, Kind::Weekly, Kind::Monthly}) {
        if (text == name(k))
            return k;
    }
    return std::nullopt;
}

QDate startDate(Kind kind, qint64 nowMs)
{
    const QDate today = localDate(nowMs);
    switch (kind) {
    case Kind::Total:
        return {};
    case Kind::Daily:
        return today;
    case Kind::Weekly:
        return today.addDays(1 - today.dayOfWeek()); // Qt: Monday is 1
    case Kind::Monthly:
        return QDate(today.year(), today.month(), 1);
    }
    return {};
}

qint64 startMs(Kind kind, qint64 nowMs)
{
    const QDate start = startDate(kind, nowMs);
    return start.isValid() ? localMidnightMs(start) : 0;
}

qint64 nextStartMs(Kind kind, qint64 nowMs)
{
    const QDate start = startDate(kind, nowMs);
    switch (kind) {
    case Kind::Total:
        return -1;
    case Kind::Daily:
        return localMidnightMs(start.addDays(1));
    case Kind::Weekly:
        return localMidnightMs(start.addDays(7));
    case Kind::Monthly:
        return localMidnightMs(start.addMonths(1));
    }
    return -1;
}

int secondsUntilNext(Kind kind, qint64 nowMs)
{
    const qint64 next = nextStartMs(kind, nowMs);
    if (next < 0)
        return -1;
    return int(qMax<qint64>(1, (next - nowMs + 999) / 1000));
}

} // namespace BudgetPeriod
