#pragma once

#include "core/ledger/LimitStore.h"
#include "core/pricing/ModelPrice.h"

#include <QByteArrayView>

struct GatewayKey;
struct RequestPlan;

// The admission step for a key's budget and limits: refuses a budgeted key's
// call to an unpriced model, works out the most the request can cost, and
// reserves that (with rpm, tpm and max_parallel) in the LimitStore. The
// exchange settles the reservation with the real cost when it ends.
namespace BudgetAdmission {

// Output the request may produce when it names no ceiling and the price table
// knows no max output for the model.
constexpr qint64 kFallbackMaxOutput = 4096;

// Prompt: the body's size at four bytes a token (JSON punctuation counts,
// so this is above the real prompt for text); output: the requested ceiling,
// else the model's max output. Each priced at the dearer of its rates.
SpendDemand demandFor(const EffectivePrice &pricing, QByteArrayView upstreamBody);

// True when the request may go (plan.reservation then holds what it took);
// false when `plan` was turned into the refusal to send.
bool admit(RequestPlan &plan, const GatewayKey &key, QByteArrayView upstreamBody, LimitStore &store, qint64 nowMs);

} // namespace BudgetAdmission
