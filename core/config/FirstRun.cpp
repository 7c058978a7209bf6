#include "core/config/FirstRun.h"

#include "core/config/ConfigParser.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"

#include <QLoggingCategory>
#include <QSqlDatabase>

Q_LOGGING_CATEGORY(lcFirstRun, "tollgate.firstrun")

FirstRun::FirstRun(const Stores &stores, QObject *parent)
    : QObject(parent)
    , m_stores(stores)
    , m_importer(stores)
{
}

bool FirstRun::isNeeded() const
{
    if (m_stores.settings.value(Settings::FirstRunDone).toBool())
        return false;
    // A database someone already filled (older version, manual edits) is not new.
    return m_stores.providers.list().isEmpty() && m_stores.keys.list(true).isEmpty();
}

bool FirstRun::createConsoleKey(QString *error)
{
    KeyStore::NewKey spec;
    spec.name = consoleKeyName();
    spec.internal = true;
    const QString secret = m_stores.keys.create(spec, error);
    if (secret.isEmpty())
        return false;
    // A gateway key for the console's own Playground traffic, not a provider key.
    if (!m_stores.settings.setValue(Settings::ConsoleKey, secret)
        || !m_stores.settings.setValue(Settings::FirstRunDone, true)) {
        if (error)
            *error = tr("Cannot store the first-run settings.");
        return false;
    }
    return true;
}

void FirstRun::run(const QString &configPath, std::function<void(const Outcome &)> done)
{
    if (!isNeeded()) {
        Outcome outcome;
        if (!m_stores.settings.value(Settings::FirstRunDone).toBool())
            m_stores.settings.setValue(Settings::FirstRunDone, true);
        if (!configPath.isEmpty()) {
            outcome.configIgnored = true;
            qCInfo(lcFirstRun).noquote() << "configuration file" << configPath
                                         << "ignored: the database already exists and is the source of truth";
        }
        done(outcome);
        return;
    }
    if (configPath.isEmpty()) {
        createDefaults(std::move(done));
        return;
    }

    ConfigParser parser;
    const auto doc = parser.parseFile(configPath);
    if (!doc) {
        Outcome outcome;
        outcome.ok = false;
        outcome.configError = true;
        outcome.error = parser.errorText();
        done(outcome);
        return;
    }
    m_importer.import(
        *doc, [this](QString *error) { return createConsoleKey(error); },
        [done](const ConfigImporter::Result &result) {
            Outcome outcome;
            outcome.ok = result.ok;
            outcome.configError = !result.ok;
            outcome.error = result.error;
            outcome.performed = result.ok;
            outcome.configImported = result.ok;
            outcome.newKeys = result.generatedKeys;
            done(outcome);
        });
}

void FirstRun::createDefaults(std::function<void(const Outcome &)> done)
{
    Outcome outcome;
    QSqlDatabase connection = m_stores.db.connection();
    const auto failWith = [&](const QString &error) {
        connection.rollback();
        outcome.ok = false;
        outcome.error = error;
        qCWarning(lcFirstRun).noquote() << "first run failed:" << error;
        done(outcome);
    };
    if (!connection.transaction()) {
        failWith(tr("Cannot start a database transaction."));
        return;
    }
    Provider demo;
    demo.name = demoProviderName();
    demo.kind = QStringLiteral("mock");
    demo.baseUrl = QStringLiteral("mock://demo");
    demo.exposeAll = true;
    QString error;
    if (!m_stores.providers.create(demo, &error)) {
        failWith(error);
        return;
    }
    KeyStore::NewKey spec;
    spec.name = defaultKeyName();
    const QString secret = m_stores.keys.create(spec, &error);
    if (secret.isEmpty() || !createConsoleKey(&error)) {
        failWith(error);
        return;
    }
    if (!connection.commit()) {
        failWith(tr("Cannot commit the first-run data."));
        return;
    }
    qCInfo(lcFirstRun) << "created the demo provider and the default gateway key";
    outcome.performed = true;
    outcome.newKeys.append({spec.name, secret});
    done(outcome);
}
