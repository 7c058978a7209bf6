#include "app/PriceCommands.h"

#include "app/AppContext.h"
#include "app/ExitCode.h"
#include "app/TextTable.h"
#include "core/pricing/PriceJson.h"
#include "core/pricing/PriceLookup.h"
#include "core/pricing/PriceTable.h"
#include "core/storage/AliasStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"

#include <QHash>
#include <QJsonDocument>

namespace {

struct Row
{
    QString name;     // as a caller names it
    QString provider; // provider name, or the table's kind
    QString model;    // upstream id
    EffectivePrice price;
};

} // namespace

PriceCommands::PriceCommands(AppContext &context, const CommandLineOptions &options)
    : m_context(context)
    , m_options(options)
    , m_out(stdout)
    , m_err(stderr)
{
}

int PriceCommands::prices()
{
    const PriceTable &table = PriceTable::bundled();
    const QString wanted = m_options.target;
    QList<Row> rows;
    if (wanted.isEmpty()) {
        for (const QString &kind : table.kinds()) {
            for (const QString &id : table.models(kind))
                rows.append({id, kind, id, PriceLookup::bundled(table, kind, QString(), id)});
        }
    } else {
        QHash<qint64, Provider> providers;
        for (const Provider &p : m_context.providers().list())
            providers.insert(p.id, p);
        for (const Alias &a : m_context.aliases().list()) {
            if (a.alias != wanted || !providers.contains(a.providerId))
                continue;
            const Provider &p = providers.value(a.providerId);
            rows.append(
                {a.alias, p.name, a.modelId, PriceLookup::effective(table, &a.pricing, p.kind, p.name, a.modelId)});
        }
        for (const ModelInfo &m : m_context.models().list()) {
            const QString qualified = m.providerName + QLatin1Char('/') + m.modelId;
            if ((m.modelId != wanted && qualified != wanted) || !providers.contains(m.providerId))
                continue;
            const Provider &p = providers.value(m.providerId);
            rows.append({qualified, p.name, m.modelId, PriceLookup::bundled(table, p.kind, p.name, m.modelId)});
        }
        // Not configured here: what the table would charge, per provider kind.
        if (rows.isEmpty()) {
            for (const QString &kind : table.kinds()) {
                const EffectivePrice price = PriceLookup::bundled(table, kind, QString(), wanted);
                if (price.priced)
                    rows.append({wanted, kind, price.matchedId, price});
            }
        }
        if (rows.isEmpty()) {
            m_err << "tollgate: " << tr("No price is known for \"%1\".").arg(wanted) << '\n';
            return ExitCode::Failure;
        }
    }

    if (m_options.json) {
        for (const Row &r : std::as_const(rows)) {
            QJsonObject o{{QStringLiteral("model"), r.name},
                          {QStringLiteral("provider"), r.provider},
                          {QStringLiteral("upstream_model"), r.model},
                          {QStringLiteral("priced"), r.price.priced},
                          {QStringLiteral("price_source"),
                           r.price.priced ? QJsonValue(r.price.source) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("matched_id"), r.price.matchedId},
                          {QStringLiteral("source_commit"), table.sourceCommit()}};
            const QJsonObject price = PriceJson::toJson(r.price.price);
            for (auto it = price.constBegin(); it != price.constEnd(); ++it)
                o.insert(it.key(), it.value());
            m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        }
        m_out.flush();
        return ExitCode::Ok;
    }
    m_out << tr("Prices in USD per 1M tokens; bundled table from %1 commit %2 of %3.")
                 .arg(table.sourceRepository(), table.sourceCommit().left(12), table.sourceDate())
          << '\n';
    TextTable text({tr("MODEL"), tr("PROVIDER"), tr("INPUT"), tr("OUTPUT"), tr("CACHE READ"), tr("CACHE WRITE"),
                    tr("WRITE 1H"), tr("SOURCE")});
    for (const Row &r : std::as_const(rows)) {
        const ModelPrice &p = r.price.price;
        text.addRow({r.name, r.provider, r.price.priced ? PriceJson::usd(p.input) : QStringLiteral("-"),
                     r.price.priced ? PriceJson::usd(p.output) : QStringLiteral("-"), PriceJson::usd(p.cacheRead),
                     PriceJson::usd(p.cacheWrite), PriceJson::usd(p.cacheWrite1h),
                     r.price.priced ? r.price.source : tr("unpriced")});
    }
    text.print(m_out);
    m_out.flush();
    return ExitCode::Ok;
}
