#pragma once

#include <QHash>
#include <deque>

// Per-key request-per-minute windows and spend against budgets. Used only on
// the gateway thread.
class RateLimiter final
{
public:
    // 0 when the request may go; otherwise seconds until a slot frees (Retry-After).
    int admit(qint64 keyId, int rpm, qint64 nowMs);
    bool overBudget(qint64 keyId, double budgetUsd) const;
    void addSpend(qint64 keyId, double usd) { m_spend[keyId] += usd; }
    void setSpend(qint64 keyId, double usd) { m_spend[keyId] = usd; }
    double spend(qint64 keyId) const { return m_spend.value(keyId); }

private:
    QHash<qint64, std::deque<qint64>> m_windows;
    QHash<qint64, double> m_spend;
};
