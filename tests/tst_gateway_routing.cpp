#include "core/storage/Settings.h"
#include "support/GatewayCall.h"
#include "support/GatewayFixture.h"
#include "support/TestClock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using GatewayCall::Response;

// One alias over several fake upstreams (PRODUCT.md "Routing"): traffic split
// by weight and load, failover before the first byte, the circuit breaker,
// rate-limit cooldowns, fallbacks, and what the client and the log see.
class TestGatewayRouting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void weightsSplitTraffic();
    void leastBusyAvoidsTheSlowTarget();
    void deadPortFailsOverAndOpensItsBreaker();
    void targetKilledUnderLoadLosesNoRequest();
    void rateLimitMovesTrafficAwayAndBack();
    void exhaustedRateLimitCoolsTheTarget();
    void halfOpenProbeClosesTheBreaker();
    void breakerSettingsAreHonoured();
    void noRetryAfterTheFirstStreamedByte();
    void bodyIsReplayedByteForByte();
    void fallbackAliasServesWhenEveryTargetFailed();
    void allTargetsOpenFailsFastWith503();
    void unroutedModelsCarryTheTargetHeaders();

private:
    Provider addProvider(const QString &name, FakeUpstream &upstream, const QString &key);
    void addAlias(const QString &name, const QList<AliasTarget> &targets, const QString &strategy,
                  const QStringList &fallbacks = {}, int attempts = 3);
    Response chat(const QString &model, const QByteArray &extra = {});
    QJsonArray attemptsOfLastLog();

    std::unique_ptr<TestClock> clock;
    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<HttpClient> http;
    std::unique_ptr<FakeUpstream> east;
    std::unique_ptr<FakeUpstream> west;
    Provider eastProvider;
    Provider westProvider;
    Provider deadProvider;
};

void TestGatewayRouting::init()
{
    clock = std::make_unique<TestClock>();
    f = std::make_unique<GatewayFixture>();
    QString error;
    GatewayOptions options;
    options.workerThreads = 1; // one routing snapshot: "the alias is live" holds for every request
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
    http = std::make_unique<HttpClient>();
    east = std::make_unique<FakeUpstream>();
    west = std::make_unique<FakeUpstream>();
    QVERIFY(east->listen() && west->listen());
    east->setRecording(true);
    west->setRecording(true);
    eastProvider = addProvider(QStringLiteral("east"), *east, QStringLiteral("sk-east-upstream-SECRET-01"));
    westProvider = addProvider(QStringLiteral("west"), *west, QStringLiteral("sk-west-upstream-SECRET-02"));
    // A port nobody listens on: connect refused.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 deadPort = probe.serverPort();
    probe.close();
    deadProvider.name = QStringLiteral("dead");
    deadProvider.kind = QStringLiteral("openai");
    deadProvider.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(deadPort);
    deadProvider.keyRef = QStringLiteral("keychain");
    QVERIFY2(f->providers->create(deadProvider, &error), qPrintable(error));
    f->providerKeys.keys.insert(QStringLiteral("dead"), QStringLiteral("sk-dead-upstream-SECRET-03"));
}

void TestGatewayRouting::cleanup()
{
    f.reset();
    http.reset();
    east.reset();
    west.reset();
    clock.reset();
}

Provider TestGatewayRouting::addProvider(const QString &name, FakeUpstream &upstream, const QString &key)
{
    upstream.setRequiredKey(key);
    Provider p;
    p.name = name;
    p.kind = QStringLiteral("openai");
    p.baseUrl = upstream.baseUrl();
    p.keyRef = QStringLiteral("keychain");
    QString error;
    if (!f->providers->create(p, &error))
        qWarning() << error;
    f->providerKeys.keys.insert(name, key);
    return p;
}

void TestGatewayRouting::addAlias(const QString &name, const QList<AliasTarget> &targets, const QString &strategy,
                                  const QStringList &fallbacks, int attempts)
{
    Alias a;
    a.alias = name;
    a.providerId = targets.first().providerId;
    a.modelId = targets.first().modelId;
    a.targets = targets;
    a.strategy = strategy;
    a.fallbacks = fallbacks;
    a.retry.attempts = attempts;
    a.retry.backoffMs = 5;
    QString error;
    QVERIFY2(f->aliases->create(a, &error), qPrintable(error));
    // The gateway reloads its routes within a second (asked without touching a target).
    const auto listed = [&] {
        return GatewayCall::call(*http, f->baseUrl(), "GET", QStringLiteral("/v1/models/") + name, {}, {}, f->fullKey)
                   .status
               == 200;
    };
    QTRY_VERIFY_WITH_TIMEOUT(listed(), 5000);
    east->clearRequests();
    west->clearRequests();
}

Response TestGatewayRouting::chat(const QString &model, const QByteArray &extra)
{
    const QByteArray body =
        "{\"model\":\"" + model.toUtf8() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    return GatewayCall::call(*http, f->baseUrl(), "POST", QStringLiteral("/v1/chat/completions"), body, {}, f->fullKey);
}

QJsonArray TestGatewayRouting::attemptsOfLastLog()
{
    f->flushLog();
    QSqlQuery q(f->db->connection());
    if (!q.exec(QStringLiteral("SELECT attempts FROM request_log ORDER BY id DESC LIMIT 1")) || !q.next())
        return {};
    return QJsonDocument::fromJson(q.value(0).toByteArray()).array();
}

void TestGatewayRouting::weightsSplitTraffic()
{
    addAlias(QStringLiteral("smart"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 3, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("weighted"));
    int toEast = 0;
    for (int i = 0; i < 40; ++i) {
        const Response r = chat(QStringLiteral("smart"));
        QCOMPARE(r.status, 200);
        toEast += r.header("x-tollgate-target") == "east/e-model" ? 1 : 0;
    }
    QCOMPARE(toEast, 30);
    QCOMPARE(east->requests().size(), 30);
    QCOMPARE(west->requests().size(), 10);
}

void TestGatewayRouting::leastBusyAvoidsTheSlowTarget()
{
    addAlias(QStringLiteral("busy"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("least-busy"));
    east->setResponseDelayMs(3000);
    // One request holds east; while it is in flight every other goes west.
    HttpClient slowClient;
    bool slowDone = false;
    HttpRequest slow;
    slow.method = "POST";
    slow.url = (f->baseUrl() + QStringLiteral("/v1/chat/completions")).toUtf8();
    slow.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + f->fullKey.toUtf8()}};
    slow.body = R"({"model":"busy","messages":[{"role":"user","content":"slow"}]})";
    HttpClient::Handler handler;
    handler.onDone = [&](const HttpResult &) { slowDone = true; };
    slowClient.start(slow, std::move(handler));
    QTRY_COMPARE(east->requests().size(), 1);
    for (int i = 0; i < 5; ++i) {
        const Response r = chat(QStringLiteral("busy"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-tollgate-target"), QByteArray("west/w-model"));
    }
    QCOMPARE(east->requests().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(slowDone, 10000);
}

void TestGatewayRouting::deadPortFailsOverAndOpensItsBreaker()
{
    addAlias(QStringLiteral("sturdy"),
             {AliasTarget{deadProvider.id, {}, QStringLiteral("d-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("ordered"));
    for (int i = 0; i < 5; ++i) {
        const Response r = chat(QStringLiteral("sturdy"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-tollgate-target"), QByteArray("west/w-model"));
        QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("2"));
    }
    const QJsonArray attempts = attemptsOfLastLog();
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0)[QLatin1String("provider")].toString(), QStringLiteral("dead"));
    QVERIFY(!attempts.at(0)[QLatin1String("error")].toString().isEmpty());
    QVERIFY(!attempts.at(0).toObject().contains(QLatin1String("status")));
    QCOMPARE(attempts.at(1)[QLatin1String("provider")].toString(), QStringLiteral("west"));
    QCOMPARE(attempts.at(1)[QLatin1String("status")].toInt(), 200);
    QVERIFY(attempts.at(1)[QLatin1String("ms")].toDouble() >= 0);
    // Five consecutive failures: the breaker is open, the dead port no longer tried.
    const Response r = chat(QStringLiteral("sturdy"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("1"));
    QCOMPARE(attemptsOfLastLog().size(), 1);
    QCOMPARE(west->requests().size(), 6);
}

void TestGatewayRouting::targetKilledUnderLoadLosesNoRequest()
{
    addAlias(QStringLiteral("spread"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("weighted"));
    east->setResponseDelayMs(150); // requests are in flight on east when it dies
    constexpr int kConcurrency = 16;
    constexpr int kTotal = 96;
    int started = 0;
    int done = 0;
    QList<int> statuses;
    QList<QByteArray> targets;
    HttpClient load;
    std::function<void()> startOne = [&] {
        if (started >= kTotal)
            return;
        ++started;
        HttpRequest request;
        request.method = "POST";
        request.url = (f->baseUrl() + QStringLiteral("/v1/chat/completions")).toUtf8();
        request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + f->fullKey.toUtf8()}};
        request.body = R"({"model":"spread","messages":[{"role":"user","content":"hi"}]})";
        auto status = std::make_shared<int>(0);
        auto target = std::make_shared<QByteArray>();
        HttpClient::Handler handler;
        handler.onHead = [status, target](const HttpResponseHead &head) {
            *status = head.status;
            *target = head.header("x-tollgate-target");
        };
        handler.onDone = [&, status, target](const HttpResult &result) {
            statuses.append(result.ok() ? *status : -1);
            targets.append(*target);
            ++done;
            QTimer::singleShot(0, &load, startOne);
        };
        load.start(request, std::move(handler));
    };
    for (int i = 0; i < kConcurrency; ++i)
        startOne();
    QTRY_VERIFY_WITH_TIMEOUT(done >= kTotal / 3, 20000);
    QVERIFY(east->requests().size() > 0);
    east.reset(); // killed: open connections reset, the port refuses
    QTRY_COMPARE_WITH_TIMEOUT(done, kTotal, 30000);
    QCOMPARE(statuses.count(200), kTotal);
    // Its breaker opened: the last requests went west in one try.
    const Response r = chat(QStringLiteral("spread"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("west/w-model"));
    QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("1"));
}

void TestGatewayRouting::rateLimitMovesTrafficAwayAndBack()
{
    addAlias(QStringLiteral("limited"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("ordered"));
    east->setMode(FakeUpstream::RateLimited); // 429 with Retry-After: 1
    Response r = chat(QStringLiteral("limited"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("west/w-model"));
    QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("2"));
    QCOMPARE(attemptsOfLastLog().at(0)[QLatin1String("status")].toInt(), 429);
    // Cooling until the Retry-After passed: east is not asked, however often.
    east->setMode(FakeUpstream::Normal);
    for (int i = 0; i < 6; ++i) {
        r = chat(QStringLiteral("limited"));
        QCOMPARE(r.header("x-tollgate-target"), QByteArray("west/w-model"));
        QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("1"));
    }
    QCOMPARE(east->requests().size(), 1);
    // Not a failure: after the clock passes it, east serves again.
    clock->advance(1500);
    r = chat(QStringLiteral("limited"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("east/e-model"));
}

void TestGatewayRouting::exhaustedRateLimitCoolsTheTarget()
{
    addAlias(QStringLiteral("budgeted"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("ordered"));
    // Served, but the provider says its request limit is used up for 2 s.
    east->setResponseHeaders({{"x-ratelimit-remaining-requests", "0"}, {"x-ratelimit-reset-requests", "2s"}});
    QCOMPARE(chat(QStringLiteral("budgeted")).header("x-tollgate-target"), QByteArray("east/e-model"));
    east->setResponseHeaders({});
    QCOMPARE(chat(QStringLiteral("budgeted")).header("x-tollgate-target"), QByteArray("west/w-model"));
    QCOMPARE(east->requests().size(), 1);
    clock->advance(2000);
    QCOMPARE(chat(QStringLiteral("budgeted")).header("x-tollgate-target"), QByteArray("east/e-model"));
}

void TestGatewayRouting::halfOpenProbeClosesTheBreaker()
{
    addAlias(QStringLiteral("flaky"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("ordered"));
    east->setMode(FakeUpstream::ServerError);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(chat(QStringLiteral("flaky")).header("x-tollgate-attempts"), QByteArray("2"));
    QCOMPARE(east->requests().size(), 5);
    east->setMode(FakeUpstream::Normal);
    // Open: east is skipped until the cooldown passed.
    QCOMPARE(chat(QStringLiteral("flaky")).header("x-tollgate-target"), QByteArray("west/w-model"));
    clock->advance(29000);
    QCOMPARE(chat(QStringLiteral("flaky")).header("x-tollgate-target"), QByteArray("west/w-model"));
    QCOMPARE(east->requests().size(), 5);
    // After it: one probe goes through, succeeds and closes the breaker.
    clock->advance(1500);
    QCOMPARE(chat(QStringLiteral("flaky")).header("x-tollgate-target"), QByteArray("east/e-model"));
    QCOMPARE(chat(QStringLiteral("flaky")).header("x-tollgate-target"), QByteArray("east/e-model"));
    QCOMPARE(east->requests().size(), 7);

    // A failed probe opens it again for a whole cooldown.
    east->setMode(FakeUpstream::ServerError);
    for (int i = 0; i < 5; ++i)
        chat(QStringLiteral("flaky"));
    clock->advance(31000);
    const qsizetype before = east->requests().size();
    QCOMPARE(chat(QStringLiteral("flaky")).header("x-tollgate-target"), QByteArray("west/w-model"));
    QCOMPARE(east->requests().size(), before + 1); // the probe
    QCOMPARE(chat(QStringLiteral("flaky")).header("x-tollgate-attempts"), QByteArray("1"));
    QCOMPARE(east->requests().size(), before + 1);
}

void TestGatewayRouting::breakerSettingsAreHonoured()
{
    // gateway.circuit_breaker: { failures: 2, cooldown: 5s }
    f->gateway->stop();
    GatewayOptions options = Gateway::optionsFrom(Settings(*f->db), std::nullopt);
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.workerThreads = 1;
    options.breakerFailures = 2;
    options.breakerCooldownSec = 5;
    QString error;
    QVERIFY2(f->gateway->start(options, &error), qPrintable(error));
    addAlias(QStringLiteral("strict"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("ordered"));
    east->setMode(FakeUpstream::ServerError);
    QCOMPARE(chat(QStringLiteral("strict")).header("x-tollgate-attempts"), QByteArray("2"));
    QCOMPARE(chat(QStringLiteral("strict")).header("x-tollgate-attempts"), QByteArray("2"));
    QCOMPARE(chat(QStringLiteral("strict")).header("x-tollgate-attempts"), QByteArray("1")); // open after two
    east->setMode(FakeUpstream::Normal);
    clock->advance(5000);
    QCOMPARE(chat(QStringLiteral("strict")).header("x-tollgate-target"), QByteArray("east/e-model"));
}

void TestGatewayRouting::noRetryAfterTheFirstStreamedByte()
{
    addAlias(QStringLiteral("streamy"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model"), 1, 1}},
             QStringLiteral("ordered"));
    east->setStreamChunks(4, 5);
    east->setStreamBreakAfter(1);
    const Response r = chat(QStringLiteral("streamy"), ",\"stream\":true");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("east/e-model"));
    QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("1"));
    QVERIFY2(r.body.contains("upstream connection broke"), r.body.constData());
    QCOMPARE(west->requests().size(), 0);
    const QJsonArray attempts = attemptsOfLastLog();
    QCOMPARE(attempts.size(), 1);
}

void TestGatewayRouting::bodyIsReplayedByteForByte()
{
    addAlias(QStringLiteral("replay"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{westProvider.id, {}, QStringLiteral("w-model-2"), 1, 1}},
             QStringLiteral("ordered"));
    east->setMode(FakeUpstream::ServerError);
    // Odd spacing, key order, escapes and number forms: kept exactly.
    const QByteArray client = "{ \"messages\" : [ {\"role\":\"user\", \"content\":\"caf\\u00e9 \\\"x\\\"\"} ],\n"
                              "  \"model\":\"replay\" , \"temperature\": 1.50, \"seed\": 1e2 }";
    const Response r =
        GatewayCall::call(*http, f->baseUrl(), "POST", QStringLiteral("/v1/chat/completions"), client, {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(east->requests().size(), 1);
    QCOMPARE(west->requests().size(), 1);
    QByteArray forEast = client;
    forEast.replace("\"replay\"", "\"e-model\"");
    QByteArray forWest = client;
    forWest.replace("\"replay\"", "\"w-model-2\"");
    QCOMPARE(east->requests().at(0).body, forEast);
    QCOMPARE(west->requests().at(0).body, forWest);
    // Each target got its own key only.
    QCOMPARE(west->requests().at(0).header("authorization"), QByteArray("Bearer sk-west-upstream-SECRET-02"));
}

void TestGatewayRouting::fallbackAliasServesWhenEveryTargetFailed()
{
    addAlias(QStringLiteral("backup"), {AliasTarget{westProvider.id, {}, QStringLiteral("w-cheap"), 1, 1}},
             QStringLiteral("weighted"));
    addAlias(QStringLiteral("primary"),
             {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1},
              AliasTarget{deadProvider.id, {}, QStringLiteral("d-model"), 1, 2}},
             QStringLiteral("weighted"), {QStringLiteral("backup")});
    east->setMode(FakeUpstream::ServerError);
    const Response r = chat(QStringLiteral("primary"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("west/w-cheap"));
    QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("3"));
    const QJsonArray attempts = attemptsOfLastLog();
    QCOMPARE(attempts.size(), 3);
    QCOMPARE(attempts.at(0)[QLatin1String("provider")].toString(), QStringLiteral("east"));
    QCOMPARE(attempts.at(0)[QLatin1String("status")].toInt(), 500);
    QCOMPARE(attempts.at(1)[QLatin1String("provider")].toString(), QStringLiteral("dead")); // lower tier
    QCOMPARE(attempts.at(2)[QLatin1String("model")].toString(), QStringLiteral("w-cheap"));
    // The log names the target that served.
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT provider, upstream_model FROM request_log ORDER BY id DESC LIMIT 1")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("west"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("w-cheap"));
}

void TestGatewayRouting::allTargetsOpenFailsFastWith503()
{
    addAlias(QStringLiteral("doomed"), {AliasTarget{eastProvider.id, {}, QStringLiteral("e-model"), 1, 1}},
             QStringLiteral("weighted"), {}, 1);
    east->setMode(FakeUpstream::ServerError);
    for (int i = 0; i < 5; ++i) {
        const Response r = chat(QStringLiteral("doomed"));
        QCOMPARE(r.status, 500); // no other target: the upstream's own answer
        QCOMPARE(r.header("x-tollgate-target"), QByteArray("east/e-model"));
    }
    const qsizetype asked = east->requests().size();
    const Response r = chat(QStringLiteral("doomed"));
    QCOMPARE(r.status, 503);
    QVERIFY2(r.body.contains("doomed"), r.body.constData());
    QCOMPARE(r.header("retry-after"), QByteArray("30"));
    QCOMPARE(east->requests().size(), asked);
    f->flushLog();
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, error FROM request_log ORDER BY id DESC LIMIT 1")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 503);
    QVERIFY(q.value(1).toString().contains(QLatin1String("doomed")));
}

void TestGatewayRouting::unroutedModelsCarryTheTargetHeaders()
{
    // The fixture's single-target alias and a provider/model name.
    Response r = chat(QStringLiteral("fast"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("up/gpt-x"));
    QCOMPARE(r.header("x-tollgate-attempts"), QByteArray("1"));
    r = chat(QStringLiteral("up/gpt-x"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("up/gpt-x"));
    r = chat(QStringLiteral("demo-chat"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("x-tollgate-target"), QByteArray("demo/demo-chat"));
}

QTEST_GUILESS_MAIN(TestGatewayRouting)
#include "tst_gateway_routing.moc"
