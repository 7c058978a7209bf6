#pragma once

#include <QString>
#include <QStringList>

// A key handed to gateway clients. Only its SHA-256 hash is stored.
struct GatewayKey
{
    qint64 id = 0;
    QString name;
    QString hash;         // hex SHA-256 of the full key
    QString prefix;       // first characters, for recognising a key in lists
    QStringList models;   // empty: every model
    int rpm = 0;          // 0: unlimited
    double budgetUsd = 0; // 0: unlimited
    QString expiresAt;
    QString revokedAt;
    bool internal = false; // the console's own key (Playground)
    QString createdAt;
    QString lastUsed;
    qint64 requests = 0;

    bool allows(const QString &model) const { return models.isEmpty() || models.contains(model); }
};
