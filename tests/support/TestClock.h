#pragma once

#include "core/time/Clock.h"

#include <QDateTime>

#include <atomic>

// Replaces Clock's source for one test (KeePassXC's TestClock): time stands
// still until the test steps it. Safe to read from the gateway threads.
class TestClock final
{
public:
    explicit TestClock(qint64 startMs = 1'767'225'600'000) // 2026-01-01T00:00:00Z
        : m_ms(startMs)
    {
        Clock::setSourceForTesting([this] { return QDateTime::fromMSecsSinceEpoch(m_ms.load(), Qt::UTC); });
    }
    ~TestClock() { Clock::setSourceForTesting(nullptr); }
    Q_DISABLE_COPY_MOVE(TestClock)

    qint64 nowMs() const { return m_ms.load(); }
    void advance(qint64 ms) { m_ms += ms; }

private:
    std::atomic<qint64> m_ms;
};
