#include "core/storage/ProviderStore.h"

#include "core/storage/Database.h"
#include "core/storage/SqlText.h"
#include "core/time/Clock.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const char kColumns[] = "p.id, p.name, p.kind, p.base_url, p.key_ref, p.sync_interval_s, p.expose_all, p.enabled, "
                        "p.status, p.last_error, p.last_sync, p.options, p.created_at, "
                        "(SELECT COUNT(*) FROM models m WHERE m.provider_id = p.id AND m.status = 'online')";

Provider fromQuery(const QSqlQuery &q)
{
    Provider p;
    p.id = q.value(0).toLongLong();
    p.name = q.value(1).toString();
    p.kind = q.value(2).toString();
    p.baseUrl = q.value(3).toString();
    p.keyRef = q.value(4).toString();
    p.syncIntervalSec = q.value(5).toInt();
    p.exposeAll = q.value(6).toBool();
    p.enabled = q.value(7).toBool();
    p.status = q.value(8).toString();
    p.lastError = q.value(9).toString();
    p.lastSync = q.value(10).toString();
    p.options = QJsonDocument::fromJson(q.value(11).toByteArray()).object();
    p.createdAt = q.value(12).toString();
    p.modelCount = q.value(13).toInt();
    return p;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// The user-editable columns, in the order both INSERT and UPDATE list them.
void bindEditable(QSqlQuery &q, const Provider &provider)
{
    q.addBindValue(provider.name);
    q.addBindValue(provider.kind);
    q.addBindValue(provider.baseUrl);
    q.addBindValue(sqlText(provider.keyRef));
    q.addBindValue(provider.syncIntervalSec);
    q.addBindValue(provider.exposeAll);
    q.addBindValue(provider.enabled);
    q.addBindValue(QString::fromUtf8(QJsonDocument(provider.options).toJson(QJsonDocument::Compact)));
}

QString describeSqlError(const QSqlQuery &q, const QString &name)
{
    const QString text = q.lastError().text();
    if (text.contains(QLatin1String("UNIQUE")))
        return ProviderStore::tr("A provider named \"%1\" already exists.").arg(name);
    return text;
}

} // namespace

ProviderStore::ProviderStore(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

bool ProviderStore::isValidName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

QList<Provider> ProviderStore::list() const
{
    return readAll(m_db.connection());
}

QList<Provider> ProviderStore::readAll(const QSqlDatabase &db)
{
    QList<Provider> out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT %1 FROM providers p ORDER BY p.name").arg(QLatin1String(kColumns)));
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

std::optional<Provider> ProviderStore::find(qint64 id) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM providers p WHERE p.id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

std::optional<Provider> ProviderStore::findByName(const QString &name) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM providers p WHERE p.name = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

bool ProviderStore::create(Provider &provider, QString *error)
{
    if (!isValidName(provider.name))
        return fail(error, tr("Provider names use letters, digits, '.', '_' and '-' (at most 64)."));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO providers (name, kind, base_url, key_ref, sync_interval_s, expose_all, "
                             "enabled, status, options, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)"));
    bindEditable(q, provider);
    q.addBindValue(Clock::nowIso());
    if (!q.exec())
        return fail(error, describeSqlError(q, provider.name));
    provider.id = q.lastInsertId().toLongLong();
    Q_EMIT changed();
    return true;
}

bool ProviderStore::update(const Provider &provider, QString *error)
{
    if (!isValidName(provider.name))
        return fail(error, tr("Provider names use letters, digits, '.', '_' and '-' (at most 64)."));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE providers SET name = ?, kind = ?, base_url = ?, key_ref = ?, sync_interval_s = ?, "
                             "expose_all = ?, enabled = ?, options = ? WHERE id = ?"));
    bindEditable(q, provider);
    q.addBindValue(provider.id);
    if (!q.exec())
        return fail(error, describeSqlError(q, provider.name));
    if (q.numRowsAffected() == 0)
        return fail(error, tr("Provider %1 no longer exists.").arg(provider.id));
    Q_EMIT changed();
    return true;
}

bool ProviderStore::setEnabled(qint64 id, bool enabled, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE providers SET enabled = ? WHERE id = ?"));
    q.addBindValue(enabled);
    q.addBindValue(id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    Q_EMIT changed();
    return true;
}

bool ProviderStore::setStatus(qint64 id, const QString &status, const QString &lastError, bool touchLastSync)
{
    QSqlQuery q(m_db.connection());
    const QString errorText = sqlText(lastError);
    if (touchLastSync) {
        q.prepare(QStringLiteral("UPDATE providers SET status = ?, last_error = ?, last_sync = ? WHERE id = ?"));
        q.addBindValue(status);
        q.addBindValue(errorText);
        q.addBindValue(Clock::nowIso());
    } else {
        q.prepare(QStringLiteral("UPDATE providers SET status = ?, last_error = ? WHERE id = ?"));
        q.addBindValue(status);
        q.addBindValue(errorText);
    }
    q.addBindValue(id);
    if (!q.exec())
        return false;
    Q_EMIT changed();
    return true;
}

bool ProviderStore::remove(qint64 id, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM providers WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    Q_EMIT changed();
    return true;
}

ProviderStore::Dependents ProviderStore::dependents(qint64 id) const
{
    Dependents d;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM aliases WHERE provider_id = ?), "
                             "(SELECT COUNT(*) FROM models WHERE provider_id = ?)"));
    q.addBindValue(id);
    q.addBindValue(id);
    if (q.exec() && q.next()) {
        d.aliases = q.value(0).toInt();
        d.models = q.value(1).toInt();
    }
    return d;
}
