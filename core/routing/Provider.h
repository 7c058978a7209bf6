#pragma once

#include <QJsonObject>
#include <QString>

// A configured upstream. The key itself never lives here: keyRef is either
// empty (no key), "keychain" (stored under provider/<id>) or "env:NAME".
struct Provider
{
    qint64 id = 0;
    QString name;
    QString kind;    // openai | anthropic | gemini | azure | mock
    QString baseUrl; // includes the API version path
    QString keyRef;
    int syncIntervalSec = 30; // 0 disables periodic discovery
    bool exposeAll = true;
    bool enabled = true;
    QString status = QStringLiteral("active"); // active | syncing | errored
    QString lastError;
    QString lastSync;    // ISO 8601 UTC, empty when never synced
    QJsonObject options; // driver-specific (e.g. azure api_version)
    QString createdAt;
    int modelCount = 0; // online models; filled by ProviderStore::list()
};
