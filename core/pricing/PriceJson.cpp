#include "core/pricing/PriceJson.h"

#include <QCoreApplication>

namespace {

QJsonValue orNull(std::optional<double> v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue orNull(std::optional<qint64> v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject PriceJson::toJson(const ModelPrice &p)
{
    return QJsonObject{{QStringLiteral("input"), p.input},
                       {QStringLiteral("output"), p.output},
                       {QStringLiteral("cache_read"), orNull(p.cacheRead)},
                       {QStringLiteral("cache_write"), orNull(p.cacheWrite)},
                       {QStringLiteral("cache_write_1h"), orNull(p.cacheWrite1h)},
                       {QStringLiteral("context_window"), orNull(p.contextWindow)},
                       {QStringLiteral("max_output"), orNull(p.maxOutput)}};
}

QString PriceJson::usd(std::optional<double> perMillion)
{
    if (!perMillion)
        return QStringLiteral("-");
    // Two decimals for dollars and cents, more only when the price has them (0.075).
    QString text = QString::number(*perMillion, 'f', 6);
    while (text.endsWith(QLatin1Char('0')) && text.indexOf(QLatin1Char('.')) < text.size() - 3)
        text.chop(1);
    return QLatin1Char('$') + text;
}

QString PriceJson::cacheNote(const ModelPrice &p)
{
    QStringList notes;
    if (!p.cacheRead)
        notes << QCoreApplication::translate("PriceJson",
                                             "No cache-read price: cache reads are charged at the input price.");
    if (!p.cacheWrite)
        notes << QCoreApplication::translate("PriceJson",
                                             "No cache-write price: cache writes are charged at the input price.");
    return notes.join(QLatin1Char('\n'));
}
