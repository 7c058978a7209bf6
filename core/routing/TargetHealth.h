#pragma once

#include "core/routing/TargetPicker.h"

#include <QHash>
#include <QList>
#include <QString>

#include <mutex>

// What the gateway knows about each target (a provider + model pair, shared
// by every alias that uses it): a circuit breaker, a rate-limit cooldown,
// requests in flight and a moving average of the time to first byte. Shared
// by every worker thread, so one mutex guards it; every call is short. Time
// comes from the caller (Clock::nowMs()), so tests step it.
class TargetHealth final
{
public:
    struct Settings
    {
        int failures = 5;          // consecutive failures that open the breaker
        qint64 cooldownMs = 30000; // open this long before one probe is let through
    };
    enum class State { Healthy, Cooling, Open, HalfOpen };
    static QString stateName(State state);

    struct Status
    {
        State state = State::Healthy;
        int inFlight = 0;
        double ttfbMs = -1;
        double errorRate = 0;   // failures / attempts over the recent ones
        qint64 availableAt = 0; // ms since epoch when Cooling / Open; 0 otherwise
        int consecutiveFailures = 0;
    };

    void setSettings(const Settings &settings);
    Settings settings() const;

    Status status(const QString &key, qint64 nowMs) const;
    // May a new attempt start now? Open targets whose cooldown passed let
    // exactly one probe through (half-open) until it ends.
    bool available(const QString &key, qint64 nowMs) const;
    // Starts an attempt (false when it may not start: then nothing changed).
    bool begin(const QString &key, qint64 nowMs);

    enum class Outcome { Success, Failure, RateLimited, Released };
    // Ends an attempt started with begin(). RateLimited cools the target
    // until coolUntilMs without counting as a failure (a Success may cool it
    // too: its rate limit is used up); Released only frees
    // the slot (the client left: nothing was learned).
    void end(const QString &key, Outcome outcome, qint64 nowMs, double ttfbMs = -1, qint64 coolUntilMs = 0);

    // The order of an alias's targets for one request (the alias's own
    // rotation state lives here too, shared by every thread).
    QList<int> order(const QString &alias, TargetPicker::Strategy strategy, const QStringList &keys,
                     QList<TargetPicker::View> views, qint64 nowMs, double random01);

    QHash<QString, Status> all(qint64 nowMs) const;

private:
    struct Entry
    {
        int inFlight = 0;
        int consecutive = 0;
        qint64 openUntil = 0; // breaker open (or reopened) until
        bool open = false;
        bool probing = false; // the half-open probe is out
        qint64 coolUntil = 0; // rate-limited until
        double ttfbMs = -1;
        double errorEma = 0;
    };
    Status statusOf(const Entry &e, qint64 nowMs) const;
    bool availableOf(const Entry &e, qint64 nowMs) const;

    mutable std::mutex m_mutex;
    Settings m_settings;
    QHash<QString, Entry> m_entries;
    QHash<QString, TargetPicker> m_pickers;
};
