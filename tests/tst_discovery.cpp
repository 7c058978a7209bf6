#include "core/net/HttpClient.h"
#include "core/providers/SyncEvent.h"
#include "core/providers/SyncService.h"
#include "core/secrets/ProviderKeySource.h"
#include "core/storage/Database.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "support/FakeUpstream.h"
#include "support/TestClock.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

const QString kSecret = QStringLiteral("sk-test-SECRET-4f9a1c77e2b04d6aa1");

// Keys by reference, answered on the next event loop pass like a keychain.
class TestKeySource final : public ProviderKeySource
{
public:
    QHash<QString, QString> keys;

    void fetch(const Provider &provider, QObject *context,
               std::function<void(std::optional<QString>, const QString &)> done) override
    {
        const QString ref = provider.keyRef;
        const auto it = keys.constFind(ref);
        std::optional<QString> key;
        if (it != keys.constEnd())
            key = it.value();
        const QString error = key ? QString() : QStringLiteral("No key is stored for \"%1\".").arg(provider.name);
        QTimer::singleShot(0, context, [done, key, error] { done(key, error); });
    }

    std::optional<QString> cached(const Provider &provider) const override
    {
        const auto it = keys.constFind(provider.keyRef);
        if (it == keys.constEnd())
            return std::nullopt;
        return it.value();
    }
};

QStringList messages;
QtMessageHandler previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    messages.append(message);
    if (previousHandler)
        previousHandler(type, context, message);
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void startDiscoversModels();
    void removedModelsGoOfflineAndReturn();
    void failures_data();
    void failures();
    void unauthorizedKeepsModels();
    void connectionRefused();
    void timeout();
    void urlEditTakesEffectWithoutRecreate();
    void mockSyncsWithoutNetwork();
    void otherKindsUseTheirEndpoints_data();
    void otherKindsUseTheirEndpoints();
    void missingKey();
    void keylessOpenAiCompatible();
    void notStartedTwice();
    void periodicSync();
    void disabledAndDeletedProviders();
    void probe();
    void keyNeverLeaks();

private:
    qint64 addProvider(const QString &name, const QString &kind, const QString &baseUrl,
                       const QString &keyRef = QStringLiteral("env:TEST_KEY"), int interval = 0);
    // syncNow + wait; returns the syncFinished arguments.
    QList<QVariant> sync(qint64 id);
    QStringList modelStates(qint64 id) const; // "id:status"

    QTemporaryDir *m_dir = nullptr;
    Database *m_db = nullptr;
    ProviderStore *m_providers = nullptr;
    ModelStore *m_models = nullptr;
    TestKeySource *m_keys = nullptr;
    HttpClient *m_http = nullptr;
    SyncService *m_sync = nullptr;
    FakeUpstream *m_upstream = nullptr;
};

void TestDiscovery::initTestCase()
{
    previousHandler = qInstallMessageHandler(captureMessages);
    QLoggingCategory::setFilterRules(QStringLiteral("tollgate.*.debug=true"));
}

void TestDiscovery::cleanupTestCase()
{
    qInstallMessageHandler(previousHandler);
}

void TestDiscovery::init()
{
    m_dir = new QTemporaryDir;
    m_db = new Database(m_dir->filePath(QStringLiteral("tollgate.db")));
    QVERIFY(m_db->open(nullptr));
    m_providers = new ProviderStore(*m_db);
    m_models = new ModelStore(*m_db);
    m_keys = new TestKeySource;
    m_keys->keys.insert(QStringLiteral("env:TEST_KEY"), kSecret);
    m_http = new HttpClient;
    m_sync = new SyncService(*m_providers, *m_models, *m_keys, *m_http);
    m_sync->setRequestTimeouts(2000, 3000);
    m_upstream = new FakeUpstream;
    QVERIFY(m_upstream->listen());
    m_upstream->setModels({QStringLiteral("gpt-4o-mini"), QStringLiteral("text-embedding-3-small")});
    m_upstream->setRequiredKey(kSecret);
    messages.clear();
}

void TestDiscovery::cleanup()
{
    delete m_sync;
    delete m_http;
    delete m_upstream;
    delete m_keys;
    delete m_models;
    delete m_providers;
    delete m_db;
    delete m_dir;
}

qint64 TestDiscovery::addProvider(const QString &name, const QString &kind, const QString &baseUrl,
                                  const QString &keyRef, int interval)
{
    Provider p;
    p.name = name;
    p.kind = kind;
    p.baseUrl = baseUrl;
    p.keyRef = keyRef;
    p.syncIntervalSec = interval;
    QString error;
    if (!m_providers->create(p, &error))
        qWarning() << "create failed:" << error;
    return p.id;
}

QList<QVariant> TestDiscovery::sync(qint64 id)
{
    QSignalSpy spy(m_sync, &SyncService::syncFinished);
    m_sync->syncNow(id);
    for (int round = 0; round < 100; ++round) {
        for (const QList<QVariant> &args : std::as_const(spy)) {
            if (args.at(0).toLongLong() == id)
                return args;
        }
        spy.wait(100);
    }
    return {};
}

QStringList TestDiscovery::modelStates(qint64 id) const
{
    QStringList out;
    for (const ModelInfo &m : m_models->list(id))
        out.append(m.modelId + QLatin1Char(':') + m.status);
    return out;
}

void TestDiscovery::startDiscoversModels()
{
    const qint64 id = addProvider(QStringLiteral("local"), QStringLiteral("openai"), m_upstream->baseUrl());
    QSignalSpy started(m_sync, &SyncService::syncStarted);
    QSignalSpy finished(m_sync, &SyncService::syncFinished);
    m_sync->start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.first().at(0).toLongLong(), id);
    QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
    QCOMPARE(finished.first().at(3).toInt(), 2);
    QCOMPARE(modelStates(id),
             (QStringList{QStringLiteral("gpt-4o-mini:online"), QStringLiteral("text-embedding-3-small:online")}));
    const QList<ModelInfo> models = m_models->list(id);
    QCOMPARE(models.at(1).category, QStringLiteral("embedding"));
    QCOMPARE(models.at(0).ownedBy, QStringLiteral("fake-upstream"));

    const Provider p = *m_providers->find(id);
    QCOMPARE(p.status, QStringLiteral("active"));
    QVERIFY(p.lastError.isEmpty());
    QVERIFY(!p.lastSync.isEmpty());
    QCOMPARE(p.modelCount, 2);

    const FakeUpstream::RecordedRequest request = m_upstream->requests().first();
    QCOMPARE(request.path, QByteArray("/v1/models"));
    QCOMPARE(request.header("authorization"), "Bearer " + kSecret.toUtf8());

    const QList<SyncEvent> events = m_models->syncEvents(id);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().added, 2);
    QCOMPARE(events.first().removed, 0);
    QVERIFY(events.first().error.isEmpty());
}

void TestDiscovery::removedModelsGoOfflineAndReturn()
{
    const qint64 id = addProvider(QStringLiteral("local"), QStringLiteral("openai"), m_upstream->baseUrl());
    QVERIFY(sync(id).value(1).toBool());

    m_upstream->setModels({QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1")});
    QList<QVariant> result = sync(id);
    QVERIFY(result.value(1).toBool());
    QCOMPARE(result.value(3).toInt(), 1); // gpt-4.1
    QCOMPARE(result.value(4).toInt(), 1); // the embedding model
    QCOMPARE(modelStates(id), (QStringList{QStringLiteral("gpt-4.1:online"), QStringLiteral("gpt-4o-mini:online"),
                                           QStringLiteral("text-embedding-3-small:offline")}));
    QCOMPARE(m_providers->find(id)->modelCount, 2);

    m_upstream->setModels(
        {QStringLiteral("gpt-4o-mini"), QStringLiteral("gpt-4.1"), QStringLiteral("text-embedding-3-small")});
    result = sync(id);
    QCOMPARE(result.value(3).toInt(), 1);
    QCOMPARE(result.value(4).toInt(), 0);
    QCOMPARE(modelStates(id), (QStringList{QStringLiteral("gpt-4.1:online"), QStringLiteral("gpt-4o-mini:online"),
                                           QStringLiteral("text-embedding-3-small:online")}));

    const QList<SyncEvent> events = m_models->syncEvents(id);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(1).added, 1);
    QCOMPARE(events.at(1).removed, 1);
}

void TestDiscovery::failures_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("garbage") << int(FakeUpstream::Garbage)
                             << "The provider answered with something that is not JSON (text/html";
    QTest::newRow("malformed json") << int(FakeUpstream::MalformedJson) << "not valid JSON";
    QTest::newRow("wrong shape") << int(FakeUpstream::WrongShape) << "unexpected shape: no \"data\" list";
    QTest::newRow("server error") << int(FakeUpstream::ServerError)
                                  << "HTTP 500: The server had an error while processing your request.";
    QTest::newRow("rate limited") << int(FakeUpstream::RateLimited) << "HTTP 429, retry after 1 s";
    QTest::newRow("unauthorized") << int(FakeUpstream::Unauthorized) << "The provider rejected the API key (HTTP 401).";
    QTest::newRow("reset") << int(FakeUpstream::Reset) << "The connection to the provider failed.";
}

void TestDiscovery::failures()
{
    QFETCH(int, mode);
    QFETCH(QString, errorContains);
    const qint64 id = addProvider(QStringLiteral("local"), QStringLiteral("openai"), m_upstream->baseUrl());
    QVERIFY(sync(id).value(1).toBool());

    m_upstream->setMode(FakeUpstream::Mode(mode));
    const QList<QVariant> result = sync(id);
    QCOMPARE(result.value(1).toBool(), false);
    const QString error = result.value(2).toString();
    QVERIFY2(error.contains(errorContains), qPrintable(error));

    const Provider p = *m_providers->find(id);
    QCOMPARE(p.status, QStringLiteral("errored"));
    QCOMPARE(p.lastError, error);
    // Models are never wiped by a failed sync.
    QCOMPARE(modelStates(id),
             (QStringList{QStringLiteral("gpt-4o-mini:online"), QStringLiteral("text-embedding-3-small:online")}));
    const QList<SyncEvent> events = m_models->syncEvents(id);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.first().error, error);
    QCOMPARE(events.first().added, 0);
    QCOMPARE(events.first().removed, 0);

    // Recovery clears the error.
    m_upstream->setMode(FakeUpstream::Normal);
    QVERIFY(sync(id).value(1).toBool());
    QCOMPARE(m_providers->find(id)->status, QStringLiteral("active"));
    QVERIFY(m_providers->find(id)->lastError.isEmpty());
}

void TestDiscovery::unauthorizedKeepsModels()
{
    const qint64 id = addProvider(QStringLiteral("local"), QStringLiteral("openai"), m_upstream->baseUrl());
    QVERIFY(sync(id).value(1).toBool());
    m_upstream->setRequiredKey(QStringLiteral("a-different-key"));
    const QList<QVariant> result = sync(id);
    QCOMPARE(result.value(2).toString(), QStringLiteral("The provider rejected the API key (HTTP 401)."));
    QCOMPARE(m_providers->find(id)->status, QStringLiteral("errored"));
    QCOMPARE(m_providers->find(id)->modelCount, 2);
}

void TestDiscovery::connectionRefused()
{
    const qint64 id = addProvider(QStringLiteral("gone"), QStringLiteral("openai"),
                                  QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort()));
    const QList<QVariant> result = sync(id);
    QCOMPARE(result.value(1).toBool(), false);
    QVERIFY2(result.value(2).toString().startsWith(QStringLiteral("Could not reach the provider at http://127.0.0.1:")),
             qPrintable(result.value(2).toString()));
    QCOMPARE(m_providers->find(id)->status, QStringLiteral("errored"));
}

void TestDiscovery::timeout()
{
    m_sync->setRequestTimeouts(500, 500);
    m_upstream->setMode(FakeUpstream::Hang);
    const qint64 id = addProvider(QStringLiteral("slow"), QStringLiteral("openai"), m_upstream->baseUrl());
    QElapsedTimer clock;
    clock.start();
    const QList<QVariant> result = sync(id);
    QVERIFY(clock.elapsed() < 3000);
    QCOMPARE(result.value(1).toBool(), false);
    QVERIFY2(result.value(2).toString().contains(QStringLiteral("did not answer in time")),
             qPrintable(result.value(2).toString()));
    QVERIFY(!m_sync->isSyncing(id));
}

void TestDiscovery::urlEditTakesEffectWithoutRecreate()
{
    const qint64 id = addProvider(QStringLiteral("local"), QStringLiteral("openai"),
                                  QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort()));
    QSignalSpy finished(m_sync, &SyncService::syncFinished);
    m_sync->start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(m_providers->find(id)->status, QStringLiteral("errored"));

    Provider p = *m_providers->find(id);
    p.baseUrl = m_upstream->baseUrl();
    QVERIFY(m_providers->update(p, nullptr));
    // The service notices the edit and re-syncs at once with the new URL.
    QVERIFY(finished.wait(5000));
    QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
    QCOMPARE(m_providers->find(id)->id, id);
    QCOMPARE(m_providers->find(id)->status, QStringLiteral("active"));
    QCOMPARE(m_models->list(id).size(), 2);
}

void TestDiscovery::mockSyncsWithoutNetwork()
{
    const qint64 id =
        addProvider(QStringLiteral("demo"), QStringLiteral("mock"), QStringLiteral("mock://demo"), QStringLiteral(""));
    const QList<QVariant> result = sync(id);
    QVERIFY2(result.value(1).toBool(), qPrintable(result.value(2).toString()));
    QCOMPARE(modelStates(id), (QStringList{QStringLiteral("demo-chat:online"), QStringLiteral("demo-embed:online")}));
    QCOMPARE(m_models->list(id).at(1).category, QStringLiteral("embedding"));
    QCOMPARE(m_upstream->requestCount(), 0);
    QCOMPARE(m_providers->find(id)->status, QStringLiteral("active"));
}

void TestDiscovery::otherKindsUseTheirEndpoints_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("baseSuffix");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("authHeader");
    QTest::newRow("anthropic") << "anthropic"
                               << "" << QByteArray("/v1/models?limit=1000") << QByteArray("x-api-key");
    QTest::newRow("gemini") << "gemini"
                            << "" << QByteArray("/v1/models?pageSize=1000") << QByteArray("x-goog-api-key");
    QTest::newRow("azure") << "azure"
                           << "/openai" << QByteArray("/v1/openai/models?api-version=2024-10-21")
                           << QByteArray("api-key");
}

void TestDiscovery::otherKindsUseTheirEndpoints()
{
    QFETCH(QString, kind);
    QFETCH(QString, baseSuffix);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, authHeader);
    const qint64 id = addProvider(kind, kind, m_upstream->baseUrl() + baseSuffix);
    const QList<QVariant> result = sync(id);
    QVERIFY2(result.value(1).toBool(), qPrintable(result.value(2).toString()));
    QCOMPARE(modelStates(id),
             (QStringList{QStringLiteral("gpt-4o-mini:online"), QStringLiteral("text-embedding-3-small:online")}));
    const FakeUpstream::RecordedRequest request = m_upstream->requests().first();
    QCOMPARE(request.path, path);
    QCOMPARE(request.header(authHeader), kSecret.toUtf8());
    QVERIFY(request.header("authorization").isEmpty());
    if (kind == QLatin1String("gemini"))
        QCOMPARE(m_models->list(id).at(1).category, QStringLiteral("embedding"));
}

void TestDiscovery::missingKey()
{
    // The reference points nowhere: readable, and nothing is sent.
    const qint64 id = addProvider(QStringLiteral("nokey"), QStringLiteral("anthropic"), m_upstream->baseUrl(),
                                  QStringLiteral("keychain"));
    QList<QVariant> result = sync(id);
    QCOMPARE(result.value(1).toBool(), false);
    QVERIFY2(result.value(2).toString().contains(QStringLiteral("The API key could not be read")),
             qPrintable(result.value(2).toString()));
    QCOMPARE(m_upstream->requestCount(), 0);

    // No reference at all for a kind that needs one.
    const qint64 id2 =
        addProvider(QStringLiteral("nokey2"), QStringLiteral("gemini"), m_upstream->baseUrl(), QStringLiteral(""));
    result = sync(id2);
    QVERIFY2(result.value(2).toString().contains(QStringLiteral("needs an API key")),
             qPrintable(result.value(2).toString()));
    QCOMPARE(m_upstream->requestCount(), 0);
}

void TestDiscovery::keylessOpenAiCompatible()
{
    m_upstream->setRequiredKey(QString());
    const qint64 id =
        addProvider(QStringLiteral("vllm"), QStringLiteral("openai"), m_upstream->baseUrl(), QStringLiteral(""));
    QVERIFY(sync(id).value(1).toBool());
    QVERIFY(m_upstream->requests().first().header("authorization").isEmpty());

    m_upstream->setRequiredKey(QStringLiteral("needed"));
    const QList<QVariant> result = sync(id);
    QCOMPARE(result.value(2).toString(),
             QStringLiteral("The provider requires an API key, and none is set (HTTP 401)."));
}

void TestDiscovery::notStartedTwice()
{
    m_upstream->setResponseDelayMs(200);
    const qint64 id = addProvider(QStringLiteral("local"), QStringLiteral("openai"), m_upstream->baseUrl());
    QSignalSpy started(m_sync, &SyncService::syncStarted);
    QSignalSpy finished(m_sync, &SyncService::syncFinished);
    m_sync->syncNow(id);
    QVERIFY(m_sync->isSyncing(id));
    QCOMPARE(m_providers->find(id)->status, QStringLiteral("syncing"));
    m_sync->syncNow(id);
    m_sync->syncAll();
    QVERIFY(finished.wait(5000));
    // The refused calls would have started (and signalled) synchronously.
    QCOMPARE(started.count(), 1);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(m_upstream->requestCount(), 1);
    QVERIFY(!m_sync->isSyncing(id));
}

void TestDiscovery::periodicSync()
{
    TestClock clock;
    const qint64 id = addProvider(QStringLiteral("local"), QStringLiteral("openai"), m_upstream->baseUrl(),
                                  QStringLiteral("env:TEST_KEY"), 60);
    const qint64 once = addProvider(QStringLiteral("manual"), QStringLiteral("openai"), m_upstream->baseUrl(),
                                    QStringLiteral("env:TEST_KEY"), 0);
    QSignalSpy finished(m_sync, &SyncService::syncFinished);
    m_sync->start();
    auto countFor = [&](qint64 pid) {
        int n = 0;
        for (const QList<QVariant> &args : std::as_const(finished))
            n += args.at(0).toLongLong() == pid ? 1 : 0;
        return n;
    };
    // The first sync of each runs at once; the next is due one interval after it ended.
    QTRY_COMPARE(countFor(id), 1);
    QTRY_COMPARE(countFor(once), 1);
    QCOMPARE(m_sync->nextRunMs(id), clock.nowMs() + 60'000);
    QCOMPARE(m_sync->nextRunMs(once), 0); // interval 0: only the first sync at start

    clock.advance(59'999);
    m_sync->runDue();
    QVERIFY2(!m_sync->isSyncing(id), "not before its time");
    clock.advance(1);
    m_sync->runDue();
    QVERIFY(m_sync->isSyncing(id));
    QTRY_COMPARE(countFor(id), 2);
    clock.advance(60'000);
    m_sync->runDue();
    QTRY_COMPARE(countFor(id), 3);
    QCOMPARE(countFor(once), 1);

    // Setting the interval to 0 stops the periodic runs.
    Provider p = *m_providers->find(id);
    p.syncIntervalSec = 0;
    QVERIFY(m_providers->update(p, nullptr));
    QCOMPARE(m_sync->nextRunMs(id), 0);
    clock.advance(3'600'000);
    m_sync->runDue();
    QVERIFY(!m_sync->isSyncing(id));
    QCOMPARE(countFor(id), 3);
    QCOMPARE(m_upstream->requestCount(), 4);
}

void TestDiscovery::disabledAndDeletedProviders()
{
    const qint64 a = addProvider(QStringLiteral("a"), QStringLiteral("openai"), m_upstream->baseUrl(),
                                 QStringLiteral("env:TEST_KEY"), 1);
    TestClock clock;
    QSignalSpy finished(m_sync, &SyncService::syncFinished);
    m_sync->start();
    QVERIFY(finished.wait(5000));

    QVERIFY(m_providers->setEnabled(a, false, nullptr));
    QCOMPARE(m_sync->nextRunMs(a), 0);
    const int requests = m_upstream->requestCount();
    clock.advance(10'000); // several intervals
    m_sync->runDue();
    QVERIFY(!m_sync->isSyncing(a));
    QCOMPARE(m_upstream->requestCount(), requests);

    // Re-enabled: picked up again at once.
    QVERIFY(m_providers->setEnabled(a, true, nullptr));
    QTRY_VERIFY_WITH_TIMEOUT(m_upstream->requestCount() > requests, 3000);

    // A provider created while running is discovered without a restart.
    finished.clear();
    const qint64 b =
        addProvider(QStringLiteral("b"), QStringLiteral("mock"), QStringLiteral("mock://demo"), QStringLiteral(""));
    QTRY_VERIFY_WITH_TIMEOUT(m_models->list(b).size() == 2, 3000);

    // Deleting a provider in the middle of its sync is harmless.
    m_upstream->setResponseDelayMs(300);
    m_sync->syncNow(a);
    QVERIFY(m_sync->isSyncing(a));
    QVERIFY(m_providers->remove(a, nullptr));
    // The answer still arrives; the run ends without touching the deleted row.
    QTRY_VERIFY_WITH_TIMEOUT(!m_sync->isSyncing(a), 5000);
    QVERIFY(!m_providers->find(a));
    QCOMPARE(m_models->syncEvents(a).size(), 0);
}

void TestDiscovery::probe()
{
    Provider p;
    p.name = QStringLiteral("unsaved");
    p.kind = QStringLiteral("openai");
    p.baseUrl = m_upstream->baseUrl();

    bool called = false;
    bool ok = false;
    QString message;
    QStringList models;
    m_sync->probe(p, kSecret, this, [&](bool o, const QString &m, const QStringList &list) {
        called = true;
        ok = o;
        message = m;
        models = list;
    });
    QVERIFY(!called);
    QTRY_VERIFY(called);
    QVERIFY2(ok, qPrintable(message));
    QCOMPARE(models, (QStringList{QStringLiteral("gpt-4o-mini"), QStringLiteral("text-embedding-3-small")}));
    QVERIFY(message.contains(QLatin1String("2")));

    called = false;
    m_sync->probe(p, QStringLiteral("wrong-key"), this, [&](bool o, const QString &m, const QStringList &) {
        called = true;
        ok = o;
        message = m;
    });
    QTRY_VERIFY(called);
    QVERIFY(!ok);
    QCOMPARE(message, QStringLiteral("The provider rejected the API key (HTTP 401)."));

    // A URL without the version path: the failure carries the hint.
    called = false;
    p.baseUrl = m_upstream->baseUrl().chopped(3);
    m_sync->probe(p, kSecret, this, [&](bool o, const QString &m, const QStringList &) {
        called = true;
        ok = o;
        message = m;
    });
    QTRY_VERIFY(called);
    QVERIFY(!ok);
    QVERIFY2(message.contains(QLatin1String("HTTP 404")) && message.contains(m_upstream->baseUrl()),
             qPrintable(message));

    // Probing writes nothing.
    QVERIFY(m_providers->list().isEmpty());
    QVERIFY(m_models->list().isEmpty());

    // A dead context gets no callback.
    auto *context = new QObject;
    called = false;
    const int answered = m_upstream->responsesFinished();
    m_sync->probe(p, kSecret, context, [&](bool, const QString &, const QStringList &) { called = true; });
    delete context;
    QTRY_COMPARE(m_upstream->responsesFinished(), answered + 1);
    QTRY_COMPARE(m_http->activeTransfers(), 0);
    QCoreApplication::processEvents(); // anything the answer queued
    QVERIFY(!called);
}

void TestDiscovery::keyNeverLeaks()
{
    // An upstream that echoes everything it was sent in its error body, key included.
    QTcpServer echo;
    QVERIFY(echo.listen(QHostAddress::LocalHost, 0));
    connect(&echo, &QTcpServer::newConnection, this, [&echo] {
        while (QTcpSocket *s = echo.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, s, [s] {
                const QByteArray request = s->readAll();
                const QByteArray body = R"({"error":{"message":"bad request: )" + request.simplified() + R"("}})";
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: "
                         + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                s->disconnectFromHost();
            });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    });
    const QString echoBase = QStringLiteral("http://127.0.0.1:%1/v1").arg(echo.serverPort());

    const qint64 openai = addProvider(QStringLiteral("echo-openai"), QStringLiteral("openai"), echoBase);
    const qint64 anthropic = addProvider(QStringLiteral("echo-anthropic"), QStringLiteral("anthropic"), echoBase);
    const qint64 azure = addProvider(QStringLiteral("echo-azure"), QStringLiteral("azure"), echoBase + "/openai");
    const qint64 gemini = addProvider(QStringLiteral("echo-gemini"), QStringLiteral("gemini"), echoBase);
    for (qint64 id : {openai, anthropic, azure, gemini}) {
        const QList<QVariant> result = sync(id);
        QCOMPARE(result.value(1).toBool(), false);
        QVERIFY2(result.value(2).toString().contains(QLatin1String("HTTP 400")),
                 qPrintable(result.value(2).toString()));
        QVERIFY2(!result.value(2).toString().contains(kSecret.mid(8, 10)), qPrintable(result.value(2).toString()));
        // The echo did reach the message, minus the key.
        QVERIFY2(result.value(2).toString().contains(QLatin1String("bad request: GET")),
                 qPrintable(result.value(2).toString()));
    }
    // And the failures the fake upstream can produce.
    const qint64 fake = addProvider(QStringLiteral("fake"), QStringLiteral("openai"), m_upstream->baseUrl());
    for (FakeUpstream::Mode mode : {FakeUpstream::Unauthorized, FakeUpstream::Garbage, FakeUpstream::ServerError,
                                    FakeUpstream::WrongShape, FakeUpstream::Normal}) {
        m_upstream->setMode(mode);
        sync(fake);
    }
    // Not even a piece of it (an excerpt could cut the key in half).
    const QString piece = kSecret.mid(8, 10);
    const QByteArray needle = piece.toUtf8();
    for (const Provider &p : m_providers->list()) {
        QVERIFY2(!p.lastError.contains(piece), qPrintable(p.lastError));
        for (const SyncEvent &e : m_models->syncEvents(p.id))
            QVERIFY2(!e.error.contains(piece), qPrintable(e.error));
    }
    for (const QString &line : std::as_const(messages))
        QVERIFY2(!line.contains(piece), qPrintable(line));
    QVERIFY(!messages.isEmpty()); // the sync log did say something

    // Raw bytes of the database and its WAL.
    const QDir dir(m_dir->path());
    const QStringList files = dir.entryList(QDir::Files);
    QVERIFY(files.contains(QStringLiteral("tollgate.db")));
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(needle), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
