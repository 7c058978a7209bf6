#pragma once

#include <QObject>
#include <QString>
#include <functional>

class AliasStore;
class Database;
class GatewayMonitor;
class KeyStore;
class ModelStore;
class ProviderKeySource;
class ProviderStore;
class Settings;
class SyncService;

// Everything the console needs, wired by app/. The stores and the monitor are
// required; the optional parts may be null (tests, screenshots) and the views
// degrade to saying so instead of failing silently.
struct ConsoleContext
{
    Database &db;
    Settings &settings;
    ProviderStore &providers;
    ModelStore &models;
    AliasStore &aliases;
    KeyStore &keys;
    GatewayMonitor &monitor;
    SyncService *sync = nullptr;
    ProviderKeySource *keySource = nullptr;

    // Stores a provider key typed into the console in the OS keychain
    // (ProviderKeys::saveKey); `done` reports a readable error that never
    // contains the key. Empty: the console only accepts env:NAME references.
    using SaveKeyFunction = std::function<void(qint64 providerId, const QString &secret, QObject *context,
                                               std::function<void(bool ok, const QString &error)> done)>;
    SaveKeyFunction saveProviderKey;

    // The first gateway key, shown once on the welcome page. Empty after the first run.
    QString firstRunKey;
};
