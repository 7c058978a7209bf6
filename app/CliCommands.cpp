#include "app/CliCommands.h"

#include "app/AppContext.h"
#include "app/ExitCode.h"
#include "app/LogCommands.h"
#include "app/PriceCommands.h"
#include "app/RouteCommands.h"
#include "app/TextTable.h"
#include "core/pricing/PriceJson.h"
#include "core/pricing/PriceLookup.h"
#include "core/providers/SyncService.h"
#include "core/storage/AliasStore.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <memory>

namespace {

// Empty text becomes JSON null, so scripts can test `last_sync == null`.
QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list)
        array.append(s);
    return array;
}

QString modelKey(qint64 providerId, const QString &modelId)
{
    return QString::number(providerId) + QLatin1Char('/') + modelId;
}

} // namespace

CliCommands::CliCommands(AppContext &context, const CommandLineOptions &options)
    : m_context(context)
    , m_options(options)
    , m_out(stdout)
    , m_err(stderr)
{
}

int CliCommands::run()
{
    switch (m_options.command) {
    case CommandLineOptions::Command::ProvidersList:
        return providersList();
    case CommandLineOptions::Command::ProvidersSync:
        return providersSync();
    case CommandLineOptions::Command::ModelsList:
        return modelsList();
    case CommandLineOptions::Command::KeysCreate:
        return keysCreate();
    case CommandLineOptions::Command::KeysList:
        return keysList();
    case CommandLineOptions::Command::Logs:
        return LogCommands(m_context, m_options).logs();
    case CommandLineOptions::Command::Usage:
        return LogCommands(m_context, m_options).usage();
    case CommandLineOptions::Command::Prices:
        return PriceCommands(m_context, m_options).prices();
    case CommandLineOptions::Command::Routes:
        return RouteCommands(m_context, m_options).routes();
    case CommandLineOptions::Command::KeysRevoke:
        return keysRevoke();
    case CommandLineOptions::Command::None:
        break;
    }
    return fail(ExitCode::Usage, tr("No command given."));
}

void CliCommands::printJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << '\n';
    m_out.flush();
}

int CliCommands::fail(int code, const QString &message)
{
    m_err << "tollgate: " << message << '\n';
    m_err.flush();
    return code;
}

int CliCommands::providersList()
{
    const QList<Provider> providers = m_context.providers().list();
    TextTable table({tr("NAME"), tr("KIND"), tr("STATUS"), tr("MODELS"), tr("LAST SYNC"), tr("BASE URL"), tr("ERROR")});
    for (const Provider &p : providers) {
        const QString status = p.enabled ? p.status : QStringLiteral("disabled");
        if (m_options.json) {
            printJson({{QStringLiteral("name"), p.name},
                       {QStringLiteral("kind"), p.kind},
                       {QStringLiteral("base_url"), p.baseUrl},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("model_count"), p.modelCount},
                       {QStringLiteral("last_sync"), orNull(p.lastSync)},
                       {QStringLiteral("last_error"), orNull(p.lastError)}});
        } else {
            table.addRow({p.name, p.kind, status, QString::number(p.modelCount), orDash(p.lastSync), p.baseUrl,
                          orDash(p.lastError)});
        }
    }
    if (!m_options.json)
        table.print(m_out);
    m_out.flush();
    return ExitCode::Ok;
}

int CliCommands::providersSync()
{
    QList<Provider> targets;
    if (!m_options.target.isEmpty()) {
        const auto provider = m_context.providers().findByName(m_options.target);
        if (!provider)
            return fail(ExitCode::Usage, tr("No provider named \"%1\".").arg(m_options.target));
        if (!provider->enabled)
            return fail(ExitCode::Failure, tr("Provider \"%1\" is disabled; enable it first.").arg(provider->name));
        targets.append(*provider);
    } else {
        for (const Provider &p : m_context.providers().list()) {
            if (p.enabled)
                targets.append(p);
        }
    }
    if (targets.isEmpty()) {
        m_out << tr("No enabled providers to sync.") << '\n';
        m_out.flush();
        return ExitCode::Ok;
    }

    struct Finished
    {
        bool ok = false;
        QString error;
        int added = 0;
        int removed = 0;
    };
    QHash<qint64, Finished> results;
    QSet<qint64> wanted;
    for (const Provider &p : std::as_const(targets))
        wanted.insert(p.id);
    SyncService &sync = m_context.sync();
    QObject receiver;
    QObject::connect(&sync, &SyncService::syncFinished, &receiver,
                     [&](qint64 id, bool ok, const QString &error, int added, int removed) {
                         if (wanted.contains(id))
                             results.insert(id, {ok, error, added, removed});
                     });
    for (const Provider &p : std::as_const(targets))
        sync.syncNow(p.id);
    // Discovery has its own connect and first-byte timeouts; this only guards against a hang.
    const bool complete = AppContext::waitFor([&] { return results.size() == wanted.size(); }, 10 * 60 * 1000);

    int failures = 0;
    TextTable table({tr("PROVIDER"), tr("RESULT"), tr("ADDED"), tr("REMOVED"), tr("ERROR")});
    for (const Provider &p : std::as_const(targets)) {
        const Finished r = results.value(p.id, {false, tr("did not finish"), 0, 0});
        if (!r.ok)
            ++failures;
        if (m_options.json) {
            printJson({{QStringLiteral("name"), p.name},
                       {QStringLiteral("ok"), r.ok},
                       {QStringLiteral("added"), r.added},
                       {QStringLiteral("removed"), r.removed},
                       {QStringLiteral("error"), orNull(r.error)}});
        } else {
            table.addRow({p.name, r.ok ? tr("ok") : tr("failed"), QString::number(r.added), QString::number(r.removed),
                          orDash(r.error)});
        }
    }
    if (!m_options.json)
        table.print(m_out);
    m_out.flush();
    if (!complete)
        return fail(ExitCode::Failure, tr("Discovery did not finish in time."));
    return failures == 0 ? ExitCode::Ok : ExitCode::Failure;
}

int CliCommands::modelsList()
{
    const QList<ModelInfo> models = m_context.models().list();
    const QList<Alias> aliases = m_context.aliases().list();
    QMultiHash<QString, const Alias *> aliasesByModel;
    for (const Alias &a : aliases)
        aliasesByModel.insert(modelKey(a.providerId, a.modelId), &a);

    struct Row
    {
        QString provider, id, status, alias, category;
        const Alias *pricedBy = nullptr; // the alias whose pricing: block applies
    };
    QList<Row> rows;
    QSet<const Alias *> shown;
    for (const ModelInfo &m : models) {
        QList<const Alias *> matching = aliasesByModel.values(modelKey(m.providerId, m.modelId));
        if (matching.isEmpty()) {
            rows.append({m.providerName, m.modelId, m.status, QString(), m.category});
            continue;
        }
        std::sort(matching.begin(), matching.end(), [](const Alias *a, const Alias *b) { return a->alias < b->alias; });
        for (const Alias *a : std::as_const(matching)) {
            rows.append({m.providerName, m.modelId, m.status, a->alias, a->category, a});
            shown.insert(a);
        }
    }
    // Aliases whose upstream model was never discovered (not synced yet, or a typo) still show up.
    for (const Alias &a : aliases) {
        if (!shown.contains(&a))
            rows.append({a.providerName, a.modelId, QStringLiteral("offline"), a.alias, a.category, &a});
    }

    QHash<QString, QString> kindOf; // provider name -> kind, for the price lookup
    for (const Provider &p : m_context.providers().list())
        kindOf.insert(p.name, p.kind);
    TextTable table({tr("PROVIDER"), tr("MODEL"), tr("STATUS"), tr("ALIAS"), tr("CATEGORY")});
    for (const Row &r : std::as_const(rows)) {
        if (m_options.json) {
            const EffectivePrice price =
                PriceLookup::effective(PriceTable::bundled(), r.pricedBy ? &r.pricedBy->pricing : nullptr,
                                       kindOf.value(r.provider), r.provider, r.id);
            printJson({{QStringLiteral("provider"), r.provider},
                       {QStringLiteral("id"), r.id},
                       {QStringLiteral("status"), r.status},
                       {QStringLiteral("alias"), orNull(r.alias)},
                       {QStringLiteral("category"), r.category},
                       {QStringLiteral("priced"), price.priced},
                       {QStringLiteral("price_source"), orNull(price.source)},
                       {QStringLiteral("price"),
                        price.priced ? QJsonValue(PriceJson::toJson(price.price)) : QJsonValue(QJsonValue::Null)}});
        } else {
            table.addRow({r.provider, r.id, r.status, orDash(r.alias), r.category});
        }
    }
    if (!m_options.json)
        table.print(m_out);
    m_out.flush();
    return ExitCode::Ok;
}

int CliCommands::keysCreate()
{
    QString error;
    const QString secret = m_context.keys().create(m_options.newKey, &error);
    if (secret.isEmpty())
        return fail(ExitCode::Failure, error);
    if (m_options.json) {
        printJson({{QStringLiteral("name"), m_options.newKey.name},
                   {QStringLiteral("key"), secret},
                   {QStringLiteral("prefix"), secret.left(7)}});
        return ExitCode::Ok;
    }
    m_out << tr("Created gateway key \"%1\":").arg(m_options.newKey.name) << '\n'
          << secret << '\n'
          << tr("Save this key, it will not be shown again.") << '\n';
    m_out.flush();
    return ExitCode::Ok;
}

int CliCommands::keysList()
{
    const QList<GatewayKey> keys = m_context.keys().list();
    TextTable table({tr("NAME"), tr("PREFIX"), tr("MODELS"), tr("RPM"), tr("BUDGET USD"), tr("EXPIRES"), tr("CREATED"),
                     tr("LAST USED"), tr("REVOKED")});
    for (const GatewayKey &k : keys) {
        if (m_options.json) {
            printJson({{QStringLiteral("name"), k.name},
                       {QStringLiteral("prefix"), k.prefix},
                       {QStringLiteral("models"), toArray(k.models)},
                       {QStringLiteral("rpm"), k.rpm},
                       {QStringLiteral("budget_usd"), k.budgetUsd},
                       {QStringLiteral("expires"), orNull(k.expiresAt)},
                       {QStringLiteral("created"), k.createdAt},
                       {QStringLiteral("last_used"), orNull(k.lastUsed)},
                       {QStringLiteral("revoked"), !k.revokedAt.isEmpty()},
                       {QStringLiteral("revoked_at"), orNull(k.revokedAt)},
                       {QStringLiteral("requests"), k.requests}});
        } else {
            table.addRow({k.name, k.prefix + QStringLiteral("…"),
                          k.models.isEmpty() ? tr("all") : k.models.join(QLatin1Char(',')),
                          k.rpm ? QString::number(k.rpm) : tr("unlimited"),
                          k.budgetUsd > 0 ? QString::number(k.budgetUsd, 'f', 2) : tr("unlimited"), orDash(k.expiresAt),
                          k.createdAt, orDash(k.lastUsed), orDash(k.revokedAt)});
        }
    }
    if (!m_options.json)
        table.print(m_out);
    m_out.flush();
    return ExitCode::Ok;
}

int CliCommands::keysRevoke()
{
    if (const auto key = m_context.keys().findByName(m_options.target); key && key->internal)
        return fail(ExitCode::Failure,
                    tr("\"%1\" is the console's own key and cannot be revoked here.").arg(key->name));
    QString error;
    if (!m_context.keys().revoke(m_options.target, &error))
        return fail(ExitCode::Failure, error);
    m_out << tr("Revoked key \"%1\".").arg(m_options.target) << '\n';
    m_out.flush();
    return ExitCode::Ok;
}
