#include "core/net/HttpClient.h"
#include "core/storage/KeyStore.h"
#include "support/FakeUpstream.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {}; // every line must be one object
        objects.append(doc.object());
    }
    return objects;
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

} // namespace

// Drives the real tollgate binary. The event loop keeps running while a child
// runs, so an in-process FakeUpstream can answer its discovery calls.
class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void version();
    void usageErrors_data();
    void usageErrors();
    void firstRunPrintsDefaultKeyOnce();
    void keysCreateListRevoke();
    void providersListJson();
    void brokenConfigExitsTwo_data();
    void brokenConfigExitsTwo();
    void configIgnoredOnSecondStart();
    void syncThenModelsList();
    void headlessStopsOnSigterm();
    void pricesShowsPriceAndSource();
    void routesJsonShowsTheRunningGatewaysState();

private:
    Run tollgate(const QStringList &args, const QProcessEnvironment &extraEnv = {});
    QStringList withDataDir(const QStringList &args) const;
    QString writeConfig(const QByteArray &yaml);

    QTemporaryDir *m_dir = nullptr;
};

void TestCli::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
}

void TestCli::cleanup()
{
    delete m_dir;
}

QStringList TestCli::withDataDir(const QStringList &args) const
{
    return QStringList{QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("data"))} + args;
}

QString TestCli::writeConfig(const QByteArray &yaml)
{
    const QString path = m_dir->filePath(QStringLiteral("config.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(yaml);
    return path;
}

Run TestCli::tollgate(const QStringList &args, const QProcessEnvironment &extraEnv)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TOLLGATE_CONFIG"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    for (const QString &key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    process.setProcessEnvironment(env);
    process.start(TestSupport::tollgateBinary(), args);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

void TestCli::version()
{
    const Run run = tollgate({QStringLiteral("--version")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed(), QByteArray("tollgate " TOLLGATE_VERSION));
    const Run help = tollgate({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("keys create --name N"));
    QVERIFY(help.out.contains("--data-dir"));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << "unknown command";
    QTest::newRow("unknown verb") << QStringList{QStringLiteral("keys"), QStringLiteral("lisst")} << "unknown command";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << "bogus";
    QTest::newRow("listen garbage") << QStringList{QStringLiteral("--headless"), QStringLiteral("--listen"),
                                                   QStringLiteral("nonsense")}
                                    << "--listen";
    QTest::newRow("listen bad port") << QStringList{QStringLiteral("--headless"), QStringLiteral("--listen"),
                                                    QStringLiteral("127.0.0.1:70000")}
                                     << "--listen";
    QTest::newRow("listen no port") << QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1")}
                                    << "--listen";
    QTest::newRow("create without name") << QStringList{QStringLiteral("keys"), QStringLiteral("create")} << "--name";
    QTest::newRow("bad rpm") << QStringList{QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"),
                                            QStringLiteral("x"),    QStringLiteral("--rpm"),  QStringLiteral("many")}
                             << "--rpm";
    QTest::newRow("bad expiry") << QStringList{QStringLiteral("keys"),      QStringLiteral("create"),
                                               QStringLiteral("--name"),    QStringLiteral("x"),
                                               QStringLiteral("--expires"), QStringLiteral("tomorrow")}
                                << "--expires";
    QTest::newRow("option for other command")
        << QStringList{QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--rpm"), QStringLiteral("5")}
        << "--rpm";
    QTest::newRow("revoke without name") << QStringList{QStringLiteral("keys"), QStringLiteral("revoke")} << "revoke";
    QTest::newRow("headless with command")
        << QStringList{QStringLiteral("--headless"), QStringLiteral("keys"), QStringLiteral("list")} << "--headless";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run run = tollgate(withDataDir(args));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(mentions.toUtf8()), run.err.constData());
    // Usage errors stop before the data directory is touched.
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("data/tollgate.db"))));
}

void TestCli::firstRunPrintsDefaultKeyOnce()
{
    const Run first = tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(first.exitCode, 0);
    QVERIFY2(first.err.contains("default: tg-"), first.err.constData());
    QVERIFY(first.err.contains("it will not be shown again"));
    const QList<QJsonObject> keys = jsonLines(first.out);
    QCOMPARE(keys.size(), 1);
    QCOMPARE(keys.first().value(QStringLiteral("name")).toString(), QStringLiteral("default"));

    // The printed key is the one whose hash is stored.
    const int at = int(first.err.indexOf("default: ")) + 9;
    const QByteArray secret = first.err.mid(at, first.err.indexOf('\n', at) - at).trimmed();
    QVERIFY(secret.startsWith("tg-"));
    QVERIFY(secret.startsWith(keys.first().value(QStringLiteral("prefix")).toString().toLatin1()));

    const Run second = tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("list")}));
    QCOMPARE(second.exitCode, 0);
    QVERIFY(!second.err.contains("tg-"));
    QVERIFY(!second.out.contains(secret));
}

void TestCli::keysCreateListRevoke()
{
    const Run created = tollgate(
        withDataDir({QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("ci"),
                     QStringLiteral("--models"), QStringLiteral("fast,slow"), QStringLiteral("--rpm"),
                     QStringLiteral("60"), QStringLiteral("--budget-usd"), QStringLiteral("12.5"),
                     QStringLiteral("--expires"), QStringLiteral("2031-01-01T00:00:00Z"), QStringLiteral("--json")}));
    QCOMPARE(created.exitCode, 0);
    const QList<QJsonObject> createdLines = jsonLines(created.out);
    QCOMPARE(createdLines.size(), 1);
    const QString secret = createdLines.first().value(QStringLiteral("key")).toString();
    QVERIFY(secret.startsWith(QStringLiteral("tg-")));
    QVERIFY(secret.size() >= 3 + 32); // at least 192 random bits, base64

    const Run human = tollgate(withDataDir(
        {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("human")}));
    QCOMPARE(human.exitCode, 0);
    QCOMPARE(human.out.count("tg-"), 1);
    QVERIFY(human.out.contains("will not be shown again"));

    const Run duplicate = tollgate(withDataDir(
        {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"), QStringLiteral("ci")}));
    QCOMPARE(duplicate.exitCode, 1);
    QVERIFY(duplicate.err.contains("already exists"));

    const Run listed =
        tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(!listed.out.contains(secret.toLatin1()));
    const QList<QJsonObject> keys = jsonLines(listed.out);
    QCOMPARE(keys.size(), 3); // default, ci, human; the console's internal key stays hidden
    const QSet<QString> expectedFields = {
        QStringLiteral("name"),       QStringLiteral("prefix"),     QStringLiteral("models"),
        QStringLiteral("rpm"),        QStringLiteral("budget_usd"), QStringLiteral("expires"),
        QStringLiteral("created"),    QStringLiteral("last_used"),  QStringLiteral("revoked"),
        QStringLiteral("revoked_at"), QStringLiteral("requests")};
    QJsonObject ci;
    for (const QJsonObject &k : keys) {
        QCOMPARE(keysOf(k), expectedFields);
        QVERIFY(k.value(QStringLiteral("name")).toString() != QStringLiteral("tollgate-console"));
        if (k.value(QStringLiteral("name")).toString() == QStringLiteral("ci"))
            ci = k;
    }
    QCOMPARE(ci.value(QStringLiteral("models")).toArray(),
             (QJsonArray{QStringLiteral("fast"), QStringLiteral("slow")}));
    QCOMPARE(ci.value(QStringLiteral("rpm")).toInt(), 60);
    QCOMPARE(ci.value(QStringLiteral("budget_usd")).toDouble(), 12.5);
    QVERIFY(ci.value(QStringLiteral("expires")).toString().startsWith(QStringLiteral("2031-01-01")));
    QVERIFY(ci.value(QStringLiteral("last_used")).isNull());
    QCOMPARE(ci.value(QStringLiteral("revoked")).toBool(), false);
    QVERIFY(secret.startsWith(ci.value(QStringLiteral("prefix")).toString()));

    // Only the hash reaches the database.
    QByteArray bytes;
    const QDir data(m_dir->filePath(QStringLiteral("data")));
    for (const QString &name : data.entryList({QStringLiteral("tollgate.db*")}, QDir::Files)) {
        QFile file(data.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes += file.readAll();
    }
    QVERIFY(bytes.contains(KeyStore::hashSecret(secret).toLatin1()));
    QVERIFY(!bytes.contains(secret.toLatin1()));

    const Run revoked = tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("revoke"), QStringLiteral("ci")}));
    QCOMPARE(revoked.exitCode, 0);
    const Run again = tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("revoke"), QStringLiteral("ci")}));
    QCOMPARE(again.exitCode, 1);
    const Run internal =
        tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("revoke"), QStringLiteral("tollgate-console")}));
    QCOMPARE(internal.exitCode, 1);
    const Run after = tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--json")}));
    for (const QJsonObject &k : jsonLines(after.out)) {
        const bool isCi = k.value(QStringLiteral("name")).toString() == QStringLiteral("ci");
        QCOMPARE(k.value(QStringLiteral("revoked")).toBool(), isCi);
    }
}

void TestCli::providersListJson()
{
    const Run run =
        tollgate(withDataDir({QStringLiteral("providers"), QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> providers = jsonLines(run.out);
    QCOMPARE(providers.size(), 1);
    const QJsonObject demo = providers.first();
    QCOMPARE(keysOf(demo), (QSet<QString>{QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("base_url"),
                                          QStringLiteral("status"), QStringLiteral("model_count"),
                                          QStringLiteral("last_sync"), QStringLiteral("last_error")}));
    QCOMPARE(demo.value(QStringLiteral("name")).toString(), QStringLiteral("demo"));
    QCOMPARE(demo.value(QStringLiteral("kind")).toString(), QStringLiteral("mock"));
    QCOMPARE(demo.value(QStringLiteral("base_url")).toString(), QStringLiteral("mock://demo"));
    QCOMPARE(demo.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QVERIFY(demo.value(QStringLiteral("last_sync")).isNull());

    const Run table = tollgate(withDataDir({QStringLiteral("providers"), QStringLiteral("list")}));
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.startsWith("NAME"));
    QVERIFY(table.out.contains("mock://demo"));
}

void TestCli::brokenConfigExitsTwo_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("where");
    QTest::addColumn<bool>("viaEnvironment");
    QTest::newRow("unknown kind") << "unknown-kind.yaml"
                                  << "unknown-kind.yaml:6: providers[1].kind: unknown kind" << false;
    QTest::newRow("env TOLLGATE_CONFIG") << "unknown-provider.yaml"
                                         << "unknown-provider.yaml:6: models[0].provider" << true;
    QTest::newRow("syntax") << "bad-syntax.yaml"
                            << "bad-syntax.yaml:5: invalid YAML" << false;
}

void TestCli::brokenConfigExitsTwo()
{
    QFETCH(QString, file);
    QFETCH(QString, where);
    QFETCH(bool, viaEnvironment);
    const QString path = QDir(TestSupport::testsDir()).filePath(QStringLiteral("data/config/") + file);
    QProcessEnvironment env;
    QStringList args{QStringLiteral("providers"), QStringLiteral("list"), QStringLiteral("--json")};
    if (viaEnvironment)
        env.insert(QStringLiteral("TOLLGATE_CONFIG"), path);
    else
        args = QStringList{QStringLiteral("--config"), path} + args;
    const Run run = tollgate(withDataDir(args), env);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(where.toUtf8()), run.err.constData());
    QVERIFY(run.out.isEmpty());

    // Nothing was written: the same data directory still starts from scratch.
    const Run fresh =
        tollgate(withDataDir({QStringLiteral("providers"), QStringLiteral("list"), QStringLiteral("--json")}));
    QCOMPARE(fresh.exitCode, 0);
    QCOMPARE(jsonLines(fresh.out).size(), 1);
    QVERIFY(fresh.out.contains("\"demo\""));
}

void TestCli::configIgnoredOnSecondStart()
{
    QVERIFY(tollgate(withDataDir({QStringLiteral("keys"), QStringLiteral("list")})).exitCode == 0);
    const QString good = QDir(TestSupport::testsDir()).filePath(QStringLiteral("data/config/good.yaml"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("TOLLGATE_TEST_CI_KEY"), QStringLiteral("tg-ci-known-key-0123456789abcdef"));
    const Run run = tollgate(
        withDataDir({QStringLiteral("--config"), good, QStringLiteral("providers"), QStringLiteral("list")}), env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("ignored"), run.err.constData());
    QVERIFY(!run.out.contains("openai-production"));
}

void TestCli::syncThenModelsList()
{
    FakeUpstream upstream;
    QVERIFY(upstream.listen());
    upstream.setModels({QStringLiteral("gpt-4o-mini"), QStringLiteral("text-embedding-3-small")});
    upstream.setRequiredKey(QStringLiteral("sk-fake-upstream-key"));
    const QString config = writeConfig(QStringLiteral("providers:\n"
                                                      "  - name: fake\n"
                                                      "    kind: openai\n"
                                                      "    base_url: %1\n"
                                                      "    api_key: env:TOLLGATE_TEST_FAKE_KEY\n"
                                                      "    sync_interval: 0\n"
                                                      "models:\n"
                                                      "  - alias: fast\n"
                                                      "    provider: fake\n"
                                                      "    model: gpt-4o-mini\n"
                                                      "  - alias: ghost\n"
                                                      "    provider: fake\n"
                                                      "    model: not-discovered\n"
                                                      "    category: embedding\n")
                                           .arg(upstream.baseUrl())
                                           .toUtf8());
    QVERIFY(!config.isEmpty());
    QProcessEnvironment env;
    env.insert(QStringLiteral("TOLLGATE_TEST_FAKE_KEY"), QStringLiteral("sk-fake-upstream-key"));

    // Before any sync only the aliases are known, both offline.
    const Run before = tollgate(withDataDir({QStringLiteral("--config"), config, QStringLiteral("models"),
                                             QStringLiteral("list"), QStringLiteral("--json")}),
                                env);
    QCOMPARE(before.exitCode, 0);
    QCOMPARE(jsonLines(before.out).size(), 2);

    const Run sync =
        tollgate(withDataDir({QStringLiteral("providers"), QStringLiteral("sync"), QStringLiteral("fake")}), env);
    QVERIFY2(sync.exitCode == 0, sync.err.constData());
    QVERIFY(sync.out.contains("fake"));
    QVERIFY(upstream.requestCount() >= 1);
    QCOMPARE(upstream.requests().constLast().header("authorization"), QByteArray("Bearer sk-fake-upstream-key"));

    const Run listed =
        tollgate(withDataDir({QStringLiteral("models"), QStringLiteral("list"), QStringLiteral("--json")}), env);
    QCOMPARE(listed.exitCode, 0);
    const QList<QJsonObject> rows = jsonLines(listed.out);
    QCOMPARE(rows.size(), 3);
    QHash<QString, QJsonObject> byId;
    for (const QJsonObject &row : rows) {
        QCOMPARE(keysOf(row),
                 (QSet<QString>{QStringLiteral("provider"), QStringLiteral("id"), QStringLiteral("status"),
                                QStringLiteral("alias"), QStringLiteral("category"), QStringLiteral("priced"),
                                QStringLiteral("price_source"), QStringLiteral("price")}));
        byId.insert(row.value(QStringLiteral("id")).toString(), row);
    }
    QCOMPARE(byId.value(QStringLiteral("gpt-4o-mini")).value(QStringLiteral("status")).toString(),
             QStringLiteral("online"));
    QCOMPARE(byId.value(QStringLiteral("gpt-4o-mini")).value(QStringLiteral("alias")).toString(),
             QStringLiteral("fast"));
    QCOMPARE(byId.value(QStringLiteral("gpt-4o-mini")).value(QStringLiteral("provider")).toString(),
             QStringLiteral("fake"));
    const QJsonObject embedding = byId.value(QStringLiteral("text-embedding-3-small"));
    QCOMPARE(embedding.value(QStringLiteral("status")).toString(), QStringLiteral("online"));
    QVERIFY(embedding.value(QStringLiteral("alias")).isNull());
    QCOMPARE(embedding.value(QStringLiteral("category")).toString(), QStringLiteral("embedding"));
    const QJsonObject ghost = byId.value(QStringLiteral("not-discovered"));
    QCOMPARE(ghost.value(QStringLiteral("alias")).toString(), QStringLiteral("ghost"));
    QCOMPARE(ghost.value(QStringLiteral("status")).toString(), QStringLiteral("offline"));
    // An alias without a pricing: block is priced from the bundled table; an unknown model is not.
    const QJsonObject mini = byId.value(QStringLiteral("gpt-4o-mini"));
    QCOMPARE(mini.value(QStringLiteral("priced")).toBool(), true);
    QCOMPARE(mini.value(QStringLiteral("price_source")).toString(), QStringLiteral("bundled 2026-08-21"));
    QCOMPARE(mini.value(QStringLiteral("price")).toObject().value(QStringLiteral("input")).toDouble(), 0.15);
    QCOMPARE(ghost.value(QStringLiteral("priced")).toBool(), false);
    QVERIFY(ghost.value(QStringLiteral("price_source")).isNull());

    const Run providers =
        tollgate(withDataDir({QStringLiteral("providers"), QStringLiteral("list"), QStringLiteral("--json")}));
    const QList<QJsonObject> providerRows = jsonLines(providers.out);
    QCOMPARE(providerRows.size(), 1);
    QCOMPARE(providerRows.first().value(QStringLiteral("model_count")).toInt(), 2);
    QVERIFY(!providerRows.first().value(QStringLiteral("last_sync")).isNull());

    // A failing upstream: exit 1 and the provider's error is reported.
    upstream.setMode(FakeUpstream::Unauthorized);
    const Run failed = tollgate(withDataDir({QStringLiteral("providers"), QStringLiteral("sync")}), env);
    QCOMPARE(failed.exitCode, 1);
    QVERIFY(failed.out.contains("failed"));
    QVERIFY(!failed.out.contains("sk-fake-upstream-key"));
    QVERIFY(!failed.err.contains("sk-fake-upstream-key"));

    const Run unknown =
        tollgate(withDataDir({QStringLiteral("providers"), QStringLiteral("sync"), QStringLiteral("nope")}));
    QCOMPARE(unknown.exitCode, 2);
}

void TestCli::headlessStopsOnSigterm()
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TOLLGATE_CONFIG"));
    process.setProcessEnvironment(env);
    QByteArray err;
    connect(&process, &QProcess::readyReadStandardError, this, [&] { err += process.readAllStandardError(); });
    process.start(TestSupport::tollgateBinary(), withDataDir({QStringLiteral("--headless"), QStringLiteral("--listen"),
                                                              QStringLiteral("127.0.0.1:47999")}));
    QVERIFY(process.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(err.contains("ready") || process.state() == QProcess::NotRunning, 30000);
    QVERIFY2(err.contains("ready"), err.constData());
    QVERIFY(err.contains("default: tg-")); // first start prints the key once
    QVERIFY(err.contains("it will not be shown again"));
    process.terminate(); // SIGTERM
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20000);
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(err.contains("stopped cleanly"), err.constData());

    // Second start: no key printed again.
    err.clear();
    process.start(TestSupport::tollgateBinary(), withDataDir({QStringLiteral("--headless")}));
    QVERIFY(process.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(err.contains("ready") || process.state() == QProcess::NotRunning, 30000);
    QVERIFY2(err.contains("ready"), err.constData());
    QVERIFY(!err.contains("tg-"));
    ::kill(pid_t(process.processId()), SIGINT);
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20000);
    QCOMPARE(process.exitCode(), 0);
}

void TestCli::pricesShowsPriceAndSource()
{
    const QString config = writeConfig("providers:\n"
                                       "  - name: anth\n"
                                       "    kind: anthropic\n"
                                       "    base_url: http://127.0.0.1:9/v1\n"
                                       "    api_key: env:TOLLGATE_TEST_UNUSED\n"
                                       "    sync_interval: 0\n"
                                       "models:\n"
                                       "  - alias: cheap\n"
                                       "    provider: anth\n"
                                       "    model: claude-sonnet-4-5-20250929\n"
                                       "    pricing: { input: 2, output: 10, cached_input: 0 }\n");
    QVERIFY(!config.isEmpty());
    const Run overridden = tollgate(withDataDir({QStringLiteral("--config"), config, QStringLiteral("prices"),
                                                 QStringLiteral("cheap"), QStringLiteral("--json")}));
    QVERIFY2(overridden.exitCode == 0, overridden.err.constData());
    const QList<QJsonObject> rows = jsonLines(overridden.out);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(QStringLiteral("price_source")).toString(), QStringLiteral("override"));
    QCOMPARE(rows.first().value(QStringLiteral("input")).toDouble(), 2.0);
    QCOMPARE(rows.first().value(QStringLiteral("cache_read")).toDouble(), 0.0);
    QCOMPARE(rows.first().value(QStringLiteral("cache_write")).toDouble(), 3.75); // the override names none

    // A dated id nobody configured: the table's price under the source's name.
    const Run bundled = tollgate(withDataDir(
        {QStringLiteral("prices"), QStringLiteral("claude-sonnet-4-5-20991231"), QStringLiteral("--json")}));
    QVERIFY2(bundled.exitCode == 0, bundled.err.constData());
    const QList<QJsonObject> table = jsonLines(bundled.out);
    QCOMPARE(table.size(), 1);
    const QJsonObject sonnet = table.first();
    QCOMPARE(sonnet.value(QStringLiteral("provider")).toString(), QStringLiteral("anthropic"));
    QCOMPARE(sonnet.value(QStringLiteral("matched_id")).toString(), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(sonnet.value(QStringLiteral("price_source")).toString(), QStringLiteral("bundled 2026-08-21"));
    QCOMPARE(sonnet.value(QStringLiteral("input")).toDouble(), 3.0);
    QCOMPARE(sonnet.value(QStringLiteral("cache_read")).toDouble(), 0.3);
    QCOMPARE(sonnet.value(QStringLiteral("cache_write")).toDouble(), 3.75);
    QCOMPARE(sonnet.value(QStringLiteral("cache_write_1h")).toDouble(), 6.0);

    const Run text = tollgate(withDataDir({QStringLiteral("prices")}));
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("f654307ec968"));
    QVERIFY(text.out.contains("claude-sonnet-4-5"));

    const Run unknown = tollgate(withDataDir({QStringLiteral("prices"), QStringLiteral("no-such-model")}));
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("no-such-model"));
}

void TestCli::routesJsonShowsTheRunningGatewaysState()
{
    FakeUpstream west;
    QVERIFY(west.listen());
    west.setRequiredKey(QStringLiteral("sk-fake-west-key-0001"));
    west.setRecording(true);
    QTcpServer probe; // two free ports: the gateway's, and one nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 deadPort = probe.serverPort();
    QTcpServer probe2;
    QVERIFY(probe2.listen(QHostAddress::LocalHost));
    const quint16 gatewayPort = probe2.serverPort();
    probe.close();
    probe2.close();
    const QString config =
        writeConfig(QStringLiteral("providers:\n"
                                   "  - { name: dead, kind: openai, base_url: \"http://127.0.0.1:%1/v1\", "
                                   "api_key: env:TOLLGATE_TEST_WEST_KEY, sync_interval: 0 }\n"
                                   "  - { name: west, kind: openai, base_url: \"%2\", "
                                   "api_key: env:TOLLGATE_TEST_WEST_KEY, sync_interval: 0 }\n"
                                   "models:\n"
                                   "  - alias: smart\n"
                                   "    strategy: ordered\n"
                                   "    targets:\n"
                                   "      - { provider: dead, model: d-model }\n"
                                   "      - { provider: west, model: w-model, weight: 2 }\n"
                                   "    retry: { attempts: 2, backoff_ms: 1 }\n"
                                   "keys:\n"
                                   "  - { name: routing, key: tg-routing-test-key-000001 }\n")
                        .arg(deadPort)
                        .arg(west.baseUrl())
                        .toUtf8());
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("TOLLGATE_CONFIG"));
    env.insert(QStringLiteral("TOLLGATE_TEST_WEST_KEY"), QStringLiteral("sk-fake-west-key-0001"));
    process.setProcessEnvironment(env);
    QByteArray err;
    connect(&process, &QProcess::readyReadStandardError, this, [&] { err += process.readAllStandardError(); });
    process.start(TestSupport::tollgateBinary(),
                  withDataDir({QStringLiteral("--headless"), QStringLiteral("--config"), config,
                               QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(gatewayPort)}));
    QVERIFY(process.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(err.contains("ready") || process.state() == QProcess::NotRunning, 30000);
    QVERIFY2(err.contains("ready"), err.constData());
    const QString key = QStringLiteral("tg-routing-test-key-000001");

    HttpClient http;
    for (int i = 0; i < 5; ++i) {
        HttpRequest request;
        request.method = "POST";
        request.url = QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(gatewayPort).toUtf8();
        request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + key.toUtf8()}};
        request.body = R"({"model":"smart","messages":[{"role":"user","content":"hi"}]})";
        int status = 0;
        bool done = false;
        HttpClient::Handler handler;
        handler.onHead = [&](const HttpResponseHead &head) { status = head.status; };
        handler.onDone = [&](const HttpResult &) { done = true; };
        http.start(request, std::move(handler));
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(status, 200);
    }
    // Five connect failures opened the dead target's breaker; the gateway
    // publishes that within a second, and `routes` reads it from another process.
    QJsonObject dead;
    QJsonObject served;
    const auto readRoutes = [&] {
        const Run run = tollgate(withDataDir({QStringLiteral("routes"), QStringLiteral("--json")}));
        for (const QJsonObject &row : jsonLines(run.out)) {
            if (row.value(QLatin1String("provider")).toString() == QLatin1String("dead"))
                dead = row;
            else
                served = row;
        }
        return dead.value(QLatin1String("state")).toString() == QLatin1String("open");
    };
    QTRY_VERIFY_WITH_TIMEOUT(readRoutes(), 10000);
    QCOMPARE(dead.value(QLatin1String("alias")).toString(), QStringLiteral("smart"));
    QCOMPARE(dead.value(QLatin1String("model")).toString(), QStringLiteral("d-model"));
    QVERIFY(!dead.value(QLatin1String("cooldown_until")).toString().isEmpty());
    QVERIFY(dead.value(QLatin1String("error_rate")).toDouble() > 0);
    QCOMPARE(served.value(QLatin1String("state")).toString(), QStringLiteral("healthy"));
    QCOMPARE(served.value(QLatin1String("weight")).toInt(), 2);
    QVERIFY(served.value(QLatin1String("ttfb_ms")).toDouble() > 0);
    QCOMPARE(served.value(QLatin1String("in_flight")).toInt(), 0);
    qsizetype chats = 0;
    for (const FakeUpstream::RecordedRequest &r : west.requests())
        chats += r.path.endsWith("/chat/completions") ? 1 : 0;
    QCOMPARE(chats, 5); // every request served by west, none lost

    process.terminate();
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20000);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
