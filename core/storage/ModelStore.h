#pragma once

#include "core/providers/SyncEvent.h"
#include "core/routing/ModelInfo.h"

#include <QList>
#include <QObject>

class Database;

// Discovered models and the sync history of each provider.
class ModelStore final : public QObject
{
    Q_OBJECT
public:
    explicit ModelStore(Database &db, QObject *parent = nullptr);

    struct Discovered
    {
        QString modelId;
        QString category = QStringLiteral("chat");
        QString ownedBy;
    };
    struct Outcome
    {
        int added = 0;   // new, or back online
        int removed = 0; // went offline
    };

    // providerId <= 0: every provider.
    QList<ModelInfo> list(qint64 providerId = 0) const;

    // Upserts what the provider listed and marks the rest offline, in one
    // transaction, and records a sync event.
    bool applyDiscovery(qint64 providerId, const QList<Discovered> &models, Outcome *outcome, QString *error);
    // Records a failed sync; models are left exactly as they were.
    bool recordFailure(qint64 providerId, const QString &error);

    QList<SyncEvent> syncEvents(qint64 providerId, int limit = 50) const;

    // Guess a category from a model id ("text-embedding-3-small" -> embedding).
    static QString categoryFor(const QString &modelId);

Q_SIGNALS:
    void changed();

private:
    Database &m_db;
};
