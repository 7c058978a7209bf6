#include "core/time/Clock.h"

namespace {
std::function<QDateTime()> &source()
{
    static std::function<QDateTime()> s;
    return s;
}
} // namespace

QDateTime Clock::now()
{
    return source() ? source()().toUTC() : QDateTime::currentDateTimeUtc();
}

qint64 Clock::nowMs()
{
    return now().toMSecsSinceEpoch();
}

QString Clock::toIso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString Clock::nowIso()
{
    return toIso(now());
}

QString Clock::msToIso(qint64 ms)
{
    return toIso(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC));
}

QDateTime Clock::fromIso(const QString &iso)
{
    if (iso.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(iso, Qt::ISODate);
    return t.toUTC();
}

void Clock::setSourceForTesting(std::function<QDateTime()> s)
{
    source() = std::move(s);
}
