#include "ui/usage/UsageFormat.h"

#include <QtMath>

#include <cmath>

namespace {

// The smallest 1/2/5 × 10^n step that covers `rough`.
double niceStep(double rough)
{
    if (rough <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= rough * (1 - 1e-9))
            return m * magnitude;
    }
    return 10 * magnitude;
}

UsageFormat::AxisLayout layoutFor(double maxValue, double step)
{
    UsageFormat::AxisLayout layout;
    const double steps = std::ceil(maxValue / step - 1e-9);
    layout.top = std::max(1.0, steps) * step;
    layout.ticks = int(std::max(1.0, steps)) + 1;
    return layout;
}

} // namespace

int UsageFormat::usdDecimals(double usd)
{
    const double magnitude = std::abs(usd);
    if (magnitude >= 0.01 || magnitude == 0)
        return 2;
    return qBound(2, int(std::ceil(-std::log10(magnitude))) + 1, 6);
}

QString UsageFormat::usd(double value, const QLocale &locale)
{
    return QStringLiteral("$") + locale.toString(value, 'f', usdDecimals(value));
}

UsageFormat::AxisLayout UsageFormat::countAxis(double maxValue)
{
    if (maxValue <= 0)
        return {1, 2, 0};
    // About four steps, never a fraction of one.
    const double step = std::max(1.0, niceStep(maxValue / 4));
    return layoutFor(maxValue, step);
}

UsageFormat::AxisLayout UsageFormat::costAxis(double maxValue)
{
    if (maxValue <= 0)
        return {1, 2, 2};
    const double step = niceStep(maxValue / 4);
    AxisLayout layout = layoutFor(maxValue, step);
    layout.decimals = qBound(2, int(std::ceil(-std::log10(step) - 1e-9)), 6);
    return layout;
}

int UsageFormat::timeTickCount(int spans, int maxTicks)
{
    if (spans <= 0)
        return 2;
    for (int ticks = std::min(maxTicks, spans + 1); ticks > 2; --ticks) {
        if (spans % (ticks - 1) == 0)
            return ticks;
    }
    return 2;
}

QList<QColor> UsageFormat::seriesColors(int count, bool dark)
{
    // Evenly spaced hues with alternating lightness, so neighbours differ even past ten series.
    QList<QColor> colors;
    colors.reserve(count);
    const int n = std::max(count, 1);
    for (int i = 0; i < count; ++i) {
        const int hue = int(std::lround(210 + 360.0 * i / n)) % 360;
        const int lightness = dark ? (i % 2 ? 170 : 140) : (i % 2 ? 95 : 125);
        colors.append(QColor::fromHsl(hue, 190, lightness));
    }
    return colors;
}
