#pragma once

#include "core/ledger/BudgetPeriod.h"

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
    BudgetPeriod::Kind budgetPeriod = BudgetPeriod::Kind::Total;
    double softUsd = 0;         // 0: no warning
    int tpm = 0;                // tokens per minute, 0: unlimited
    int maxParallel = 0;        // requests in flight, 0: unlimited
    bool allowUnpriced = false; // a budgeted key may call models without a price
    QString expiresAt;
    QString revokedAt;
    bool internal = false; // the console's own key (Playground)
    QString createdAt;
    QString lastUsed;
    qint64 requests = 0;

    bool allows(const QString &model) const { return models.isEmpty() || models.contains(model); }
};
