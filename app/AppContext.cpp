#include "app/AppContext.h"

#include "app/ExitCode.h"
#include "core/gateway/GatewayMonitor.h"
#include "core/net/HttpClient.h"
#include "core/providers/SyncService.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"
#include "server/Gateway.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTextStream>

AppContext::AppContext(const AppPaths &paths)
    : m_paths(paths)
    , m_monitor(std::make_unique<GatewayMonitor>())
{
}

AppContext::~AppContext()
{
    // Services first: they hold references to the stores and the database.
    m_gateway.reset();
    m_sync.reset();
    m_http.reset();
}

bool AppContext::waitFor(const std::function<bool()> &finished, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!finished()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

int AppContext::open(const QString &configPath, QString *error)
{
    if (!m_paths.ensureDataDir(error))
        return ExitCode::Failure;
    m_db = std::make_unique<Database>(m_paths.databasePath());
    if (!m_db->open(error))
        return ExitCode::Failure;
    m_settings = std::make_unique<Settings>(*m_db);
    m_providers = std::make_unique<ProviderStore>(*m_db);
    m_models = std::make_unique<ModelStore>(*m_db);
    m_aliases = std::make_unique<AliasStore>(*m_db);
    m_keys = std::make_unique<KeyStore>(*m_db);
    m_secrets = std::make_unique<KeychainSecretStore>();
    m_providerKeys = std::make_unique<ProviderKeys>(*m_secrets);

    FirstRun firstRun(Stores{*m_db, *m_settings, *m_providers, *m_aliases, *m_keys, *m_providerKeys});
    bool finished = false;
    FirstRun::Outcome outcome;
    firstRun.run(configPath, [&](const FirstRun::Outcome &o) {
        outcome = o;
        finished = true;
    });
    if (!waitFor([&] { return finished; }, 120000)) {
        if (error)
            *error = tr("The first start did not finish (the keychain did not answer).");
        return ExitCode::Failure;
    }
    if (!outcome.ok) {
        if (error)
            *error = outcome.error;
        return outcome.configError ? ExitCode::Usage : ExitCode::Failure;
    }
    m_newKeys = outcome.newKeys;
    announceKeys(outcome.newKeys);
    return ExitCode::Ok;
}

void AppContext::announceKeys(const QList<ConfigImporter::ShownKey> &keys) const
{
    if (keys.isEmpty())
        return;
    QTextStream err(stderr);
    err << tr("Tollgate created these gateway keys on its first start:") << '\n';
    for (const ConfigImporter::ShownKey &key : keys)
        err << "  " << key.name << ": " << key.secret << '\n';
    err << (keys.size() == 1 ? tr("Save this key, it will not be shown again.")
                             : tr("Save these keys, they will not be shown again."))
        << '\n';
    err.flush();
}

Gateway &AppContext::gateway()
{
    if (!m_gateway)
        m_gateway = std::make_unique<Gateway>(*m_db, m_providerKeys.get(), m_monitor.get());
    return *m_gateway;
}

HttpClient &AppContext::http()
{
    if (!m_http)
        m_http = std::make_unique<HttpClient>();
    return *m_http;
}

SyncService &AppContext::sync()
{
    if (!m_sync)
        m_sync = std::make_unique<SyncService>(*m_providers, *m_models, *m_providerKeys, http());
    return *m_sync;
}
