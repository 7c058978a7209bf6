#pragma once

#include <QString>

// One discovery run of a provider: what changed, or why it failed.
struct SyncEvent
{
    qint64 id = 0;
    qint64 providerId = 0;
    QString time;
    int added = 0;
    int removed = 0;
    QString error;
};
