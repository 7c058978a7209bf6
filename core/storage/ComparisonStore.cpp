#include "core/storage/ComparisonStore.h"

#include "core/storage/Database.h"
#include "core/storage/SqlText.h"
#include "core/time/Clock.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

ComparisonStore::ComparisonStore(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

QList<ComparisonStore::Summary> ComparisonStore::list() const
{
    QList<Summary> out;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, title, models, created_at, updated_at FROM comparisons "
                               "ORDER BY updated_at DESC, id DESC")))
        return out;
    while (q.next()) {
        Summary s;
        s.id = q.value(0).toLongLong();
        s.title = q.value(1).toString();
        s.models = q.value(2).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        s.createdAt = q.value(3).toString();
        s.updatedAt = q.value(4).toString();
        out.append(s);
    }
    return out;
}

std::optional<Comparison> ComparisonStore::load(qint64 id, QString *error) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT data FROM comparisons WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(error, q.lastError().text());
        return std::nullopt;
    }
    if (!q.next()) {
        fail(error, tr("There is no saved comparison %1.").arg(id));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(q.value(0).toByteArray(), &parseError);
    auto comparison = Comparison::fromJson(doc.object(), error);
    if (comparison)
        comparison->id = id;
    return comparison;
}

bool ComparisonStore::save(Comparison *comparison, QString *error)
{
    if (comparison->columns.isEmpty())
        return fail(error, tr("A comparison needs at least one model."));
    const QString now = Clock::nowIso();
    Comparison stored = *comparison;
    if (stored.title.trimmed().isEmpty())
        stored.title = stored.defaultTitle();
    if (stored.title.trimmed().isEmpty())
        stored.title = tr("Untitled comparison");
    if (stored.createdAt.isEmpty() || stored.id == 0)
        stored.createdAt = now;
    stored.updatedAt = now;

    QSqlQuery q(m_db.connection());
    if (stored.id == 0)
        q.prepare(QStringLiteral(
            "INSERT INTO comparisons (title, models, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
    else
        q.prepare(
            QStringLiteral("UPDATE comparisons SET title = ?, models = ?, data = ?, created_at = ?, updated_at = ? "
                           "WHERE id = ?"));
    q.addBindValue(stored.title);
    q.addBindValue(sqlText(stored.models().join(QLatin1Char('\n'))));
    q.addBindValue(QString::fromUtf8(QJsonDocument(stored.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(stored.createdAt);
    q.addBindValue(stored.updatedAt);
    if (stored.id != 0)
        q.addBindValue(stored.id);
    if (!q.exec())
        return fail(error, tr("Cannot save the comparison: %1").arg(q.lastError().text()));
    if (stored.id != 0 && q.numRowsAffected() == 0)
        return fail(error, tr("The saved comparison %1 no longer exists.").arg(stored.id));
    if (stored.id == 0)
        stored.id = q.lastInsertId().toLongLong();
    *comparison = stored;
    Q_EMIT changed();
    return true;
}

bool ComparisonStore::remove(qint64 id, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM comparisons WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    Q_EMIT changed();
    return true;
}
