#pragma once

#include <QHash>
#include <QMutex>

#include <deque>

// Per-key request-per-minute windows and spend against budgets, shared by all
// gateway worker threads (a small mutex: every call is a few map operations).
class RateLimiter final
{
public:
    // 0 when the request may go; otherwise seconds until a slot frees (Retry-After).
    int admit(qint64 keyId, int rpm, qint64 nowMs);
    bool overBudget(qint64 keyId, double budgetUsd) const;
    void addSpend(qint64 keyId, double usd);
    void setSpend(qint64 keyId, double usd);
    double spend(qint64 keyId) const;

private:
    mutable QMutex m_mutex;
    QHash<qint64, std::deque<qint64>> m_windows;
    QHash<qint64, double> m_spend;
};
