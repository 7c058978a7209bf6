#pragma once

#include "app/AppPaths.h"
#include "core/config/FirstRun.h"

#include <QCoreApplication>

#include <memory>

class AliasStore;
class Database;
class Gateway;
class GatewayMonitor;
class HttpClient;
class KeyStore;
class KeychainSecretStore;
class ModelStore;
class ProviderKeys;
class ProviderStore;
class Settings;
class SyncService;

// The composition root: owns the database, stores, secrets and services that
// every mode (console, headless, CLI commands) shares, and opens the data
// directory including the first-run import or defaults.
class AppContext final
{
    Q_DECLARE_TR_FUNCTIONS(AppContext)
public:
    explicit AppContext(const AppPaths &paths);
    ~AppContext();
    Q_DISABLE_COPY_MOVE(AppContext)

    // Opens DATA_DIR/tollgate.db and runs the first start (config import or
    // demo defaults) when needed; gateway keys created there are printed once
    // to stderr. Returns an ExitCode; on failure *error says why.
    int open(const QString &configPath, QString *error);

    const AppPaths &paths() const { return m_paths; }
    Database &database() { return *m_db; }
    Settings &settings() { return *m_settings; }
    ProviderStore &providers() { return *m_providers; }
    ModelStore &models() { return *m_models; }
    AliasStore &aliases() { return *m_aliases; }
    KeyStore &keys() { return *m_keys; }
    ProviderKeys &providerKeys() { return *m_providerKeys; }
    // Created on first use: plain CLI listings need no HTTP machinery.
    HttpClient &http();
    SyncService &sync();
    GatewayMonitor &monitor() { return *m_monitor; }
    // The embedded gateway (not started); created on first use.
    Gateway &gateway();
    // Keys created by this start (first run), for the console to show once.
    const QList<ConfigImporter::ShownKey> &newKeys() const { return m_newKeys; }

    // Runs the event loop until `finished` returns true or timeoutMs passed.
    static bool waitFor(const std::function<bool()> &finished, int timeoutMs);

private:
    void announceKeys(const QList<ConfigImporter::ShownKey> &keys) const;

    AppPaths m_paths;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ProviderStore> m_providers;
    std::unique_ptr<ModelStore> m_models;
    std::unique_ptr<AliasStore> m_aliases;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<KeychainSecretStore> m_secrets;
    std::unique_ptr<ProviderKeys> m_providerKeys;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<SyncService> m_sync;
    std::unique_ptr<GatewayMonitor> m_monitor;
    std::unique_ptr<Gateway> m_gateway;
    QList<ConfigImporter::ShownKey> m_newKeys;
};
