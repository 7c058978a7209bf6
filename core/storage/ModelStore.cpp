#include "core/storage/ModelStore.h"

#include "core/storage/Database.h"
#include "core/storage/SqlText.h"
#include "core/time/Clock.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

ModelStore::ModelStore(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

QString ModelStore::categoryFor(const QString &modelId)
{
    const QString id = modelId.toLower();
    if (id.contains(QLatin1String("embed")))
        return QStringLiteral("embedding");
    if (id.contains(QLatin1String("whisper")) || id.contains(QLatin1String("transcribe"))
        || id.contains(QLatin1String("tts")))
        return QStringLiteral("audio");
    if (id.contains(QLatin1String("dall-e")) || id.contains(QLatin1String("image")))
        return QStringLiteral("image");
    return QStringLiteral("chat");
}

QList<ModelInfo> ModelStore::list(qint64 providerId) const
{
    QList<ModelInfo> out;
    QSqlQuery q(m_db.connection());
    QString sql = QStringLiteral("SELECT m.id, m.provider_id, p.name, m.model_id, m.status, m.category, m.owned_by, "
                                 "m.first_seen, m.last_seen FROM models m JOIN providers p ON p.id = m.provider_id");
    if (providerId > 0)
        sql += QStringLiteral(" WHERE m.provider_id = ?");
    sql += QStringLiteral(" ORDER BY p.name, m.model_id");
    q.prepare(sql);
    if (providerId > 0)
        q.addBindValue(providerId);
    q.exec();
    while (q.next()) {
        ModelInfo m;
        m.id = q.value(0).toLongLong();
        m.providerId = q.value(1).toLongLong();
        m.providerName = q.value(2).toString();
        m.modelId = q.value(3).toString();
        m.status = q.value(4).toString();
        m.category = q.value(5).toString();
        m.ownedBy = q.value(6).toString();
        m.firstSeen = q.value(7).toString();
        m.lastSeen = q.value(8).toString();
        out.append(m);
    }
    return out;
}

bool ModelStore::applyDiscovery(qint64 providerId, const QList<Discovered> &models, Outcome *outcome, QString *error)
{
    QSqlDatabase db = m_db.connection();
    const QString now = Clock::nowIso();
    Outcome result;
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    auto rollback = [&](const QSqlQuery &q) {
        if (error)
            *error = q.lastError().text();
        db.rollback();
        return false;
    };

    QHash<QString, QString> existing; // model_id -> status
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT model_id, status FROM models WHERE provider_id = ?"));
    q.addBindValue(providerId);
    if (!q.exec())
        return rollback(q);
    while (q.next())
        existing.insert(q.value(0).toString(), q.value(1).toString());

    QSet<QString> seen;
    for (const Discovered &m : models) {
        if (m.modelId.isEmpty() || seen.contains(m.modelId))
            continue;
        seen.insert(m.modelId);
        const auto it = existing.constFind(m.modelId);
        if (it == existing.constEnd()) {
            q.prepare(QStringLiteral("INSERT INTO models (provider_id, model_id, status, category, owned_by, "
                                     "first_seen, last_seen) VALUES (?, ?, 'online', ?, ?, ?, ?)"));
            q.addBindValue(providerId);
            q.addBindValue(m.modelId);
            q.addBindValue(m.category.isEmpty() ? categoryFor(m.modelId) : m.category);
            q.addBindValue(sqlText(m.ownedBy));
            q.addBindValue(now);
            q.addBindValue(now);
            ++result.added;
        } else {
            if (it.value() != QLatin1String("online"))
                ++result.added;
            q.prepare(QStringLiteral("UPDATE models SET status = 'online', last_seen = ?, owned_by = ? "
                                     "WHERE provider_id = ? AND model_id = ?"));
            q.addBindValue(now);
            q.addBindValue(sqlText(m.ownedBy));
            q.addBindValue(providerId);
            q.addBindValue(m.modelId);
        }
        if (!q.exec())
            return rollback(q);
    }
    for (auto it = existing.constBegin(); it != existing.constEnd(); ++it) {
        if (seen.contains(it.key()) || it.value() == QLatin1String("offline"))
            continue;
        q.prepare(QStringLiteral("UPDATE models SET status = 'offline' WHERE provider_id = ? AND model_id = ?"));
        q.addBindValue(providerId);
        q.addBindValue(it.key());
        if (!q.exec())
            return rollback(q);
        ++result.removed;
    }
    q.prepare(
        QStringLiteral("INSERT INTO sync_events (provider_id, time, added, removed, error) VALUES (?, ?, ?, ?, '')"));
    q.addBindValue(providerId);
    q.addBindValue(now);
    q.addBindValue(result.added);
    q.addBindValue(result.removed);
    if (!q.exec())
        return rollback(q);
    if (!db.commit()) {
        if (error)
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    if (outcome)
        *outcome = result;
    Q_EMIT changed();
    return true;
}

bool ModelStore::recordFailure(qint64 providerId, const QString &error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("INSERT INTO sync_events (provider_id, time, added, removed, error) VALUES (?, ?, 0, 0, ?)"));
    q.addBindValue(providerId);
    q.addBindValue(Clock::nowIso());
    q.addBindValue(sqlText(error));
    return q.exec();
}

QList<SyncEvent> ModelStore::syncEvents(qint64 providerId, int limit) const
{
    QList<SyncEvent> out;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, provider_id, time, added, removed, error FROM sync_events "
                             "WHERE provider_id = ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(providerId);
    q.addBindValue(limit);
    q.exec();
    while (q.next()) {
        SyncEvent e;
        e.id = q.value(0).toLongLong();
        e.providerId = q.value(1).toLongLong();
        e.time = q.value(2).toString();
        e.added = q.value(3).toInt();
        e.removed = q.value(4).toInt();
        e.error = q.value(5).toString();
        out.append(e);
    }
    return out;
}
