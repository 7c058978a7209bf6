#include "core/storage/KeyStore.h"

#include "core/storage/Database.h"
#include "core/time/Clock.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

GatewayKey fromQuery(const QSqlQuery &q)
{
    GatewayKey k;
    k.id = q.value(0).toLongLong();
    k.name = q.value(1).toString();
    k.hash = q.value(2).toString();
    k.prefix = q.value(3).toString();
    const QJsonArray models = QJsonDocument::fromJson(q.value(4).toByteArray()).array();
    for (const QJsonValue &m : models)
        k.models.append(m.toString());
    k.rpm = q.value(5).toInt();
    k.budgetUsd = q.value(6).toDouble();
    k.expiresAt = q.value(7).toString();
    k.revokedAt = q.value(8).toString();
    k.internal = q.value(9).toBool();
    k.createdAt = q.value(10).toString();
    k.lastUsed = q.value(11).toString();
    k.requests = q.value(12).toLongLong();
    k.budgetPeriod = BudgetPeriod::parse(q.value(13).toString()).value_or(BudgetPeriod::Kind::Total);
    k.softUsd = q.value(14).toDouble();
    k.tpm = q.value(15).toInt();
    k.maxParallel = q.value(16).toInt();
    k.allowUnpriced = q.value(17).toBool();
    return k;
}

const char kSelect[] = "SELECT id, name, hash, prefix, models, rpm, budget_usd, expires_at, revoked_at, internal, "
                       "created_at, last_used, requests, budget_period, soft_usd, tpm, max_parallel, allow_unpriced "
                       "FROM gateway_keys";

} // namespace

KeyStore::KeyStore(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

QString KeyStore::generateSecret()
{
    // 32 bytes = 256 bits from the system CSPRNG.
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()),
                                         reinterpret_cast<quint32 *>(raw.data() + raw.size()));
    return QStringLiteral("tg-")
           + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString KeyStore::hashSecret(const QString &secret)
{
    return QString::fromLatin1(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

bool KeyStore::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QString KeyStore::create(const NewKey &spec, QString *error)
{
    const QString secret = generateSecret();
    if (!createWithSecret(spec, secret, error))
        return {};
    return secret;
}

bool KeyStore::createWithSecret(const NewKey &spec, const QString &secret, QString *error)
{
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$"));
    if (!nameRe.match(spec.name).hasMatch())
        return fail(error, tr("Key names use letters, digits, spaces and . _ @ - (at most 64)."));
    if (secret.size() < 16)
        return fail(error, tr("A gateway key must be at least 16 characters long."));
    if (!spec.expiresAt.isEmpty() && !Clock::fromIso(spec.expiresAt).isValid())
        return fail(error, tr("The expiry \"%1\" is not an ISO 8601 date.").arg(spec.expiresAt));
    QJsonArray models;
    for (const QString &m : spec.models)
        models.append(m);
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("INSERT INTO gateway_keys (name, hash, prefix, models, rpm, budget_usd, expires_at, internal, "
                       "created_at, budget_period, soft_usd, tpm, max_parallel, allow_unpriced) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(spec.name);
    q.addBindValue(hashSecret(secret));
    q.addBindValue(secret.left(7));
    q.addBindValue(QString::fromUtf8(QJsonDocument(models).toJson(QJsonDocument::Compact)));
    q.addBindValue(spec.rpm);
    q.addBindValue(spec.budgetUsd);
    q.addBindValue(spec.expiresAt.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(spec.expiresAt));
    q.addBindValue(spec.internal);
    q.addBindValue(Clock::nowIso());
    q.addBindValue(BudgetPeriod::name(spec.budgetPeriod));
    q.addBindValue(spec.softUsd);
    q.addBindValue(spec.tpm);
    q.addBindValue(spec.maxParallel);
    q.addBindValue(spec.allowUnpriced);
    if (!q.exec()) {
        const QString text = q.lastError().text();
        if (text.contains(QLatin1String("gateway_keys.name")))
            return fail(error, tr("A key named \"%1\" already exists.").arg(spec.name));
        if (text.contains(QLatin1String("gateway_keys.hash")))
            return fail(error, tr("This key is already registered under another name."));
        return fail(error, text);
    }
    Q_EMIT changed();
    return true;
}

QList<GatewayKey> KeyStore::list(bool includeInternal) const
{
    QList<GatewayKey> out;
    QSqlQuery q(m_db.connection());
    q.exec(QLatin1String(kSelect) + (includeInternal ? QString() : QStringLiteral(" WHERE internal = 0"))
           + QStringLiteral(" ORDER BY id"));
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

QList<GatewayKey> KeyStore::readActive(const QSqlDatabase &db)
{
    QList<GatewayKey> out;
    QSqlQuery q(db);
    q.exec(QLatin1String(kSelect) + QStringLiteral(" WHERE revoked_at IS NULL ORDER BY id"));
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

std::optional<GatewayKey> KeyStore::findByName(const QString &name) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QLatin1String(kSelect) + QStringLiteral(" WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

bool KeyStore::revoke(const QString &nameOrId, QString *error)
{
    QSqlQuery q(m_db.connection());
    bool isId = false;
    const qint64 id = nameOrId.toLongLong(&isId);
    q.prepare(QStringLiteral("UPDATE gateway_keys SET revoked_at = ? WHERE revoked_at IS NULL AND ")
              + (isId ? QStringLiteral("(id = ? OR name = ?)") : QStringLiteral("name = ?")));
    q.addBindValue(Clock::nowIso());
    if (isId)
        q.addBindValue(id);
    q.addBindValue(nameOrId);
    if (!q.exec())
        return fail(error, q.lastError().text());
    if (q.numRowsAffected() == 0)
        return fail(error, tr("No active key named \"%1\".").arg(nameOrId));
    Q_EMIT changed();
    return true;
}
