#pragma once

#include <QList>
#include <QString>

// Chooses the order in which an alias's targets are tried. Pure: the caller
// passes what it knows of each target (health, load, speed) and, for the
// fastest strategy, a random number, so tests drive every branch.
class TargetPicker final
{
public:
    enum class Strategy { Weighted, LeastBusy, Fastest, Ordered };
    static Strategy parse(const QString &name); // unknown names are Weighted

    struct View
    {
        int weight = 1;
        int priority = 1;
        bool available = true; // false: breaker open or cooling
        int inFlight = 0;
        double ttfbMs = -1; // moving average; negative when never measured
    };

    // Fraction of fastest picks that go to a random target of the tier, so a
    // target that was slow (or recovered) is measured again.
    static constexpr double kExploration = 0.1;

    // Indexes into views: the strategy's pick of the best available tier
    // first, then the rest of that tier, then the lower tiers in the same way.
    // Unavailable and drained (weight 0) targets are left out. random01 is in
    // [0, 1) and only used by Fastest.
    QList<int> order(Strategy strategy, const QList<View> &views, double random01 = 0.5);

private:
    int pickWeighted(const QList<View> &views, const QList<int> &tier);
    QList<int> m_current; // smooth weighted round robin: running score per target
};
