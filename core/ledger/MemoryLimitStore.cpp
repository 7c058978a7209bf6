#include "core/ledger/MemoryLimitStore.h"

#include "core/time/Clock.h"

namespace {
constexpr qint64 kWindowMs = 60000;
}

MemoryLimitStore::State &MemoryLimitStore::stateFor(const HolderLimits &limits)
{
    State &state = m_states[limits.holder];
    state.limits = limits;
    return state;
}

void MemoryLimitStore::rollOver(State &state, qint64 nowMs)
{
    const qint64 start = BudgetPeriod::startMs(state.limits.period, nowMs);
    if (start == state.periodStartMs)
        return;
    // A new period begins with nothing settled; requests still in flight keep
    // their reservations and are charged to the period they started in.
    state.periodStartMs = start;
    state.settledUsd = 0;
}

void MemoryLimitStore::expire(State &state, qint64 nowMs)
{
    const qint64 since = nowMs - kWindowMs;
    while (!state.requests.empty() && state.requests.front() <= since)
        state.requests.pop_front();
    while (!state.tokens.empty() && state.tokens.front().ms <= since) {
        state.tokensSum -= state.tokens.front().tokens;
        state.tokens.pop_front();
        ++state.tokensFrontSeq;
    }
}

// Seconds until enough of the token window expires for `demand` to fit.
int MemoryLimitStore::tpmWait(const State &state, qint64 demand, qint64 nowMs)
{
    qint64 sum = state.tokensSum;
    for (const TokenEntry &e : state.tokens) {
        sum -= e.tokens;
        if (sum + demand <= state.limits.tpm || sum <= 0)
            return int(qMax<qint64>(1, (e.ms + kWindowMs - nowMs + 999) / 1000));
    }
    return int(kWindowMs / 1000);
}

void MemoryLimitStore::configure(const HolderLimits &limits, const std::function<double(const QDate &)> &persistedSpend)
{
    const qint64 now = Clock::nowMs();
    QMutexLocker lock(&m_mutex);
    State &state = m_states[limits.holder];
    const bool samePeriod = state.loaded && state.limits.period == limits.period;
    state.limits = limits;
    if (samePeriod)
        return;
    // New to this store, or its period changed: this process's settled spend
    // is only part of the truth; the ledger has the rest. SQLite is read
    // without the lock (this runs on reload, never per request); what settles
    // meanwhile is added on top.
    state.loaded = true;
    state.periodStartMs = BudgetPeriod::startMs(limits.period, now);
    state.settledUsd = 0;
    const qint64 period = state.periodStartMs;
    lock.unlock();
    const double persisted = persistedSpend ? persistedSpend(BudgetPeriod::startDate(limits.period, now)) : 0.0;
    lock.relock();
    State &again = m_states[limits.holder];
    if (again.periodStartMs == period)
        again.settledUsd += persisted;
}

SpendAdmission MemoryLimitStore::reserve(const QList<HolderLimits> &holders, const SpendDemand &demand, qint64 nowMs)
{
    SpendAdmission result;
    QMutexLocker lock(&m_mutex);
    QList<State *> states;
    states.reserve(holders.size());
    for (const HolderLimits &limits : holders) {
        State &st = stateFor(limits);
        rollOver(st, nowMs);
        expire(st, nowMs);
        auto refuse = [&](SpendAdmission::Outcome outcome, int wait) {
            result.outcome = outcome;
            result.refusedBy = limits;
            result.retryAfterSec = wait;
            result.spentUsd = st.settledUsd + st.reservedUsd;
            return result;
        };
        if (limits.hasBudget() && st.settledUsd + st.reservedUsd + demand.maxCostUsd > limits.budgetUsd)
            return refuse(SpendAdmission::Outcome::BudgetExceeded,
                          BudgetPeriod::secondsUntilNext(limits.period, nowMs));
        if (limits.maxParallel > 0 && st.inFlight >= limits.maxParallel)
            return refuse(SpendAdmission::Outcome::ParallelExceeded, 1);
        if (limits.rpm > 0 && int(st.requests.size()) >= limits.rpm)
            return refuse(SpendAdmission::Outcome::RpmExceeded,
                          int(qMax<qint64>(1, (st.requests.front() + kWindowMs - nowMs + 999) / 1000)));
        // A request larger than the whole limit still goes when the window is
        // empty; otherwise it could never go at all.
        if (limits.tpm > 0 && st.tokensSum > 0 && st.tokensSum + demand.maxTokens > limits.tpm)
            return refuse(SpendAdmission::Outcome::TpmExceeded, tpmWait(st, demand.maxTokens, nowMs));
        states.append(&st);
    }
    SpendReservation &r = result.reservation;
    r.costUsd = demand.maxCostUsd;
    r.tokens = demand.maxTokens;
    r.active = true;
    r.holds.reserve(states.size());
    for (State *st : std::as_const(states)) {
        SpendReservation::Hold hold;
        hold.holder = st->limits.holder;
        hold.periodStartMs = st->periodStartMs;
        ++st->inFlight;
        st->reservedUsd += demand.maxCostUsd;
        if (st->limits.rpm > 0)
            st->requests.push_back(nowMs);
        if (st->limits.tpm > 0) {
            hold.tpmSeq = st->tokensFrontSeq + qint64(st->tokens.size());
            st->tokens.push_back({nowMs, demand.maxTokens});
            st->tokensSum += demand.maxTokens;
        }
        r.holds.append(hold);
    }
    return result;
}

void MemoryLimitStore::settle(SpendReservation &reservation, double costUsd, qint64 tokens)
{
    if (!reservation.active)
        return;
    reservation.active = false;
    QList<QPair<HolderLimits, double>> softCrossed;
    {
        QMutexLocker lock(&m_mutex);
        for (const SpendReservation::Hold &hold : std::as_const(reservation.holds)) {
            const auto it = m_states.find(hold.holder);
            if (it == m_states.end())
                continue;
            State &st = *it;
            st.inFlight = qMax(0, st.inFlight - 1);
            st.reservedUsd = qMax(0.0, st.reservedUsd - reservation.costUsd);
            if (hold.periodStartMs == st.periodStartMs)
                st.settledUsd += costUsd;
            if (hold.tpmSeq >= st.tokensFrontSeq && hold.tpmSeq < st.tokensFrontSeq + qint64(st.tokens.size())) {
                TokenEntry &e = st.tokens[size_t(hold.tpmSeq - st.tokensFrontSeq)];
                st.tokensSum += tokens - e.tokens;
                e.tokens = tokens;
            }
            if (st.limits.softUsd > 0 && st.settledUsd >= st.limits.softUsd
                && st.softWarnedPeriod != st.periodStartMs) {
                st.softWarnedPeriod = st.periodStartMs;
                softCrossed.append({st.limits, st.settledUsd});
            }
        }
    }
    if (onSoftLimit) {
        for (const auto &crossed : std::as_const(softCrossed))
            onSoftLimit(crossed.first, crossed.second);
    }
}

double MemoryLimitStore::spent(const BudgetHolder &holder, qint64 nowMs) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_states.constFind(holder);
    if (it == m_states.constEnd() || BudgetPeriod::startMs(it->limits.period, nowMs) != it->periodStartMs)
        return 0;
    return it->settledUsd;
}

double MemoryLimitStore::reserved(const BudgetHolder &holder) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_states.constFind(holder);
    return it == m_states.constEnd() ? 0 : it->reservedUsd;
}
