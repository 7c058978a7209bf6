#include "server/RateLimiter.h"

int RateLimiter::admit(qint64 keyId, int rpm, qint64 nowMs)
{
    if (rpm <= 0)
        return 0;
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
    return budgetUsd > 0 && m_spend.value(keyId) >= budgetUsd;
}
