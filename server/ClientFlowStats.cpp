#include "server/ClientFlowStats.h"

#include <atomic>

namespace {
std::atomic<qint64> g_peak{0};
std::atomic<int> g_paused{0};
std::atomic<qint64> g_resumes{0};
} // namespace

void ClientFlowStats::noteBuffered(qint64 bytes)
{
    qint64 seen = g_peak.load(std::memory_order_relaxed);
    while (bytes > seen && !g_peak.compare_exchange_weak(seen, bytes, std::memory_order_relaxed)) { }
}

void ClientFlowStats::notePaused()
{
    g_paused.fetch_add(1, std::memory_order_relaxed);
}

void ClientFlowStats::noteResumed()
{
    g_paused.fetch_sub(1, std::memory_order_relaxed);
    g_resumes.fetch_add(1, std::memory_order_relaxed);
}

void ClientFlowStats::noteReleased()
{
    g_paused.fetch_sub(1, std::memory_order_relaxed);
}

qint64 ClientFlowStats::peakBuffered()
{
    return g_peak.load(std::memory_order_relaxed);
}

int ClientFlowStats::pausedNow()
{
    return g_paused.load(std::memory_order_relaxed);
}

qint64 ClientFlowStats::resumes()
{
    return g_resumes.load(std::memory_order_relaxed);
}

void ClientFlowStats::reset()
{
    g_peak.store(0, std::memory_order_relaxed);
    g_paused.store(0, std::memory_order_relaxed);
    g_resumes.store(0, std::memory_order_relaxed);
}
