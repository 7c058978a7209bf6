#include "core/pricing/CostCalculator.h"

#include <QtGlobal>

CostCalculator::Buckets CostCalculator::buckets(const TokenUsage &usage)
{
    Buckets b;
    b.cacheRead = qMax<qint64>(0, usage.cached);
    b.cacheWrite1h = qBound<qint64>(0, usage.cacheWrite1h, qMax<qint64>(0, usage.cacheWrite));
    b.cacheWrite5m = qMax<qint64>(0, usage.cacheWrite) - b.cacheWrite1h;
    b.uncachedInput = qMax<qint64>(0, usage.prompt - b.cacheRead - b.cacheWrite5m - b.cacheWrite1h);
    b.output = qMax<qint64>(0, usage.completion);
    return b;
}

double CostCalculator::cost(const TokenUsage &usage, const ModelPrice &price)
{
    const Buckets b = buckets(usage);
    const double read = price.cacheRead.value_or(price.input);
    const double write = price.cacheWrite.value_or(price.input);
    const double write1h = price.cacheWrite1h.value_or(write);
    return (b.uncachedInput * price.input + b.cacheRead * read + b.cacheWrite5m * write + b.cacheWrite1h * write1h
            + b.output * price.output)
           / 1e6;
}
