#include "core/routing/TargetPicker.h"

#include <QMap>

#include <algorithm>

TargetPicker::Strategy TargetPicker::parse(const QString &name)
{
    if (name == QLatin1String("least-busy"))
        return Strategy::LeastBusy;
    if (name == QLatin1String("fastest"))
        return Strategy::Fastest;
    if (name == QLatin1String("ordered"))
        return Strategy::Ordered;
    return Strategy::Weighted;
}

// Smooth weighted round robin (as in nginx): every target gains its weight,
// the leader is picked and pays back the total. 3:1 gives a a a b, spread out.
int TargetPicker::pickWeighted(const QList<View> &views, const QList<int> &tier)
{
    if (m_current.size() != views.size())
        m_current = QList<int>(views.size(), 0);
    int total = 0;
    int best = -1;
    for (int i : tier) {
        m_current[i] += views.at(i).weight;
        total += views.at(i).weight;
        if (best < 0 || m_current.at(i) > m_current.at(best))
            best = i;
    }
    m_current[best] -= total;
    return best;
}

QList<int> TargetPicker::order(Strategy strategy, const QList<View> &views, double random01)
{
    QMap<int, QList<int>> tiers; // priority -> usable targets in position order
    for (int i = 0; i < views.size(); ++i) {
        if (views.at(i).available && views.at(i).weight > 0)
            tiers[views.at(i).priority].append(i);
    }
    QList<int> out;
    bool first = true;
    for (QList<int> tier : tiers) {
        int pick = -1;
        switch (strategy) {
        case Strategy::Weighted:
            // Only the tier that serves advances the rotation; lower tiers are spares.
            pick = first ? pickWeighted(views, tier) : tier.first();
            std::stable_sort(tier.begin(), tier.end(),
                             [&](int a, int b) { return views.at(a).weight > views.at(b).weight; });
            break;
        case Strategy::LeastBusy:
            std::stable_sort(tier.begin(), tier.end(),
                             [&](int a, int b) { return views.at(a).inFlight < views.at(b).inFlight; });
            pick = tier.first();
            break;
        case Strategy::Fastest:
            // Unmeasured targets sort first: they are measured before being judged.
            std::stable_sort(tier.begin(), tier.end(),
                             [&](int a, int b) { return views.at(a).ttfbMs < views.at(b).ttfbMs; });
            pick = tier.first();
            if (first && tier.size() > 1 && random01 < kExploration)
                pick = tier.at(std::min<int>(int(random01 / kExploration * tier.size()), int(tier.size()) - 1));
            break;
        case Strategy::Ordered:
            pick = tier.first();
            break;
        }
        out.append(pick);
        for (int i : std::as_const(tier)) {
            if (i != pick)
                out.append(i);
        }
        first = false;
    }
    return out;
}
