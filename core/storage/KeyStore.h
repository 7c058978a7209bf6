#pragma once

#include "core/routing/GatewayKey.h"

#include <QList>
#include <QObject>

#include <optional>

class Database;
class QSqlDatabase;

// Gateway keys: generated here (tg- + 192 random bits or more), stored only
// as SHA-256 hashes, shown to the user exactly once.
class KeyStore final : public QObject
{
    Q_OBJECT
public:
    explicit KeyStore(Database &db, QObject *parent = nullptr);

    struct NewKey
    {
        QString name;
        QStringList models;
        int rpm = 0;
        double budgetUsd = 0;
        BudgetPeriod::Kind budgetPeriod = BudgetPeriod::Kind::Total;
        double softUsd = 0;
        int tpm = 0;
        int maxParallel = 0;
        bool allowUnpriced = false;
        QString expiresAt; // ISO 8601, empty: never
        bool internal = false;
    };

    // Generates a key; returns the plaintext (the only time it exists) or an empty string with *error set.
    QString create(const NewKey &spec, QString *error);
    // Stores a key the caller already knows (config import of `key: env:X`).
    bool createWithSecret(const NewKey &spec, const QString &secret, QString *error);

    QList<GatewayKey> list(bool includeInternal = false) const;
    std::optional<GatewayKey> findByName(const QString &name) const;
    // Every key not revoked, internal ones included, on any connection (the gateway's routing snapshot).
    static QList<GatewayKey> readActive(const QSqlDatabase &db);
    // Revokes by name or numeric id.
    bool revoke(const QString &nameOrId, QString *error);

    static QString generateSecret();
    static QString hashSecret(const QString &secret);
    // Compares two equal-length byte strings without an early exit.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

Q_SIGNALS:
    void changed();

private:
    Database &m_db;
};
