#pragma once

#include "core/pricing/ModelPrice.h"

#include <QJsonObject>
#include <QString>

// How prices are shown to scripts (`tollgate prices --json`, `models list
// --json`) and people (the Models tab): one place, so they agree.
namespace PriceJson {

// {"input":3,"output":15,"cache_read":0.3,"cache_write":3.75,"cache_write_1h":6,
//  "context_window":null,"max_output":64000}; absent prices are null.
QJsonObject toJson(const ModelPrice &price);
// "$3.00" with as many decimals as the price needs; "-" when absent.
QString usd(std::optional<double> perMillion);
// Why a cache bucket costs what it does, for tooltips: absent cache prices
// are charged at the input price.
QString cacheNote(const ModelPrice &price);

} // namespace PriceJson
