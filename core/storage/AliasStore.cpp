#include "core/storage/AliasStore.h"

#include "core/storage/Database.h"
#include "core/storage/SqlText.h"
#include "core/time/Clock.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace {

const char kSelect[] = "SELECT a.id, a.alias, a.provider_id, p.name, a.model_id, a.category, a.price_input, "
                       "a.price_output, a.price_cached_input, a.defaults, a.active, a.created_at, a.strategy, "
                       "a.fallbacks, a.retry "
                       "FROM aliases a JOIN providers p ON p.id = a.provider_id";

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

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
    a.strategy = q.value(12).toString();
    const QJsonArray fallbacks = QJsonDocument::fromJson(q.value(13).toByteArray()).array();
    for (const QJsonValue &v : fallbacks)
        a.fallbacks.append(v.toString());
    const QJsonObject retry = QJsonDocument::fromJson(q.value(14).toByteArray()).object();
    a.retry.attempts = retry.value(QLatin1String("attempts")).toInt(a.retry.attempts);
    a.retry.backoffMs = retry.value(QLatin1String("backoff_ms")).toInt(a.retry.backoffMs);
    if (retry.contains(QLatin1String("on"))) {
        a.retry.on.clear();
        for (const QJsonValue &v : retry.value(QLatin1String("on")).toArray())
            a.retry.on.append(v.toString());
    }
    return a;
}

QString retryJson(const RetryPolicy &r)
{
    QJsonObject o{{QStringLiteral("attempts"), r.attempts},
                  {QStringLiteral("backoff_ms"), r.backoffMs},
                  {QStringLiteral("on"), QJsonArray::fromStringList(r.on)}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Every alias's targets in order, keyed by alias id.
QHash<qint64, QList<AliasTarget>> readTargets(const QSqlDatabase &db)
{
    QHash<qint64, QList<AliasTarget>> out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT t.alias_id, t.provider_id, p.name, t.model_id, t.weight, t.priority "
                          "FROM alias_targets t JOIN providers p ON p.id = t.provider_id "
                          "ORDER BY t.alias_id, t.position, t.id"));
    while (q.next()) {
        AliasTarget t;
        t.providerId = q.value(1).toLongLong();
        t.providerName = q.value(2).toString();
        t.modelId = q.value(3).toString();
        t.weight = q.value(4).toInt();
        t.priority = q.value(5).toInt();
        out[q.value(0).toLongLong()].append(t);
    }
    return out;
}

// Replaces the alias's targets with effectiveTargets() (the first follows providerId/modelId).
bool writeTargets(const QSqlDatabase &db, const Alias &a, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM alias_targets WHERE alias_id = ?"));
    q.addBindValue(a.id);
    if (!q.exec())
        return fail(error, q.lastError().text());
    const QList<AliasTarget> targets = a.effectiveTargets();
    for (int i = 0; i < targets.size(); ++i) {
        const AliasTarget &t = targets.at(i);
        q.prepare(QStringLiteral("INSERT INTO alias_targets (alias_id, position, provider_id, model_id, weight, "
                                 "priority) VALUES (?, ?, ?, ?, ?, ?)"));
        q.addBindValue(a.id);
        q.addBindValue(i);
        q.addBindValue(t.providerId);
        q.addBindValue(t.modelId);
        q.addBindValue(t.weight);
        q.addBindValue(t.priority);
        if (!q.exec())
            return fail(error, q.lastError().text().contains(QLatin1String("FOREIGN"))
                                   ? AliasStore::tr("Target %1 names a provider that does not exist.").arg(i + 1)
                                   : q.lastError().text());
    }
    return true;
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
    q.addBindValue(sqlText(a.strategy));
    q.addBindValue(
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(a.fallbacks)).toJson(QJsonDocument::Compact)));
    q.addBindValue(retryJson(a.retry));
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
    static const QStringList strategies = {QStringLiteral("weighted"), QStringLiteral("least-busy"),
                                           QStringLiteral("fastest"), QStringLiteral("ordered")};
    if (!strategies.contains(a.strategy))
        return AliasStore::tr("Unknown strategy \"%1\" (expected weighted, least-busy, fastest or ordered).")
            .arg(a.strategy);
    const QList<AliasTarget> targets = a.effectiveTargets();
    for (int i = 0; i < targets.size(); ++i) {
        if (targets.at(i).modelId.isEmpty())
            return AliasStore::tr("Target %1 needs an upstream model id.").arg(i + 1);
        if (targets.at(i).weight < 0 || targets.at(i).priority < 1)
            return AliasStore::tr("Target %1: weight must be 0 or more and priority 1 or more.").arg(i + 1);
    }
    if (a.retry.attempts < 1)
        return AliasStore::tr("Retry attempts must be at least 1.");
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
    const QHash<qint64, QList<AliasTarget>> targets = readTargets(db);
    for (Alias &a : out)
        a.targets = targets.value(a.id);
    return out;
}

std::optional<Alias> AliasStore::find(const QString &alias) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QLatin1String(kSelect) + QStringLiteral(" WHERE a.alias = ?"));
    q.addBindValue(alias);
    if (q.exec() && q.next()) {
        Alias a = fromQuery(q);
        a.targets = readTargets(m_db.connection()).value(a.id);
        return a;
    }
    return std::nullopt;
}

bool AliasStore::create(Alias &alias, QString *error)
{
    if (const QString problem = validate(alias); !problem.isEmpty())
        return fail(error, problem);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO aliases (alias, provider_id, model_id, category, price_input, price_output, "
                             "price_cached_input, defaults, active, strategy, fallbacks, retry, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
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
    if (!writeTargets(m_db.connection(), alias, error)) {
        QSqlQuery undo(m_db.connection());
        undo.prepare(QStringLiteral("DELETE FROM aliases WHERE id = ?"));
        undo.addBindValue(alias.id);
        undo.exec();
        alias.id = 0;
        return false;
    }
    Q_EMIT changed();
    return true;
}

bool AliasStore::update(const Alias &alias, QString *error)
{
    if (const QString problem = validate(alias); !problem.isEmpty())
        return fail(error, problem);
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "UPDATE aliases SET alias = ?, provider_id = ?, model_id = ?, category = ?, price_input = ?, "
        "price_output = ?, price_cached_input = ?, defaults = ?, active = ?, strategy = ?, fallbacks = ?, "
        "retry = ? WHERE id = ?"));
    bindFields(q, alias);
    q.addBindValue(alias.id);
    if (!q.exec()) {
        const QString text = q.lastError().text();
        return fail(error, text.contains(QLatin1String("UNIQUE"))
                               ? tr("The alias \"%1\" already exists.").arg(alias.alias)
                               : text);
    }
    if (!writeTargets(m_db.connection(), alias, error))
        return false;
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
