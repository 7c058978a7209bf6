#pragma once

#include "core/routing/Alias.h"
#include "core/routing/Provider.h"
#include "core/storage/KeyStore.h"

#include <QList>
#include <QString>

#include <optional>

// A first-run configuration file after parsing and validation: everything
// ConfigImporter needs to write, with the source line of each entry so later
// failures (a keychain that does not answer) can still point at the file.
struct ConfigDocument
{
    struct ProviderEntry
    {
        Provider provider;  // keyRef is "", "env:NAME" or "keychain"
        QString literalKey; // set when keyRef is "keychain": goes to the keychain, never SQLite
        int line = 0;
    };
    struct AliasEntry
    {
        Alias alias; // providerId is filled in by the importer
        int line = 0;
    };
    struct KeyEntry
    {
        KeyStore::NewKey spec;
        QString secret; // empty: generate one and show it once
        int line = 0;
    };

    QString fileName;
    std::optional<QString> listen;
    std::optional<bool> requireKeys;
    std::optional<int> breakerFailures;    // gateway.circuit_breaker.failures
    std::optional<int> breakerCooldownSec; // gateway.circuit_breaker.cooldown
    QList<ProviderEntry> providers;
    QList<AliasEntry> aliases;
    QList<KeyEntry> keys;
};
