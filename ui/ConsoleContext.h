#pragma once

#include <QObject>
#include <QString>

class AliasStore;
class Database;
class GatewayMonitor;
class KeyStore;
class ModelStore;
class ProviderKeys;
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
    // Reads and stores provider keys (keychain or env:NAME). Null: the
    // console accepts only env:NAME references and cannot test stored keys.
    ProviderKeys *providerKeys = nullptr;

    // The first gateway key, shown once on the welcome page. Empty after the first run.
    QString firstRunKey;

    // ADDR:PORT the gateway listens on: the running one's (it may differ from
    // the stored setting, e.g. with --listen), else the stored setting.
    QString gatewayAddress() const;
};
