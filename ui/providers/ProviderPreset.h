#pragma once

#include <QList>
#include <QString>

// Starting points for "Add a provider": a driver kind plus the base URL the
// product usually lives at. Local servers speak the OpenAI protocol.
struct ProviderPreset
{
    QString id;         // stable, for tests and QSettings
    QString label;      // translated
    QString kind;       // driver kind
    QString name;       // suggested provider name
    QString baseUrl;    // empty: the user must type it (Azure, custom)
    bool local = false; // runs on this machine, usually without a key

    static QList<ProviderPreset> all();
    static ProviderPreset byId(const QString &id);
};
