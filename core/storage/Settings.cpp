#include "core/storage/Settings.h"

#include "core/storage/Database.h"

#include <QSqlQuery>

namespace {

struct Entry
{
    Settings::Key key;
    const char *name;
    QVariant fallback;
};

const Entry &entry(Settings::Key key)
{
    static const Entry table[] = {
        {Settings::ListenAddress, "gateway/listen", QStringLiteral("127.0.0.1:4242")},
        {Settings::RequireKeys, "gateway/require_keys", true},
        {Settings::LogBodies, "log/bodies", true},
        {Settings::LogRetentionDays, "log/retention_days", 30},
        {Settings::LogRetentionMb, "log/retention_mb", 1024},
        {Settings::BodyLimitBytes, "limits/body_bytes", qint64(32) * 1024 * 1024},
        {Settings::HeaderLimitBytes, "limits/header_bytes", 64 * 1024},
        {Settings::IdleTimeoutSec, "limits/idle_timeout_s", 60},
        {Settings::RequestTimeoutSec, "limits/request_timeout_s", 30},
        {Settings::UpstreamConnectTimeoutSec, "limits/upstream_connect_s", 10},
        {Settings::UpstreamFirstByteTimeoutSec, "limits/upstream_first_byte_s", 300},
        {Settings::FirstRunDone, "app/first_run_done", false},
        {Settings::ConsoleKey, "app/console_key", QString()},
        {Settings::BreakerFailures, "gateway/breaker_failures", 5},
        {Settings::BreakerCooldownSec, "gateway/breaker_cooldown_s", 30},
    };
    static_assert(std::size(table) == Settings::KeyCount, "every Settings::Key needs an entry");
    return table[key];
}

QVariant convert(const QString &stored, const QVariant &fallback)
{
    switch (fallback.typeId()) {
    case QMetaType::Bool:
        return stored == QLatin1String("true") || stored == QLatin1String("1");
    case QMetaType::Int:
        return stored.toInt();
    case QMetaType::LongLong:
        return stored.toLongLong();
    default:
        return stored;
    }
}

} // namespace

Settings::Settings(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

QString Settings::keyName(Key key)
{
    return QString::fromLatin1(entry(key).name);
}

QVariant Settings::defaultValue(Key key)
{
    return entry(key).fallback;
}

QVariant Settings::value(Key key) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(keyName(key));
    if (q.exec() && q.next())
        return convert(q.value(0).toString(), entry(key).fallback);
    return entry(key).fallback;
}

bool Settings::setValue(Key key, const QVariant &newValue)
{
    QString stored;
    if (entry(key).fallback.typeId() == QMetaType::Bool)
        stored = newValue.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else
        stored = newValue.toString();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(keyName(key));
    q.addBindValue(stored);
    if (!q.exec())
        return false;
    Q_EMIT changed(key);
    return true;
}
