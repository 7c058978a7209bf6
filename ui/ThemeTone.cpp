#include "ui/ThemeTone.h"

#include <cmath>

namespace {

QColor baseTone(ThemeTone::Tone tone)
{
    switch (tone) {
    case ThemeTone::Tone::Success:
        return QColor(0x2e, 0xa0, 0x43);
    case ThemeTone::Tone::Warning:
        return QColor(0xbf, 0x87, 0x00);
    case ThemeTone::Tone::Error:
        return QColor(0xd1, 0x24, 0x2f);
    }
    return QColor(0x80, 0x80, 0x80);
}

double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Window)) < 0.2;
}

} // namespace

double ThemeTone::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor ThemeTone::foreground(Tone tone, const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor towards = isDark(palette) ? QColor(Qt::white) : QColor(Qt::black);
    QColor c = baseTone(tone);
    // Ten steps reach the extreme colour, which always contrasts with the window.
    for (int step = 0; step < 10 && contrast(c, window) < 4.5; ++step)
        c = blend(c, towards, 0.2);
    return c;
}

QColor ThemeTone::background(Tone tone, const QPalette &palette)
{
    return blend(palette.color(QPalette::Base), baseTone(tone), isDark(palette) ? 0.35 : 0.2);
}

QString ThemeTone::labelStyle(Tone tone, const QPalette &palette)
{
    return QStringLiteral("color: %1;").arg(foreground(tone, palette).name());
}
