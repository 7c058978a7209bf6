#include "core/routing/RoutingSnapshot.h"

#include "core/storage/AliasStore.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ProviderStore.h"
#include "core/time/Clock.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

constexpr int kKeyPrefix = 16;

bool keyMayUse(const GatewayKey *key, const QString &name)
{
    return !key || key->allows(name);
}

} // namespace

qint64 RoutingSnapshot::configVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT version FROM config_version")) && q.next())
        return q.value(0).toLongLong();
    return -1;
}

std::shared_ptr<const RoutingSnapshot> RoutingSnapshot::load(const QSqlDatabase &db, QString *error)
{
    auto snap = std::make_shared<RoutingSnapshot>();
    snap->m_version = configVersion(db);
    const QList<Provider> providers = ProviderStore::readAll(db);
    for (const Provider &p : providers) {
        if (!p.enabled)
            continue;
        snap->m_providerIndex.insert(p.id, int(snap->m_providers.size()));
        snap->m_providers.append(p);
    }
    snap->m_aliases = AliasStore::readAll(db);
    for (int i = 0; i < snap->m_aliases.size(); ++i)
        snap->m_aliasIndex.insert(snap->m_aliases.at(i).alias, i);

    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT provider_id, model_id FROM models WHERE status = 'online' ORDER BY model_id"));
    while (q.next()) {
        const auto it = snap->m_providerIndex.constFind(q.value(0).toLongLong());
        if (it == snap->m_providerIndex.constEnd() || !snap->m_providers.at(*it).exposeAll)
            continue;
        const QString id = q.value(1).toString();
        snap->m_bareModels[id].append({*it, id});
        snap->m_qualified.insert(snap->m_providers.at(*it).name + QLatin1Char('/') + id);
        snap->m_exposed.append({*it, id});
    }

    const QList<GatewayKey> keys = KeyStore::readActive(db);
    for (const GatewayKey &k : keys)
        snap->m_keysByPrefix.insert(k.hash.left(kKeyPrefix), k);
    return snap;
}

RoutingSnapshot::Resolution RoutingSnapshot::resolve(const QString &model, const GatewayKey *key) const
{
    Resolution r;
    // 1. Published alias.
    if (const auto it = m_aliasIndex.constFind(model); it != m_aliasIndex.constEnd()) {
        const Alias &a = m_aliases.at(*it);
        if (!a.active) {
            r.outcome = Outcome::Inactive;
            r.message = QStringLiteral("The model alias '%1' is inactive.").arg(model);
            return r;
        }
        r.candidates = candidates(model);
        if (r.candidates.isEmpty()) {
            r.outcome = Outcome::NotFound;
            r.message = QStringLiteral("The model '%1' belongs to a disabled provider.").arg(model);
            return r;
        }
        if (!keyMayUse(key, model)) {
            r.outcome = Outcome::Forbidden;
            r.message = QStringLiteral("This key may not use the model '%1'.").arg(model);
            return r;
        }
        r.outcome = Outcome::Found;
        r.target = r.candidates.first();
        return r;
    }
    // 2. provider/model-id
    const int slash = model.indexOf(QLatin1Char('/'));
    if (slash > 0 && m_qualified.contains(model)) {
        const QString providerName = model.left(slash);
        for (const Provider &p : m_providers) {
            if (p.name != providerName)
                continue;
            if (!keyMayUse(key, model)) {
                r.outcome = Outcome::Forbidden;
                r.message = QStringLiteral("This key may not use the model '%1'.").arg(model);
                return r;
            }
            r.outcome = Outcome::Found;
            r.target = {&p, model.mid(slash + 1), nullptr};
            r.candidates = {r.target};
            return r;
        }
    }
    // 3. A bare id offered by exactly one enabled provider.
    if (const auto it = m_bareModels.constFind(model); it != m_bareModels.constEnd()) {
        if (it->size() == 1) {
            const Provider &p = m_providers.at(it->first().first);
            const QString qualified = p.name + QLatin1Char('/') + model;
            if (!keyMayUse(key, model) && !keyMayUse(key, qualified)) {
                r.outcome = Outcome::Forbidden;
                r.message = QStringLiteral("This key may not use the model '%1'.").arg(model);
                return r;
            }
            r.outcome = Outcome::Found;
            r.target = {&p, model, nullptr};
            r.candidates = {r.target};
            return r;
        }
        r.outcome = Outcome::NotFound;
        QStringList names;
        for (const auto &entry : *it)
            names.append(m_providers.at(entry.first).name + QLatin1Char('/') + model);
        r.message = QStringLiteral("The model '%1' is offered by several providers; use one of: %2.")
                        .arg(model, names.join(QStringLiteral(", ")));
        return r;
    }
    r.outcome = Outcome::NotFound;
    r.message = QStringLiteral("The model '%1' does not exist or is not published.").arg(model);
    return r;
}

QList<RoutingSnapshot::Listed> RoutingSnapshot::visibleModels(const GatewayKey *key) const
{
    QList<Listed> out;
    for (const Alias &a : m_aliases) {
        if (a.active && !candidates(a.alias).isEmpty() && keyMayUse(key, a.alias))
            out.append({a.alias, a.providerName, Clock::fromIso(a.createdAt).toSecsSinceEpoch()});
    }
    for (const auto &[index, id] : m_exposed) {
        const Provider &p = m_providers.at(index);
        const QString qualified = p.name + QLatin1Char('/') + id;
        if (keyMayUse(key, qualified) || keyMayUse(key, id))
            out.append({qualified, p.name, 0});
    }
    return out;
}

const GatewayKey *RoutingSnapshot::keyByHash(const QString &hash) const
{
    const QByteArray presented = hash.toLatin1();
    const QString prefix = hash.left(kKeyPrefix);
    for (auto it = m_keysByPrefix.constFind(prefix); it != m_keysByPrefix.constEnd() && it.key() == prefix; ++it) {
        if (KeyStore::constantTimeEquals(it->hash.toLatin1(), presented))
            return &*it;
    }
    return nullptr;
}

const Provider *RoutingSnapshot::provider(qint64 id) const
{
    const auto it = m_providerIndex.constFind(id);
    return it == m_providerIndex.constEnd() ? nullptr : &m_providers.at(*it);
}

QString RoutingSnapshot::Target::key() const
{
    return (provider ? provider->name : QString()) + QLatin1Char('/') + upstreamModel;
}

const Alias *RoutingSnapshot::alias(const QString &name) const
{
    const auto it = m_aliasIndex.constFind(name);
    return it == m_aliasIndex.constEnd() ? nullptr : &m_aliases.at(*it);
}

QList<RoutingSnapshot::Target> RoutingSnapshot::candidates(const QString &name) const
{
    QList<Target> out;
    const Alias *a = alias(name);
    if (!a || !a->active)
        return out;
    for (const AliasTarget &t : a->effectiveTargets()) {
        if (const Provider *p = provider(t.providerId))
            out.append({p, t.modelId, a, t.weight, t.priority});
    }
    std::stable_sort(out.begin(), out.end(), [](const Target &x, const Target &y) { return x.priority < y.priority; });
    return out;
}
