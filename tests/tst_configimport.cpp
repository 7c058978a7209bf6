#include "core/config/ConfigParser.h"
#include "core/config/FirstRun.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

QString fixture(const QString &name)
{
    return QDir(TestSupport::testsDir()).filePath(QStringLiteral("data/config/") + name);
}

const char kLiteralKey[] = "sk-literal-goes-to-keychain-7f3a9";
const char kCiKey[] = "tg-ci-known-key-0123456789abcdef";

} // namespace

class TestConfigImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void goodFileImports();
    void secondStartIgnoresConfig();
    void defaultsWithoutConfig();
    void brokenFiles_data();
    void brokenFiles();
    void missingFile();
    void durations_data();
    void durations();

private:
    FirstRun::Outcome runFirstRun(const QString &config);
    QByteArray databaseBytes();

    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ProviderStore> m_providers;
    std::unique_ptr<AliasStore> m_aliases;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<KeychainSecretStore> m_secrets;
    std::unique_ptr<ProviderKeys> m_providerKeys;
};

void TestConfigImport::initTestCase()
{
    qputenv("TOLLGATE_TEST_CI_KEY", kCiKey);
}

void TestConfigImport::init()
{
    m_dir = new QTemporaryDir;
    m_db = std::make_unique<Database>(m_dir->filePath(QStringLiteral("tollgate.db")));
    QVERIFY(m_db->open(nullptr));
    m_settings = std::make_unique<Settings>(*m_db);
    m_providers = std::make_unique<ProviderStore>(*m_db);
    m_aliases = std::make_unique<AliasStore>(*m_db);
    m_keys = std::make_unique<KeyStore>(*m_db);
    m_secrets = std::make_unique<KeychainSecretStore>();
    m_providerKeys = std::make_unique<ProviderKeys>(*m_secrets);
}

void TestConfigImport::cleanup()
{
    m_providerKeys.reset();
    m_secrets.reset();
    m_keys.reset();
    m_aliases.reset();
    m_providers.reset();
    m_settings.reset();
    m_db.reset();
    delete m_dir;
}

FirstRun::Outcome TestConfigImport::runFirstRun(const QString &config)
{
    FirstRun firstRun(Stores{*m_db, *m_settings, *m_providers, *m_aliases, *m_keys, *m_providerKeys});
    bool finished = false;
    FirstRun::Outcome outcome;
    firstRun.run(config, [&](const FirstRun::Outcome &o) {
        outcome = o;
        finished = true;
    });
    if (!QTest::qWaitFor([&] { return finished; }, 20000)) {
        outcome.ok = false;
        outcome.error = QStringLiteral("first run did not finish");
    }
    return outcome;
}

QByteArray TestConfigImport::databaseBytes()
{
    m_db->closeThreadConnection();
    QByteArray bytes;
    const QStringList files = QDir(m_dir->path()).entryList({QStringLiteral("tollgate.db*")}, QDir::Files);
    for (const QString &name : files) {
        QFile file(m_dir->filePath(name));
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

void TestConfigImport::goodFileImports()
{
    const FirstRun::Outcome outcome = runFirstRun(fixture(QStringLiteral("good.yaml")));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(outcome.performed);
    QVERIFY(outcome.configImported);
    QCOMPARE(outcome.newKeys.size(), 1); // only "team" had no key
    QCOMPARE(outcome.newKeys.first().name, QStringLiteral("team"));
    QVERIFY(outcome.newKeys.first().secret.startsWith(QStringLiteral("tg-")));

    QCOMPARE(m_settings->listenAddress(), QStringLiteral("127.0.0.1:4343"));
    QCOMPARE(m_settings->requireKeys(), false);
    QVERIFY(m_settings->value(Settings::FirstRunDone).toBool());

    // Providers
    QCOMPARE(m_providers->list().size(), 3);
    QVERIFY(!m_providers->findByName(FirstRun::demoProviderName())); // a config replaces the demo
    const auto openai = m_providers->findByName(QStringLiteral("openai-production"));
    QVERIFY(openai);
    QCOMPARE(openai->kind, QStringLiteral("openai"));
    QCOMPARE(openai->baseUrl, QStringLiteral("http://127.0.0.1:9/v1"));
    QCOMPARE(openai->keyRef, QStringLiteral("env:TOLLGATE_TEST_OPENAI_KEY"));
    QCOMPARE(openai->syncIntervalSec, 300);
    QVERIFY(openai->exposeAll);
    QVERIFY(openai->enabled);
    QCOMPARE(openai->options.value(QStringLiteral("organization")).toString(), QStringLiteral("org-tollgate-test"));
    QCOMPARE(openai->options.value(QStringLiteral("project")).toString(), QStringLiteral("proj_tollgate_test"));
    const auto vllm = m_providers->findByName(QStringLiteral("local-vllm"));
    QVERIFY(vllm);
    QCOMPARE(vllm->keyRef, ProviderKeys::keychainRef());
    QCOMPARE(vllm->syncIntervalSec, 0);
    QVERIFY(!vllm->exposeAll);
    QVERIFY(!vllm->enabled);
    const auto azure = m_providers->findByName(QStringLiteral("azure-east"));
    QVERIFY(azure);
    QCOMPARE(azure->keyRef, QString());
    QCOMPARE(azure->syncIntervalSec, 90);
    QCOMPARE(azure->options.value(QStringLiteral("api_version")).toString(), QStringLiteral("2024-10-21"));

    // Aliases with pricing and defaults
    const auto fast = m_aliases->find(QStringLiteral("fast"));
    QVERIFY(fast);
    QCOMPARE(fast->providerId, openai->id);
    QCOMPARE(fast->modelId, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(fast->category, QStringLiteral("chat"));
    QCOMPARE(fast->pricing.input, 0.15);
    QCOMPARE(fast->pricing.output, 0.60);
    QCOMPARE(fast->pricing.cachedInput, 0.075);
    QCOMPARE(fast->defaults.value(QStringLiteral("temperature")).toDouble(), 0.2);
    QCOMPARE(fast->defaults.value(QStringLiteral("max_tokens")).toInt(), 1024);
    QVERIFY(fast->defaults.value(QStringLiteral("user")).isString()); // quoted "42" stays text
    QCOMPARE(fast->defaults.value(QStringLiteral("stop")).toArray().first().toString(), QStringLiteral("\n\n"));
    QVERIFY(fast->active);
    const auto embed = m_aliases->find(QStringLiteral("embed"));
    QVERIFY(embed);
    QCOMPARE(embed->providerId, vllm->id);
    QCOMPARE(embed->category, QStringLiteral("embedding"));
    QVERIFY(!embed->active);

    // Keys: hashed, the env: one with exactly the known secret
    const auto ci = m_keys->findByName(QStringLiteral("ci"));
    QVERIFY(ci);
    QCOMPARE(ci->hash, KeyStore::hashSecret(QString::fromLatin1(kCiKey)));
    QCOMPARE(ci->models, QStringList{QStringLiteral("fast")});
    QCOMPARE(ci->rpm, 60);
    QCOMPARE(ci->budgetUsd, 12.5);
    QVERIFY(ci->expiresAt.startsWith(QStringLiteral("2031-01-01")));
    const auto team = m_keys->findByName(QStringLiteral("team"));
    QVERIFY(team);
    QCOMPARE(team->hash, KeyStore::hashSecret(outcome.newKeys.first().secret));
    QVERIFY(team->models.isEmpty());

    // The console's own key
    const QString consoleKey = m_settings->value(Settings::ConsoleKey).toString();
    QVERIFY(consoleKey.startsWith(QStringLiteral("tg-")));
    const auto console = m_keys->findByName(FirstRun::consoleKeyName());
    QVERIFY(console);
    QVERIFY(console->internal);
    QCOMPARE(console->hash, KeyStore::hashSecret(consoleKey));

    // The literal provider key is in the keychain, not in SQLite.
    bool finished = false;
    std::optional<QString> stored;
    m_secrets->read(ProviderKeys::secretKeyFor(vllm->id), this, [&](std::optional<QString> s, const QString &) {
        stored = s;
        finished = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 15000));
    QCOMPARE(stored.value_or(QString()), QString::fromLatin1(kLiteralKey));
    QCOMPARE(m_providerKeys->cached(*vllm).value_or(QString()), QString::fromLatin1(kLiteralKey));
    const QByteArray bytes = databaseBytes();
    QVERIFY(bytes.contains("local-vllm"));
    QVERIFY(!bytes.contains(kLiteralKey));
    QVERIFY(!bytes.contains(kCiKey));
    QVERIFY(!bytes.contains(outcome.newKeys.first().secret.toLatin1()));
}

void TestConfigImport::secondStartIgnoresConfig()
{
    FirstRun::Outcome first = runFirstRun(QString());
    QVERIFY2(first.ok, qPrintable(first.error));
    const int providersBefore = int(m_providers->list().size());

    FirstRun::Outcome second = runFirstRun(fixture(QStringLiteral("good.yaml")));
    QVERIFY(second.ok);
    QVERIFY(second.configIgnored);
    QVERIFY(!second.performed);
    QVERIFY(second.newKeys.isEmpty());
    QCOMPARE(m_providers->list().size(), providersBefore);
    QVERIFY(!m_providers->findByName(QStringLiteral("openai-production")));
}

void TestConfigImport::defaultsWithoutConfig()
{
    const FirstRun::Outcome outcome = runFirstRun(QString());
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QVERIFY(outcome.performed);
    QVERIFY(!outcome.configImported);
    const auto demo = m_providers->findByName(QStringLiteral("demo"));
    QVERIFY(demo);
    QCOMPARE(demo->kind, QStringLiteral("mock"));
    QCOMPARE(demo->baseUrl, QStringLiteral("mock://demo"));
    QVERIFY(demo->exposeAll);
    QCOMPARE(demo->keyRef, QString());
    QCOMPARE(outcome.newKeys.size(), 1);
    QCOMPARE(outcome.newKeys.first().name, QStringLiteral("default"));
    const auto key = m_keys->findByName(QStringLiteral("default"));
    QVERIFY(key);
    QCOMPARE(key->hash, KeyStore::hashSecret(outcome.newKeys.first().secret));
    QCOMPARE(m_keys->list().size(), 1); // the console key is internal
    QCOMPARE(m_keys->list(true).size(), 2);
    QVERIFY(!m_settings->value(Settings::ConsoleKey).toString().isEmpty());

    // Only once: the next start creates nothing.
    const FirstRun::Outcome again = runFirstRun(QString());
    QVERIFY(again.ok);
    QVERIFY(!again.performed);
    QVERIFY(again.newKeys.isEmpty());
    QCOMPARE(m_keys->list(true).size(), 2);
}

void TestConfigImport::brokenFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("where"); // "file:line: field"
    QTest::addColumn<QString>("what");
    QTest::newRow("yaml syntax") << "bad-syntax.yaml"
                                 << "bad-syntax.yaml:5:"
                                 << "invalid YAML";
    QTest::newRow("unknown kind") << "unknown-kind.yaml"
                                  << "unknown-kind.yaml:6: providers[1].kind:"
                                  << "unknown kind \"opena\" (expected openai, anthropic, gemini, azure, mock)";
    QTest::newRow("missing name") << "missing-name.yaml"
                                  << "missing-name.yaml:4: providers[1].name:"
                                  << "missing required field";
    QTest::newRow("wrong type") << "wrong-type.yaml"
                                << "wrong-type.yaml:4: providers[0].expose_all:"
                                << "expected true or false";
    QTest::newRow("unknown provider") << "unknown-provider.yaml"
                                      << "unknown-provider.yaml:6: models[0].provider:"
                                      << "unknown provider \"imaginary\"";
    QTest::newRow("duplicate provider") << "duplicate-provider.yaml"
                                        << "duplicate-provider.yaml:6: providers[2].name:"
                                        << "duplicate provider \"twin\" (first defined on line 2)";
    QTest::newRow("bad duration") << "bad-duration.yaml"
                                  << "bad-duration.yaml:4: providers[0].sync_interval:"
                                  << "bad duration \"5 fortnights\"";
    QTest::newRow("pricing type") << "wrong-pricing-type.yaml"
                                  << "wrong-pricing-type.yaml:8: models[0].pricing.input:"
                                  << "expected a number";
    QTest::newRow("organization on anthropic") << "organization-wrong-kind.yaml"
                                               << "organization-wrong-kind.yaml:5: providers[0].organization:"
                                               << "only used by kind openai";
}

void TestConfigImport::brokenFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, where);
    QFETCH(QString, what);
    const FirstRun::Outcome outcome = runFirstRun(fixture(file));
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.configError);
    QVERIFY2(outcome.error.contains(where), qPrintable(outcome.error));
    QVERIFY2(outcome.error.contains(what), qPrintable(outcome.error));

    // One transaction: nothing was written, so fixing the file and starting again works.
    QVERIFY(m_providers->list().isEmpty());
    QVERIFY(m_aliases->list().isEmpty());
    QVERIFY(m_keys->list(true).isEmpty());
    QCOMPARE(m_settings->value(Settings::FirstRunDone).toBool(), false);
    QCOMPARE(m_settings->value(Settings::ConsoleKey).toString(), QString());
}

void TestConfigImport::missingFile()
{
    const FirstRun::Outcome outcome = runFirstRun(m_dir->filePath(QStringLiteral("nope.yaml")));
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.configError);
    QVERIFY2(outcome.error.contains(QStringLiteral("nope.yaml")), qPrintable(outcome.error));
    QVERIFY(m_providers->list().isEmpty());
}

void TestConfigImport::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("seconds"); // -1: rejected
    QTest::newRow("seconds suffix") << "30s" << 30;
    QTest::newRow("minutes") << "5m" << 300;
    QTest::newRow("hours") << "2h" << 7200;
    QTest::newRow("zero") << "0" << 0;
    QTest::newRow("plain") << "45" << 45;
    QTest::newRow("negative") << "-5" << -1;
    QTest::newRow("unit only") << "m" << -1;
    QTest::newRow("days") << "1d" << -1;
    QTest::newRow("words") << "soon" << -1;
}

void TestConfigImport::durations()
{
    QFETCH(QString, text);
    QFETCH(int, seconds);
    const auto parsed = ConfigParser::parseDuration(text);
    QCOMPARE(parsed.value_or(-1), seconds);
}

QTEST_GUILESS_MAIN(TestConfigImport)
#include "tst_configimport.moc"
