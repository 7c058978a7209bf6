#include "core/protocol/RateLimitReset.h"

namespace {

constexpr qint64 kUnknownResetMs = 1000;

} // namespace

qint64 RateLimitReset::parseDurationMs(const QByteArray &text)
{
    const QByteArray t = text.trimmed();
    if (t.isEmpty())
        return -1;
    double total = 0;
    qsizetype i = 0;
    while (i < t.size()) {
        const qsizetype start = i;
        while (i < t.size() && ((t.at(i) >= '0' && t.at(i) <= '9') || t.at(i) == '.'))
            ++i;
        bool ok = false;
        const double value = t.mid(start, i - start).toDouble(&ok);
        if (!ok)
            return -1;
        const qsizetype unitStart = i;
        while (i < t.size() && t.at(i) >= 'a' && t.at(i) <= 'z')
            ++i;
        const QByteArray unit = t.mid(unitStart, i - unitStart);
        if (unit == "ms")
            total += value;
        else if (unit == "s" || unit.isEmpty())
            total += value * 1000;
        else if (unit == "m")
            total += value * 60000;
        else if (unit == "h")
            total += value * 3600000;
        else
            return -1;
    }
    return qint64(total);
}

qint64 RateLimitReset::exhaustedForMs(const QByteArray &remainingRequests, const QByteArray &resetRequests)
{
    if (remainingRequests.trimmed() != "0")
        return 0;
    const qint64 ms = parseDurationMs(resetRequests);
    return ms > 0 ? ms : kUnknownResetMs;
}
