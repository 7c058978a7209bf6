#include "ui/playground/PlaygroundModels.h"

#include "core/routing/RoutingSnapshot.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/ModelStore.h"

#include <QHash>

QStringList PlaygroundModels::chatModels(Database &db, const ModelStore &models, const AliasStore &aliases,
                                         QString *error)
{
    const auto snapshot = RoutingSnapshot::load(db.connection(), error);
    if (!snapshot)
        return {};
    // provider/model -> category, as discovery recorded it.
    QHash<QString, QString> categoryOf;
    const QList<ModelInfo> discovered = models.list();
    for (const ModelInfo &m : discovered)
        categoryOf.insert(m.providerName + QLatin1Char('/') + m.modelId, m.category);
    const QList<Alias> published = aliases.list();
    for (const Alias &a : published)
        categoryOf.insert(a.alias, a.category);
    QStringList out;
    // The console's own key sees everything: list as an unrestricted caller.
    const auto listed = snapshot->visibleModels(nullptr);
    for (const RoutingSnapshot::Listed &m : listed) {
        const auto category = categoryOf.constFind(m.id);
        const QString kind = category != categoryOf.constEnd() ? *category : ModelStore::categoryFor(m.id);
        if (kind == QLatin1String("chat"))
            out << m.id;
    }
    return out;
}
