#include "server/BudgetAdmission.h"

#include "core/protocol/OutputCeiling.h"
#include "core/routing/GatewayKey.h"
#include "server/RequestPlanner.h"

namespace {

void refuse(RequestPlan &plan, GatewayError error, const QString &message, int retryAfterSec)
{
    plan.refuse(error, message);
    if (retryAfterSec > 0)
        plan.extraHeaders.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfterSec)));
}

QString usd(double value)
{
    return QString::number(value, 'f', value < 0.01 ? 6 : 4);
}

} // namespace

namespace BudgetAdmission {

SpendDemand demandFor(const EffectivePrice &pricing, QByteArrayView upstreamBody)
{
    const ModelPrice &p = pricing.price;
    const qint64 prompt = (upstreamBody.size() + 3) / 4;
    const qint64 output = OutputCeiling::requested(upstreamBody).value_or(p.maxOutput.value_or(kFallbackMaxOutput));
    // A prompt may be written to the cache, which can cost more than plain input.
    const double inputRate = qMax(p.input, qMax(p.cacheWrite.value_or(0), p.cacheWrite1h.value_or(0)));
    SpendDemand d;
    d.maxCostUsd = (double(prompt) * inputRate + double(output) * p.output) / 1e6;
    d.maxTokens = prompt + output;
    return d;
}

bool admit(RequestPlan &plan, const GatewayKey &key, QByteArrayView upstreamBody, LimitStore &store, qint64 nowMs)
{
    const HolderLimits limits = HolderLimits::forKey(key);
    const bool freeByNature = plan.provider.kind == QLatin1String("mock"); // the demo model costs nothing
    if (limits.hasBudget() && !plan.pricing.priced && !freeByNature && !key.allowUnpriced) {
        refuse(plan, GatewayError::ModelUnpriced,
               QStringLiteral("The key '%1' has a budget, and the model '%2' has no price, so its cost could not be "
                              "counted against it. Give the model a price (an alias 'pricing:' block) or allow "
                              "unpriced models for this key.")
                   .arg(key.name, plan.log.model),
               -1);
        return false;
    }
    if (!limits.limitsAnything())
        return true;
    const SpendDemand demand =
        freeByNature ? SpendDemand{0, (upstreamBody.size() + 3) / 4} : demandFor(plan.pricing, upstreamBody);
    SpendAdmission admission = store.reserve({limits}, demand, nowMs);
    if (admission.admitted()) {
        plan.reservation = std::move(admission.reservation);
        return true;
    }
    const HolderLimits &by = admission.refusedBy;
    switch (admission.outcome) {
    case SpendAdmission::Outcome::BudgetExceeded: {
        const QString period = by.period == BudgetPeriod::Kind::Total
                                   ? QStringLiteral("in total")
                                   : QStringLiteral("per %1 period").arg(BudgetPeriod::name(by.period));
        refuse(plan, GatewayError::BudgetExceeded,
               QStringLiteral("The key '%1' would exceed its budget of %2 USD %3: %4 USD is spent or held by requests "
                              "in flight, and this request may cost up to %5 USD (lower max_tokens to ask for less).")
                   .arg(by.name, usd(by.budgetUsd), period, usd(admission.spentUsd), usd(demand.maxCostUsd)),
               admission.retryAfterSec);
        return false;
    }
    case SpendAdmission::Outcome::ParallelExceeded:
        refuse(plan, GatewayError::RateLimited,
               QStringLiteral("The key '%1' is limited to %2 requests at a time.").arg(by.name).arg(by.maxParallel),
               admission.retryAfterSec);
        return false;
    case SpendAdmission::Outcome::RpmExceeded:
        refuse(plan, GatewayError::RateLimited,
               QStringLiteral("The key '%1' is limited to %2 requests per minute.").arg(by.name).arg(by.rpm),
               admission.retryAfterSec);
        return false;
    case SpendAdmission::Outcome::TpmExceeded:
        refuse(plan, GatewayError::RateLimited,
               QStringLiteral("The key '%1' is limited to %2 tokens per minute; this request may use up to %3.")
                   .arg(by.name)
                   .arg(by.tpm)
                   .arg(demand.maxTokens),
               admission.retryAfterSec);
        return false;
    case SpendAdmission::Outcome::Admitted:
        break;
    }
    return true;
}

} // namespace BudgetAdmission
