#include "core/config/ConfigParser.h"
#include "core/config/FirstRun.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// Runs with no session bus at all: what a headless server without a keychain sees.
class TestSecretStoreNoKeyring : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void saveFailsWithEnvHint();
    void readFailsReadably();
    void configImportFailsAndWritesNothing();
};

void TestSecretStoreNoKeyring::initTestCase()
{
    QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
}

void TestSecretStoreNoKeyring::saveFailsWithEnvHint()
{
    KeychainSecretStore store;
    ProviderKeys keys(store);
    bool finished = false;
    bool ok = true;
    QString error;
    keys.saveKey(1, QStringLiteral("sk-nokeyring-secret-1"), this, [&](bool success, const QString &e) {
        ok = success;
        error = e;
        finished = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 30000));
    QVERIFY(!ok);
    QCOMPARE(error, KeychainSecretStore::unreachableMessage());
    QVERIFY(error.contains(QStringLiteral("No keychain")));
    QVERIFY(error.contains(QStringLiteral("env:")));
    QVERIFY(!error.contains(QStringLiteral("sk-nokeyring-secret-1")));
    Provider p;
    p.id = 1;
    p.keyRef = ProviderKeys::keychainRef();
    QVERIFY(!keys.cached(p));
}

void TestSecretStoreNoKeyring::readFailsReadably()
{
    KeychainSecretStore store;
    bool finished = false;
    std::optional<QString> secret;
    QString error;
    store.read(QStringLiteral("provider/1"), this, [&](std::optional<QString> s, const QString &e) {
        secret = s;
        error = e;
        finished = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 30000));
    QVERIFY(!secret);
    QVERIFY2(error.contains(QStringLiteral("No keychain")), qPrintable(error));
}

void TestSecretStoreNoKeyring::configImportFailsAndWritesNothing()
{
    QTemporaryDir dir;
    const QString configPath = dir.filePath(QStringLiteral("literal.yaml"));
    QFile config(configPath);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("providers:\n"
                 "  - name: plain\n"
                 "    kind: openai\n"
                 "    base_url: http://127.0.0.1:9/v1\n"
                 "    api_key: sk-literal-must-not-land-anywhere\n"
                 "keys:\n"
                 "  - name: ci\n");
    config.close();

    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QVERIFY(db.open(nullptr));
    Settings settings(db);
    ProviderStore providers(db);
    AliasStore aliases(db);
    KeyStore keys(db);
    KeychainSecretStore store;
    ProviderKeys providerKeys(store);
    FirstRun firstRun(Stores{db, settings, providers, aliases, keys, providerKeys});
    bool finished = false;
    FirstRun::Outcome outcome;
    firstRun.run(configPath, [&](const FirstRun::Outcome &o) {
        outcome = o;
        finished = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 30000));
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.configError);
    QVERIFY2(outcome.error.contains(QStringLiteral("literal.yaml:2: providers[0].api_key: No keychain")),
             qPrintable(outcome.error));
    QVERIFY(!outcome.error.contains(QStringLiteral("sk-literal")));
    QVERIFY(providers.list().isEmpty());
    QVERIFY(keys.list(true).isEmpty());
    QCOMPARE(settings.value(Settings::FirstRunDone).toBool(), false);

    db.closeThreadConnection();
    QFile file(db.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("sk-literal-must-not-land-anywhere"));
}

QTEST_GUILESS_MAIN(TestSecretStoreNoKeyring)
#include "tst_secretstore_nokeyring.moc"
