#include "core/gateway/GatewayMonitor.h"

#include "core/time/Clock.h"

GatewayMonitor::GatewayMonitor(QObject *parent)
    : QObject(parent)
{
}

int GatewayMonitor::requestsPerMinute() const
{
    const qint64 since = Clock::nowMs() - 60000;
    int n = 0;
    for (auto it = m_recent.crbegin(); it != m_recent.crend() && *it >= since; ++it)
        ++n;
    return n;
}

void GatewayMonitor::setState(State state, const QString &address, const QString &error)
{
    m_state = state;
    m_address = address;
    m_error = error;
    Q_EMIT stateChanged(state);
}

void GatewayMonitor::noteRequest(qint64 timeMs)
{
    m_recent.append(timeMs);
    const qint64 since = Clock::nowMs() - 60000;
    while (!m_recent.isEmpty() && m_recent.first() < since)
        m_recent.removeFirst();
    Q_EMIT requestFinished();
}

void GatewayMonitor::noteSoftLimit(const QString &holderKind, const QString &holderName, double spentUsd,
                                   double softUsd)
{
    Q_EMIT softLimitReached(holderKind, holderName, spentUsd, softUsd);
}
