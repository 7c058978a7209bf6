#pragma once

#include <QtGlobal>

// Process-wide gauges of what the gateway holds for clients that read slower
// than their upstream sends: how much one client's socket ever had queued in
// user space, how many upstream transfers are paused for a slow client right
// now, and how often one was resumed. For the tests and benchmarks that prove
// the per-client bound; updating them costs a relaxed atomic per write.
namespace ClientFlowStats {

// The upstream is paused once a client has this much unsent in its socket...
constexpr qint64 kHighWater = 16 * 1024;
// ...and resumed once it has read it down to this.
constexpr qint64 kLowWater = 4 * 1024;
// The most a slow client can have queued: the high-water mark plus one
// upstream read (libcurl hands over at most 16 KiB at a time) plus framing.
constexpr qint64 kBufferBound = kHighWater + 32 * 1024;

void noteBuffered(qint64 bytes);
void notePaused();
void noteResumed();
void noteReleased(); // a paused exchange ended without resuming

qint64 peakBuffered();
int pausedNow();
qint64 resumes();
void reset();

} // namespace ClientFlowStats
