#pragma once

#include "core/routing/Alias.h"
#include "core/routing/GatewayKey.h"
#include "core/routing/Provider.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>

class QSqlDatabase;

// An immutable picture of everything the gateway needs to route a request:
// providers, aliases, exposed models and keys. Built from SQLite on the
// gateway thread and swapped whole when the configuration changes, so the
// request path never touches the database.
class RoutingSnapshot final
{
public:
    struct Target
    {
        const Provider *provider = nullptr;
        QString upstreamModel;
        const Alias *alias = nullptr; // set when resolved through an alias
        int weight = 1;
        int priority = 1;
        QString key() const; // "provider/model": the breaker and statistics are per this pair
    };

    enum class Outcome { Found, NotFound, Forbidden, Inactive };
    struct Resolution
    {
        Outcome outcome = Outcome::NotFound;
        Target target;            // the first candidate
        QList<Target> candidates; // every target of an enabled provider, by priority then position
        QString message;          // for NotFound / Forbidden / Inactive
    };

    static std::shared_ptr<const RoutingSnapshot> load(const QSqlDatabase &db, QString *error);
    static qint64 configVersion(const QSqlDatabase &db);

    // Model resolution, first match wins: published alias -> provider/model-id
    // -> a bare model id offered by exactly one enabled provider.
    Resolution resolve(const QString &model, const GatewayKey *key) const;

    // Every name the key may call (aliases, then provider/model ids), for GET /v1/models.
    struct Listed
    {
        QString id;
        QString ownedBy;
        qint64 created = 0;
    };
    QList<Listed> visibleModels(const GatewayKey *key) const;

    // An alias's targets whose provider is enabled, by priority then position
    // (empty for an unknown or inactive alias).
    QList<Target> candidates(const QString &alias) const;
    const Alias *alias(const QString &name) const;
    const QList<Alias> &aliases() const { return m_aliases; }

    // The key whose SHA-256 hex hash this is: found by a short prefix, then the
    // whole hash compared in constant time.
    const GatewayKey *keyByHash(const QString &hash) const;
    // Every key in the snapshot (limits are loaded from these on reload).
    QList<GatewayKey> keys() const { return m_keysByPrefix.values(); }

    const Provider *provider(qint64 id) const;
    qint64 version() const { return m_version; }

private:
    QList<Provider> m_providers;        // enabled only
    QHash<qint64, int> m_providerIndex; // id -> index in m_providers
    QList<Alias> m_aliases;
    QHash<QString, int> m_aliasIndex; // alias -> index
    QHash<QString, QList<QPair<int, QString>>>
        m_bareModels;                               // model id -> [(provider index, id)], exposed online models
    QSet<QString> m_qualified;                      // "provider/model" for exposed models
    QList<QPair<int, QString>> m_exposed;           // (provider index, model id) for listing
    QMultiHash<QString, GatewayKey> m_keysByPrefix; // first 16 hex digits of the hash
    qint64 m_version = 0;
};
