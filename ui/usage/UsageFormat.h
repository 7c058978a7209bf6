#pragma once

#include <QColor>
#include <QList>
#include <QLocale>
#include <QString>

// Number formatting and axis layout for the Usage tab, kept apart from the
// widgets so every rule can be checked on its own.
namespace UsageFormat {

// Decimals that show at least two significant digits of a dollar amount
// (never fewer than cents, never more than 6): 12.34, 0.0021, 0.000035.
int usdDecimals(double usd);
// "$0.0021", "$12.34", "$0.00".
QString usd(double value, const QLocale &locale = QLocale());

// A value axis from 0 to `top` with `ticks` tick marks and `decimals` label decimals.
struct AxisLayout
{
    double top = 1;
    int ticks = 2;
    int decimals = 0;
};
// Counts (requests, tokens): whole-number steps only, so labels never read "0, 1, 1, 2".
AxisLayout countAxis(double maxValue);
// Dollars: a 1/2/5 step with as many decimals as the step needs, so small spends are not all "$0.00".
AxisLayout costAxis(double maxValue);

// Tick marks for a time axis over `spans` equal buckets (points - 1): a count
// that lands every tick on a bucket boundary, at most `maxTicks`.
int timeTickCount(int spans, int maxTicks = 8);

// Series colours that stay distinct for up to `count` series (no repeats from the chart theme).
QList<QColor> seriesColors(int count, bool dark);

} // namespace UsageFormat
