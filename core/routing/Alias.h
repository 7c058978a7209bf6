#pragma once

#include "core/routing/AliasTarget.h"
#include "core/routing/Pricing.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// A published model name that maps to one or more provider models (targets).
// providerId/modelId are the first target: what single-target editors change.
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

    // Routing over several targets. Empty targets means the one target above.
    QList<AliasTarget> targets;
    QString strategy = QStringLiteral("weighted"); // weighted | least-busy | fastest | ordered
    QStringList fallbacks;                         // other aliases, tried in order after every target failed
    RetryPolicy retry;

    // The targets as stored: the first one always follows providerId/modelId.
    QList<AliasTarget> effectiveTargets() const
    {
        QList<AliasTarget> out = targets;
        if (out.isEmpty())
            out.append(AliasTarget{});
        out[0].providerId = providerId;
        out[0].providerName = providerName;
        out[0].modelId = modelId;
        return out;
    }
};
