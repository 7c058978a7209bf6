#pragma once

#include "core/pricing/ModelPrice.h"
#include "core/protocol/TokenUsage.h"

// What a request cost: each token bucket times its own price, nothing
// counted twice. Pure arithmetic on normalised usage (see TokenUsage).
namespace CostCalculator {

struct Buckets
{
    qint64 uncachedInput = 0; // prompt minus cache reads and writes
    qint64 cacheRead = 0;
    qint64 cacheWrite5m = 0;
    qint64 cacheWrite1h = 0;
    qint64 output = 0; // reasoning included: it is billed as output
};

Buckets buckets(const TokenUsage &usage);
// USD. Cache prices the model lacks fall back: cache reads and writes at the
// input price, 1-hour writes at the 5-minute write price.
double cost(const TokenUsage &usage, const ModelPrice &price);

} // namespace CostCalculator
