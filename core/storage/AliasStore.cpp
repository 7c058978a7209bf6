#include "core/storage/AliasStore.h"

#include "core/storage/Database.h"
#include "core/storage/SqlText.h"
#include "core/time/Clock.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const char kSelect[] = "SELECT a.id, a.alias, a.provider_id, p.name, a.model_id, a.category, a.price_input, "
                       "a.price_output, a.price_cached_input, a.defaults, a.active, a.created_at "
                       "FROM aliases a JOIN providers p ON p.id = a.provider_id";

Alias fromQuery(const QSqlQuery &q)
{
    Alias a;
    a.id = q.value(0).toLongLong();
    a.alias = q.value(1).toString();
    a.providerId = q.value(2).toLongLong();
    a.providerName = q.value(3).toString();
    a.modelId = q.value(4).toString();
    a.category = q.value(5).toString();
    a.pricing.input = q.value(6).toDouble();
    a.pricing.output = q.value(7).toDouble();
    a.pricing.cachedInput = q.value(8).toDouble();
    a.defaults = QJsonDocument::fromJson(q.value(9).toByteArray()).object();
    a.active = q.value(10).toBool();
    a.createdAt = q.value(11).toString();
    return a;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

void bindFields(QSqlQuery &q, const Alias &a)
{
    q.addBindValue(a.alias);
    q.addBindValue(a.providerId);
    q.addBindValue(a.modelId);
    q.addBindValue(sqlText(a.category));
    q.addBindValue(a.pricing.input);
    q.addBindValue(a.pricing.output);
    q.addBindValue(a.pricing.cachedInput);
    q.addBindValue(QString::fromUtf8(QJsonDocument(a.defaults).toJson(QJsonDocument::Compact)));
    q.addBindValue(a.active);
}

QString validate(const Alias &a)
{
    if (!AliasStore::isValidName(a.alias))
        return AliasStore::tr(
            "Alias names use letters, digits and . _ - : / (at most 128), starting with a letter or digit.");
    if (a.modelId.isEmpty())
        return AliasStore::tr("An alias needs an upstream model id.");
    if (a.pricing.input < 0 || a.pricing.output < 0 || a.pricing.cachedInput < 0)
        return AliasStore::tr("Prices cannot be negative.");
    return {};
}

} // namespace

AliasStore::AliasStore(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

bool AliasStore::isValidName(const QString &alias)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"));
    return re.match(alias).hasMatch();
}

QList<Alias> AliasStore::list() const
{
    return readAll(m_db.connection());
}

QList<Alias> AliasStore::readAll(const QSqlDatabase &db)
{
    QList<Alias> out;
    QSqlQuery q(db);
    q.exec(QLatin1String(kSelect) + QStringLiteral(" ORDER BY a.alias"));
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

std::optional<Alias> AliasStore::find(const QString &alias) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QLatin1String(kSelect) + QStringLiteral(" WHERE a.alias = ?"));
    q.addBindValue(alias);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

bool AliasStore::create(Alias &alias, QString *error)
{
    if (const QString problem = validate(alias); !problem.isEmpty())
        return fail(error, problem);
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("INSERT INTO aliases (alias, provider_id, model_id, category, price_input, price_output, "
                       "price_cached_input, defaults, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    bindFields(q, alias);
    q.addBindValue(Clock::nowIso());
    if (!q.exec()) {
        const QString text = q.lastError().text();
        return fail(error,
                    text.contains(QLatin1String("UNIQUE"))    ? tr("The alias \"%1\" already exists.").arg(alias.alias)
                    : text.contains(QLatin1String("FOREIGN")) ? tr("The alias names a provider that does not exist.")
                                                              : text);
    }
    alias.id = q.lastInsertId().toLongLong();
    Q_EMIT changed();
    return true;
}

bool AliasStore::update(const Alias &alias, QString *error)
{
    if (const QString problem = validate(alias); !problem.isEmpty())
        return fail(error, problem);
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("UPDATE aliases SET alias = ?, provider_id = ?, model_id = ?, category = ?, price_input = ?, "
                       "price_output = ?, price_cached_input = ?, defaults = ?, active = ? WHERE id = ?"));
    bindFields(q, alias);
    q.addBindValue(alias.id);
    if (!q.exec()) {
        const QString text = q.lastError().text();
        return fail(error, text.contains(QLatin1String("UNIQUE"))
                               ? tr("The alias \"%1\" already exists.").arg(alias.alias)
                               : text);
    }
    Q_EMIT changed();
    return true;
}

bool AliasStore::setActive(qint64 id, bool active, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE aliases SET active = ? WHERE id = ?"));
    q.addBindValue(active);
    q.addBindValue(id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    Q_EMIT changed();
    return true;
}

bool AliasStore::remove(qint64 id, QString *error)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM aliases WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    Q_EMIT changed();
    return true;
}
