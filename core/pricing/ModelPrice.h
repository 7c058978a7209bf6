#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// What one model costs, in USD per 1M tokens. A cache price that is absent
// (not zero) means the source names none: CostCalculator then charges those
// tokens at the input price.
struct ModelPrice
{
    double input = 0;
    double output = 0;
    std::optional<double> cacheRead;
    std::optional<double> cacheWrite;   // 5-minute (or the only) cache write
    std::optional<double> cacheWrite1h; // Anthropic's 1-hour cache write
    std::optional<qint64> contextWindow;
    std::optional<qint64> maxOutput;

    bool isFree() const
    {
        return input == 0 && output == 0 && cacheRead.value_or(0) == 0 && cacheWrite.value_or(0) == 0;
    }
};

// The price a request is charged by, and where it came from.
struct EffectivePrice
{
    ModelPrice price;
    bool priced = false;
    QString source;    // "override", "bundled 2026-08-21", or empty when unpriced
    QString matchedId; // the table's id the model matched (may differ: dated, -latest)
};
