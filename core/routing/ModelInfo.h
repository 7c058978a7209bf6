#pragma once

#include <QString>

// A model discovered at a provider. Models that vanish upstream turn
// "offline" and are never deleted: aliases and logs keep pointing at them.
struct ModelInfo
{
    qint64 id = 0;
    qint64 providerId = 0;
    QString providerName;
    QString modelId;
    QString status = QStringLiteral("online"); // online | offline
    QString category = QStringLiteral("chat"); // chat | embedding | audio | image | other
    QString ownedBy;
    QString firstSeen;
    QString lastSeen;
};
