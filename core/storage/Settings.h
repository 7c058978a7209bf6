#pragma once

#include <QObject>
#include <QString>
#include <QVariant>

class Database;

// Typed settings stored in the `settings` table. One {name, default} table
// (Settings.cpp) lists every key; readers get the default until a value is set.
class Settings final : public QObject
{
    Q_OBJECT
public:
    enum Key {
        ListenAddress,               // "127.0.0.1:4242"
        RequireKeys,                 // bool; only honoured for loopback listeners
        LogBodies,                   // bool
        LogRetentionDays,            // int
        LogRetentionMb,              // int
        BodyLimitBytes,              // int, 32 MiB
        HeaderLimitBytes,            // int, 64 KiB
        IdleTimeoutSec,              // int, 60
        RequestTimeoutSec,           // int, 30 (slow header/body)
        UpstreamConnectTimeoutSec,   // int, 10
        UpstreamFirstByteTimeoutSec, // int, 300
        FirstRunDone,                // bool
        ConsoleKey,                  // string: the console's own gateway key (Playground); never a provider key
        BreakerFailures,             // int, 5: consecutive failures that open a target's circuit
        BreakerCooldownSec,          // int, 30: how long it stays open before one probe
        KeyCount
    };
    Q_ENUM(Key)

    explicit Settings(Database &db, QObject *parent = nullptr);

    QVariant value(Key key) const;
    bool setValue(Key key, const QVariant &newValue);

    static QString keyName(Key key);
    static QVariant defaultValue(Key key);

    QString listenAddress() const { return value(ListenAddress).toString(); }
    bool requireKeys() const { return value(RequireKeys).toBool(); }
    bool logBodies() const { return value(LogBodies).toBool(); }
    int logRetentionDays() const { return value(LogRetentionDays).toInt(); }
    int logRetentionMb() const { return value(LogRetentionMb).toInt(); }
    qint64 bodyLimitBytes() const { return value(BodyLimitBytes).toLongLong(); }
    int headerLimitBytes() const { return value(HeaderLimitBytes).toInt(); }
    int idleTimeoutSec() const { return value(IdleTimeoutSec).toInt(); }
    int requestTimeoutSec() const { return value(RequestTimeoutSec).toInt(); }
    int upstreamConnectTimeoutSec() const { return value(UpstreamConnectTimeoutSec).toInt(); }
    int upstreamFirstByteTimeoutSec() const { return value(UpstreamFirstByteTimeoutSec).toInt(); }
    int breakerFailures() const { return value(BreakerFailures).toInt(); }
    int breakerCooldownSec() const { return value(BreakerCooldownSec).toInt(); }

Q_SIGNALS:
    void changed(Settings::Key key);

private:
    Database &m_db;
};
