#pragma once

#include "core/ledger/BudgetHolder.h"

#include <QList>

#include <functional>

// What a request may cost at most, worked out at admission.
struct SpendDemand
{
    double maxCostUsd = 0; // prompt estimate x input price + output ceiling x output price
    qint64 maxTokens = 0;  // prompt estimate + output ceiling (tpm)
};

// A request's hold on its holders' budgets and limits, from admission until
// it is settled (the real cost) or released (nothing charged). Plain data, so
// it travels in the request plan; settling twice is harmless.
struct SpendReservation
{
    struct Hold
    {
        BudgetHolder holder;
        qint64 periodStartMs = 0; // the budget period the reservation was made in
        qint64 tpmSeq = -1;       // its entry in the holder's token window; -1: none
    };
    QList<Hold> holds;
    double costUsd = 0;
    qint64 tokens = 0;
    bool active = false;
};

struct SpendAdmission
{
    enum class Outcome { Admitted, BudgetExceeded, RpmExceeded, TpmExceeded, ParallelExceeded };
    Outcome outcome = Outcome::Admitted;
    HolderLimits refusedBy; // the holder whose limit said no
    double spentUsd = 0;    // refusedBy's spend in the period (settled + reserved), BudgetExceeded
    int retryAfterSec = -1; // -1: no later time helps (a total budget)
    SpendReservation reservation;

    bool admitted() const { return outcome == Outcome::Admitted; }
};

// The state budgets and rate limits are enforced from. The request path only
// talks to this interface, and every call is in memory: reserve() checks and
// takes every holder's budget, rpm, tpm and max_parallel in one atomic step,
// so concurrent requests cannot all see the same remaining budget. Spend is
// persisted elsewhere (SpendLedger, through the log writer) and handed in by
// configure(). A PostgreSQL team mode implements the same calls against
// shared rows (reserve = one conditional UPDATE per holder in a transaction),
// bounded by one reservation per gateway.
class LimitStore
{
public:
    virtual ~LimitStore() = default;

    // Current limits of a holder (on start and on every routing reload).
    // `persistedSpend(periodStartDate)` is asked only when the holder is new to
    // the store or its period changed; an invalid date means "all time".
    virtual void configure(const HolderLimits &limits, const std::function<double(const QDate &)> &persistedSpend) = 0;

    // All holders or none: on refusal nothing was taken.
    virtual SpendAdmission reserve(const QList<HolderLimits> &holders, const SpendDemand &demand, qint64 nowMs) = 0;
    // The exchange ended: `costUsd`/`tokens` replace what was reserved.
    virtual void settle(SpendReservation &reservation, double costUsd, qint64 tokens) = 0;
    // The request never ran (or failed without cost).
    void release(SpendReservation &reservation) { settle(reservation, 0, 0); }

    // Settled spend in the holder's current period (not counting reservations).
    virtual double spent(const BudgetHolder &holder, qint64 nowMs) const = 0;
    virtual double reserved(const BudgetHolder &holder) const = 0;

    // Called (from whichever thread settled) once per holder and period when
    // settled spend reaches the soft limit.
    std::function<void(const HolderLimits &limits, double spentUsd)> onSoftLimit;
};
