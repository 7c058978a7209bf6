#include "core/routing/TargetHealth.h"

namespace {

constexpr double kTtfbWeight = 0.2; // moving averages: the newest sample's share
constexpr double kErrorWeight = 0.1;

} // namespace

QString TargetHealth::stateName(State state)
{
    switch (state) {
    case State::Healthy:
        return QStringLiteral("healthy");
    case State::Cooling:
        return QStringLiteral("cooling");
    case State::Open:
        return QStringLiteral("open");
    case State::HalfOpen:
        return QStringLiteral("half-open");
    }
    return {};
}

void TargetHealth::setSettings(const Settings &settings)
{
    std::lock_guard lock(m_mutex);
    m_settings = settings;
}

TargetHealth::Settings TargetHealth::settings() const
{
    std::lock_guard lock(m_mutex);
    return m_settings;
}

TargetHealth::Status TargetHealth::statusOf(const Entry &e, qint64 nowMs) const
{
    Status s;
    s.inFlight = e.inFlight;
    s.ttfbMs = e.ttfbMs;
    s.errorRate = e.errorEma;
    s.consecutiveFailures = e.consecutive;
    if (e.open) {
        s.state = nowMs >= e.openUntil ? State::HalfOpen : State::Open;
        s.availableAt = e.openUntil;
    } else if (e.coolUntil > nowMs) {
        s.state = State::Cooling;
        s.availableAt = e.coolUntil;
    }
    return s;
}

bool TargetHealth::availableOf(const Entry &e, qint64 nowMs) const
{
    if (e.coolUntil > nowMs)
        return false;
    if (!e.open)
        return true;
    return nowMs >= e.openUntil && !e.probing;
}

TargetHealth::Status TargetHealth::status(const QString &key, qint64 nowMs) const
{
    std::lock_guard lock(m_mutex);
    return statusOf(m_entries.value(key), nowMs);
}

bool TargetHealth::available(const QString &key, qint64 nowMs) const
{
    std::lock_guard lock(m_mutex);
    return availableOf(m_entries.value(key), nowMs);
}

bool TargetHealth::begin(const QString &key, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    Entry &e = m_entries[key];
    if (!availableOf(e, nowMs))
        return false;
    if (e.open)
        e.probing = true; // the one half-open probe
    ++e.inFlight;
    return true;
}

void TargetHealth::end(const QString &key, Outcome outcome, qint64 nowMs, double ttfbMs, qint64 coolUntilMs)
{
    std::lock_guard lock(m_mutex);
    Entry &e = m_entries[key];
    e.inFlight = qMax(0, e.inFlight - 1);
    const bool wasProbe = e.probing;
    e.probing = false;
    switch (outcome) {
    case Outcome::Success:
        e.consecutive = 0;
        e.open = false;
        e.errorEma *= 1 - kErrorWeight;
        if (ttfbMs >= 0)
            e.ttfbMs = e.ttfbMs < 0 ? ttfbMs : e.ttfbMs + kTtfbWeight * (ttfbMs - e.ttfbMs);
        e.coolUntil = qMax(e.coolUntil, coolUntilMs); // served, but its rate limit is used up
        break;
    case Outcome::Failure:
        ++e.consecutive;
        e.errorEma += kErrorWeight * (1 - e.errorEma);
        if (wasProbe || e.consecutive >= m_settings.failures) {
            e.open = true;
            e.openUntil = nowMs + m_settings.cooldownMs;
        }
        break;
    case Outcome::Released:
        break;
    case Outcome::RateLimited:
        e.coolUntil = qMax(e.coolUntil, coolUntilMs);
        if (wasProbe) // the probe learned nothing: the next one goes after the cooldown
            e.openUntil = qMax(e.openUntil, coolUntilMs);
        break;
    }
}

QList<int> TargetHealth::order(const QString &alias, TargetPicker::Strategy strategy, const QStringList &keys,
                               QList<TargetPicker::View> views, qint64 nowMs, double random01)
{
    std::lock_guard lock(m_mutex);
    for (int i = 0; i < views.size() && i < keys.size(); ++i) {
        const Entry e = m_entries.value(keys.at(i));
        views[i].available = availableOf(e, nowMs);
        views[i].inFlight = e.inFlight;
        views[i].ttfbMs = e.ttfbMs;
    }
    return m_pickers[alias].order(strategy, views, random01);
}

QHash<QString, TargetHealth::Status> TargetHealth::all(qint64 nowMs) const
{
    std::lock_guard lock(m_mutex);
    QHash<QString, Status> out;
    for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it)
        out.insert(it.key(), statusOf(*it, nowMs));
    return out;
}
