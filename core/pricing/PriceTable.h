#pragma once

#include "core/pricing/ModelPrice.h"

#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

// Prices keyed by Tollgate provider kind and model id, as produced by
// tools/convert-prices.py. Immutable once built; safe to read from any thread.
class PriceTable
{
public:
    PriceTable() = default;
    // Parses a table; an unreadable one yields an empty table and, if asked, the reason.
    static PriceTable fromJson(QByteArrayView json, QString *error = nullptr);
    // The table embedded in the binary (:/tollgate/prices.json), parsed once.
    static const PriceTable &bundled();

    std::optional<ModelPrice> find(const QString &kind, const QString &modelId) const;
    QStringList kinds() const;
    QStringList models(const QString &kind) const; // sorted
    bool isEmpty() const { return m_prices.isEmpty(); }

    QString sourceCommit() const { return m_commit; }
    QString sourceDate() const { return m_date; }
    QString sourceRepository() const { return m_repository; }

private:
    QHash<QString, QHash<QString, ModelPrice>> m_prices;
    QString m_commit;
    QString m_date;
    QString m_repository;
};
