#include "server/RateLimiter.h"

int RateLimiter::admit(qint64 keyId, int rpm, qint64 nowMs)
{
    if (rpm <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    std::deque<qint64> &window = m_windows[keyId];
    const qint64 since = nowMs - 60000;
    while (!window.empty() && window.front() <= since)
        window.pop_front();
    if (int(window.size()) >= rpm)
        return int(qMax<qint64>(1, (window.front() - since + 999) / 1000));
    window.push_back(nowMs);
    return 0;
}

bool RateLimiter::overBudget(qint64 keyId, double budgetUsd) const
{
    if (budgetUsd <= 0)
        return false;
    QMutexLocker lock(&m_mutex);
    return budgetUsd > 0 && m_spend.value(keyId) >= budgetUsd;
}

void RateLimiter::addSpend(qint64 keyId, double usd)
{
    QMutexLocker lock(&m_mutex);
    m_spend[keyId] += usd;
}

void RateLimiter::setSpend(qint64 keyId, double usd)
{
    QMutexLocker lock(&m_mutex);
    m_spend[keyId] = usd;
}

double RateLimiter::spend(qint64 keyId) const
{
    QMutexLocker lock(&m_mutex);
    return m_spend.value(keyId);
}
