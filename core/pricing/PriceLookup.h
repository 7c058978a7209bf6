#pragma once

#include "core/pricing/ModelPrice.h"
#include "core/pricing/PriceTable.h"
#include "core/routing/Pricing.h"

#include <QString>
#include <QStringList>

// Finds the price a model is charged by: an alias's `pricing:` block wins,
// else the bundled table. No I/O; bundled() remembers its answers per thread.
namespace PriceLookup {

// The ids a model may be listed under, best first: as given, without a
// "models/" prefix, with its date or "-latest" suffix swapped the way the
// source names them (claude-sonnet-4-5-20250929 <-> claude-sonnet-4-5,
// gpt-4o-2024-08-06 -> gpt-4o). Dated ids of a bare name are found by find().
QStringList candidateIds(const QString &modelId);

// The table's price for a model of a provider (kind, e.g. "anthropic"; the
// provider's own name is tried too, e.g. a "deepseek" provider of kind openai).
EffectivePrice bundled(const PriceTable &table, const QString &kind, const QString &providerName,
                       const QString &modelId);
// bundled() without its per-thread memo: works the answer out every time.
EffectivePrice lookUp(const PriceTable &table, const QString &kind, const QString &providerName,
                      const QString &modelId);

// An alias's configured prices, if it has any (all zero means "not set").
bool isOverride(const Pricing &pricing);

// The override when set (cache write prices the override cannot state come
// from the table), else the table.
EffectivePrice effective(const PriceTable &table, const Pricing *override, const QString &kind,
                         const QString &providerName, const QString &modelId);

// "bundled 2026-08-21"
QString bundledSource(const PriceTable &table);

} // namespace PriceLookup
