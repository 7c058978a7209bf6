#pragma once

#include "core/routing/Pricing.h"

#include <QJsonObject>
#include <QString>

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
