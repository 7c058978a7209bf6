#pragma once

#include <QDate>
#include <QString>

#include <optional>

// The span a budget covers. Periods turn over at local midnight (daily), local
// midnight on Monday (weekly) and local midnight on the 1st (monthly); a total
// budget never turns over. Times come from the caller (Clock::nowMs() on the
// request path) so tests step a TestClock instead of waiting for midnight.
namespace BudgetPeriod {

enum class Kind { Total, Daily, Weekly, Monthly };

QString name(Kind kind); // "total", "daily", "weekly", "monthly"
std::optional<Kind> parse(const QString &text);

// The local date the period containing `nowMs` began on; invalid for Total
// (which spans everything).
QDate startDate(Kind kind, qint64 nowMs);
// Milliseconds since the epoch at which that period began (0 for Total).
qint64 startMs(Kind kind, qint64 nowMs);
// When the next period begins; -1 for Total (it never does).
qint64 nextStartMs(Kind kind, qint64 nowMs);
// Whole seconds from `nowMs` until the next period, at least 1; -1 for Total.
int secondsUntilNext(Kind kind, qint64 nowMs);

} // namespace BudgetPeriod
