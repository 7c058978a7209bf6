#include "core/ledger/BudgetHolder.h"

#include "core/routing/GatewayKey.h"

HolderLimits HolderLimits::forKey(const GatewayKey &key)
{
    HolderLimits l;
    l.holder = {BudgetHolder::Kind::Key, key.id};
    l.name = key.name;
    l.budgetUsd = key.budgetUsd;
    l.softUsd = key.softUsd;
    l.period = key.budgetPeriod;
    l.rpm = key.rpm;
    l.tpm = key.tpm;
    l.maxParallel = key.maxParallel;
    return l;
}
