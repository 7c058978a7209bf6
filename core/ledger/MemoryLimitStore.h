#pragma once

#include "core/ledger/LimitStore.h"

#include <QHash>
#include <QMutex>

#include <deque>

// The in-process LimitStore shared by every gateway worker thread: one small
// mutex around a few map operations per request.
class MemoryLimitStore final : public LimitStore
{
public:
    void configure(const HolderLimits &limits, const std::function<double(const QDate &)> &persistedSpend) override;
    SpendAdmission reserve(const QList<HolderLimits> &holders, const SpendDemand &demand, qint64 nowMs) override;
    void settle(SpendReservation &reservation, double costUsd, qint64 tokens) override;
    double spent(const BudgetHolder &holder, qint64 nowMs) const override;
    double reserved(const BudgetHolder &holder) const override;

private:
    struct TokenEntry
    {
        qint64 ms = 0;
        qint64 tokens = 0;
    };
    struct State
    {
        HolderLimits limits;
        bool loaded = false;
        qint64 periodStartMs = 0;
        double settledUsd = 0;  // in the current period
        double reservedUsd = 0; // held by requests in flight
        qint64 softWarnedPeriod = -1;
        int inFlight = 0;
        std::deque<qint64> requests; // admission times, last minute (rpm)
        std::deque<TokenEntry> tokens;
        qint64 tokensFrontSeq = 0; // sequence number of tokens.front()
        qint64 tokensSum = 0;
    };

    State &stateFor(const HolderLimits &limits);
    static void rollOver(State &state, qint64 nowMs);
    static void expire(State &state, qint64 nowMs);
    static int tpmWait(const State &state, qint64 demand, qint64 nowMs);

    mutable QMutex m_mutex;
    QHash<BudgetHolder, State> m_states;
};
