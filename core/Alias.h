#pragma once

#include <QJsonObject>
#include <QString>

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

// A published model name that maps to one provider's upstream model.
struct Alias
{
    qint64 id = 0;
    QString alias;
    qint64 providerId = 0;
    QString providerName;
    QString modelId;
    QString category = QStringLiteral("chat");
    Pricing pricing;
    QJsonObject defaults; // applied when the caller omits a field
    bool active = true;
    QString createdAt;
};
