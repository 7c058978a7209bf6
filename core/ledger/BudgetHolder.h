#pragma once

#include "core/ledger/BudgetPeriod.h"

#include <QHashFunctions>
#include <QString>

struct GatewayKey;

// Who a budget and limits belong to. Keys today; a team is one more kind, so
// the ledger, the limit store and the persistence need no new shape for it.
struct BudgetHolder
{
    enum class Kind { Key = 1, Team = 2 };
    Kind kind = Kind::Key;
    qint64 id = 0;

    QString kindName() const { return kind == Kind::Team ? QStringLiteral("team") : QStringLiteral("key"); }
    friend bool operator==(const BudgetHolder &a, const BudgetHolder &b) { return a.kind == b.kind && a.id == b.id; }
    friend size_t qHash(const BudgetHolder &h, size_t seed = 0) { return qHashMulti(seed, int(h.kind), h.id); }
};

// A holder's budget and rate limits; 0 means "no limit" for every number.
struct HolderLimits
{
    BudgetHolder holder;
    QString name; // for messages: "key 'ci'"
    double budgetUsd = 0;
    double softUsd = 0;
    BudgetPeriod::Kind period = BudgetPeriod::Kind::Total;
    int rpm = 0;
    int tpm = 0;
    int maxParallel = 0;

    bool hasBudget() const { return budgetUsd > 0; }
    bool limitsAnything() const { return budgetUsd > 0 || softUsd > 0 || rpm > 0 || tpm > 0 || maxParallel > 0; }

    static HolderLimits forKey(const GatewayKey &key);
};
