#pragma once

#include <QtGlobal>

// What an alias costs, as configured.
struct Pricing
{
    double input = 0;       // USD per 1M prompt tokens
    double output = 0;      // USD per 1M completion tokens
    double cachedInput = 0; // USD per 1M cached prompt tokens

    double cost(qint64 prompt, qint64 completion, qint64 cached) const
    {
        const qint64 uncached = prompt > cached ? prompt - cached : 0;
        return (uncached * input + cached * cachedInput + completion * output) / 1e6;
    }
};
