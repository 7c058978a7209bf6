#pragma once

#include <QString>
#include <QStringList>

// One deployment an alias may send a request to: a provider's upstream model,
// with its share of the traffic (weight) and its tier (priority; lower tiers
// serve only when every target of the tier above is unavailable).
struct AliasTarget
{
    qint64 providerId = 0;
    QString providerName;
    QString modelId;
    int weight = 1;   // 0 drains the target
    int priority = 1; // 1 is the first tier
};

// When and how often a request is tried again on the next target.
struct RetryPolicy
{
    int attempts = 3; // every try, the first included
    int backoffMs = 250;
    // HTTP statuses as digits, plus "connect" and "timeout".
    QStringList on = {QStringLiteral("429"), QStringLiteral("500"),     QStringLiteral("502"),    QStringLiteral("503"),
                      QStringLiteral("504"), QStringLiteral("connect"), QStringLiteral("timeout")};

    bool retriesStatus(int status) const { return on.contains(QString::number(status)); }
};
