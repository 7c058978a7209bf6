#include "core/pricing/PriceTable.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {

std::optional<double> optionalNumber(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toDouble();
}

std::optional<qint64> optionalCount(const QJsonObject &o, QLatin1String key)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return std::nullopt;
    return v.toInteger();
}

ModelPrice priceFrom(const QJsonObject &o)
{
    ModelPrice p;
    p.input = o.value(QLatin1String("input")).toDouble();
    p.output = o.value(QLatin1String("output")).toDouble();
    p.cacheRead = optionalNumber(o, QLatin1String("cache_read"));
    p.cacheWrite = optionalNumber(o, QLatin1String("cache_write"));
    p.cacheWrite1h = optionalNumber(o, QLatin1String("cache_write_1h"));
    p.contextWindow = optionalCount(o, QLatin1String("context_window"));
    p.maxOutput = optionalCount(o, QLatin1String("max_output"));
    return p;
}

} // namespace

PriceTable PriceTable::fromJson(QByteArrayView json, QString *error)
{
    PriceTable table;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = parseError.errorString();
        return table;
    }
    const QJsonObject root = doc.object();
    const QJsonObject source = root.value(QLatin1String("source")).toObject();
    table.m_commit = source.value(QLatin1String("commit")).toString();
    table.m_date = source.value(QLatin1String("date")).toString();
    table.m_repository = source.value(QLatin1String("repository")).toString();
    const QJsonObject providers = root.value(QLatin1String("providers")).toObject();
    for (auto kind = providers.constBegin(); kind != providers.constEnd(); ++kind) {
        QHash<QString, ModelPrice> &models = table.m_prices[kind.key()];
        const QJsonObject entries = kind.value().toObject();
        for (auto model = entries.constBegin(); model != entries.constEnd(); ++model)
            models.insert(model.key(), priceFrom(model.value().toObject()));
    }
    return table;
}

const PriceTable &PriceTable::bundled()
{
    // A function-local static: parsed on first use, thread-safe, never freed.
    static const PriceTable table = [] {
        QFile file(QStringLiteral(":/tollgate/prices.json"));
        if (!file.open(QIODevice::ReadOnly))
            return PriceTable();
        return fromJson(file.readAll());
    }();
    return table;
}

std::optional<ModelPrice> PriceTable::find(const QString &kind, const QString &modelId) const
{
    const auto models = m_prices.constFind(kind);
    if (models == m_prices.constEnd())
        return std::nullopt;
    const auto it = models->constFind(modelId);
    if (it == models->constEnd())
        return std::nullopt;
    return *it;
}

QStringList PriceTable::kinds() const
{
    QStringList out = m_prices.keys();
    std::sort(out.begin(), out.end());
    return out;
}

QStringList PriceTable::models(const QString &kind) const
{
    QStringList out = m_prices.value(kind).keys();
    std::sort(out.begin(), out.end());
    return out;
}
