#include "core/config/ConfigParser.h"
#include "core/protocol/RateLimitReset.h"
#include "core/routing/RoutingSnapshot.h"
#include "core/routing/TargetHealth.h"
#include "core/routing/TargetPicker.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/LogRecordJson.h"
#include "core/storage/Migrations.h"
#include "core/storage/ProviderStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Routing without a gateway: aliases over several targets in the config file,
// the database and the routing snapshot, and the pure strategies that order
// the targets of each request.
class TestRouting : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void configTargetsAreParsed();
    void configSingleProviderModelStaysOneTarget();
    void configCircuitBreakerSettings();
    void configTargetErrorsNameFileLineAndField_data();
    void configTargetErrorsNameFileLineAndField();
    void migrationMovesExistingAliasIntoTargets();
    void storeAndSnapshotKeepTargetsInTierOrder();
    void singleTargetEditKeepsTheOtherTargets();
    void weightedThreeToOneSplitsSeventyFiveTwentyFive();
    void weightedIsSmooth();
    void picksFollowTheStrategy_data();
    void picksFollowTheStrategy();
    void fastestExploresSometimes();
    void lowerTierOnlyWhenUpperUnavailable();
    void breakerOpensHalfOpensAndCloses();
    void rateLimitCoolsWithoutCountingAFailure();
    void logJsonCarriesTargetAndAttempts();
    void rateLimitResetHeadersAreRead_data();
    void rateLimitResetHeadersAreRead();
};

namespace {

const QByteArray kProviders = R"(providers:
  - { name: east, kind: openai, base_url: "http://127.0.0.1:1/v1" }
  - { name: west, kind: openai, base_url: "http://127.0.0.1:2/v1" }
  - { name: backup, kind: openai, base_url: "http://127.0.0.1:3/v1" }
)";

TargetPicker::View view(int weight, int priority = 1, bool available = true, int inFlight = 0, double ttfb = -1)
{
    TargetPicker::View v;
    v.weight = weight;
    v.priority = priority;
    v.available = available;
    v.inFlight = inFlight;
    v.ttfbMs = ttfb;
    return v;
}

} // namespace

void TestRouting::configTargetsAreParsed()
{
    ConfigParser parser;
    const auto doc = parser.parse(kProviders + R"(models:
  - alias: smart
    strategy: least-busy
    targets:
      - { provider: east, model: gpt-4o, weight: 3 }
      - { provider: west, model: gpt-4o-w, weight: 1 }
      - { provider: backup, model: gpt-4o, priority: 2 }
    fallbacks: [cheap]
    retry: { attempts: 4, backoff_ms: 100, on: [429, 503, connect] }
  - { alias: cheap, provider: backup, model: mini }
)",
                                  QStringLiteral("t.yaml"));
    QVERIFY2(doc, qPrintable(parser.errorText()));
    const Alias &a = doc->aliases.at(0).alias;
    QCOMPARE(a.strategy, QStringLiteral("least-busy"));
    QCOMPARE(a.targets.size(), 3);
    QCOMPARE(a.targets.at(0).providerName, QStringLiteral("east"));
    QCOMPARE(a.targets.at(0).weight, 3);
    QCOMPARE(a.targets.at(1).modelId, QStringLiteral("gpt-4o-w"));
    QCOMPARE(a.targets.at(1).priority, 1);
    QCOMPARE(a.targets.at(2).priority, 2);
    QCOMPARE(a.providerName, QStringLiteral("east")); // the first target is the alias's own
    QCOMPARE(a.modelId, QStringLiteral("gpt-4o"));
    QCOMPARE(a.fallbacks, QStringList{QStringLiteral("cheap")});
    QCOMPARE(a.retry.attempts, 4);
    QCOMPARE(a.retry.backoffMs, 100);
    QCOMPARE(a.retry.on, (QStringList{QStringLiteral("429"), QStringLiteral("503"), QStringLiteral("connect")}));
}

void TestRouting::configSingleProviderModelStaysOneTarget()
{
    ConfigParser parser;
    const auto doc =
        parser.parse(kProviders + "models:\n  - { alias: one, provider: west, model: m1 }\n", QStringLiteral("t.yaml"));
    QVERIFY2(doc, qPrintable(parser.errorText()));
    const Alias &a = doc->aliases.at(0).alias;
    QVERIFY(a.targets.isEmpty());
    QCOMPARE(a.effectiveTargets().size(), 1);
    QCOMPARE(a.effectiveTargets().at(0).modelId, QStringLiteral("m1"));
    QCOMPARE(a.strategy, QStringLiteral("weighted"));
    QCOMPARE(a.retry.attempts, 3);
}

void TestRouting::configCircuitBreakerSettings()
{
    ConfigParser parser;
    auto doc = parser.parse("gateway:\n  circuit_breaker: { failures: 3, cooldown: 2m }\n", QStringLiteral("t.yaml"));
    QVERIFY2(doc, qPrintable(parser.errorText()));
    QCOMPARE(doc->breakerFailures.value_or(0), 3);
    QCOMPARE(doc->breakerCooldownSec.value_or(0), 120);
    ConfigParser bad;
    QVERIFY(!bad.parse("gateway:\n  circuit_breaker: { failures: 0, cooldown: soon }\n", QStringLiteral("t.yaml")));
    QVERIFY2(bad.errorText().contains(QLatin1String("t.yaml:2: gateway.circuit_breaker.failures")),
             qPrintable(bad.errorText()));
    QVERIFY2(bad.errorText().contains(QLatin1String("t.yaml:2: gateway.circuit_breaker.cooldown")),
             qPrintable(bad.errorText()));
}

void TestRouting::configTargetErrorsNameFileLineAndField_data()
{
    QTest::addColumn<QByteArray>("models");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown provider") << QByteArray("models:\n  - alias: s\n    targets:\n"
                                                    "      - { provider: nowhere, model: m }\n")
                                      << QStringLiteral("t.yaml:8: models[0].targets[0].provider: unknown provider");
    QTest::newRow("missing model") << QByteArray("models:\n  - alias: s\n    targets:\n"
                                                 "      - { provider: east, model: m }\n      - { provider: west }\n")
                                   << QStringLiteral("t.yaml:9: models[0].targets[1].model: missing required field");
    QTest::newRow("bad weight") << QByteArray("models:\n  - alias: s\n    targets:\n"
                                              "      - { provider: east, model: m, weight: -2 }\n")
                                << QStringLiteral("t.yaml:8: models[0].targets[0].weight: expected a number");
    QTest::newRow("bad strategy") << QByteArray("models:\n  - alias: s\n    provider: east\n    model: m\n"
                                                "    strategy: random\n")
                                  << QStringLiteral("t.yaml:9: models[0].strategy: unknown strategy");
    QTest::newRow("bad retry reason") << QByteArray("models:\n  - alias: s\n    provider: east\n    model: m\n"
                                                    "    retry: { on: [429, teapot] }\n")
                                      << QStringLiteral("t.yaml:9: models[0].retry.on[1]: \"teapot\" is not");
    QTest::newRow("unknown fallback") << QByteArray("models:\n  - alias: s\n    provider: east\n    model: m\n"
                                                    "    fallbacks: [ghost]\n")
                                      << QStringLiteral("t.yaml:6: models[0].fallbacks: unknown alias \"ghost\"");
    QTest::newRow("both forms") << QByteArray("models:\n  - alias: s\n    provider: east\n    model: m\n"
                                              "    targets: [{ provider: west, model: m }]\n")
                                << QStringLiteral("t.yaml:9: models[0].targets: use either provider/model");
}

void TestRouting::configTargetErrorsNameFileLineAndField()
{
    QFETCH(QByteArray, models);
    QFETCH(QString, expected);
    ConfigParser parser;
    QVERIFY(!parser.parse(kProviders + models, QStringLiteral("t.yaml")));
    QVERIFY2(parser.errorText().contains(expected), qPrintable(parser.errorText()));
}

void TestRouting::migrationMovesExistingAliasIntoTargets()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    // Back to the schema before targets, with an alias written the old way.
    QSqlDatabase conn = db.connection();
    QSqlQuery q(conn);
    QVERIFY(q.exec(QStringLiteral("DROP TABLE alias_targets")));
    QVERIFY(q.exec(QStringLiteral("DROP TABLE target_state")));
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE aliases DROP COLUMN strategy")));
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE aliases DROP COLUMN fallbacks")));
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE aliases DROP COLUMN retry")));
    QVERIFY(q.exec(QStringLiteral("ALTER TABLE request_log DROP COLUMN attempts")));
    QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = 7"))); // the step before targets
    QVERIFY(q.exec(QStringLiteral("INSERT INTO providers (name, kind, base_url, created_at) VALUES "
                                  "('east', 'openai', 'http://127.0.0.1:1/v1', '2026-01-01T00:00:00Z')")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO aliases (alias, provider_id, model_id, created_at) VALUES "
                                  "('old', 1, 'gpt-old', '2026-01-01T00:00:00Z')")));
    QVERIFY2(Migrations::apply(conn, &error), qPrintable(error));
    QCOMPARE(Migrations::currentVersion(conn), Migrations::latestVersion());

    const QList<Alias> aliases = AliasStore::readAll(conn);
    QCOMPARE(aliases.size(), 1);
    QCOMPARE(aliases.at(0).targets.size(), 1);
    QCOMPARE(aliases.at(0).targets.at(0).providerName, QStringLiteral("east"));
    QCOMPARE(aliases.at(0).targets.at(0).modelId, QStringLiteral("gpt-old"));
    QCOMPARE(aliases.at(0).targets.at(0).weight, 1);
    QCOMPARE(aliases.at(0).strategy, QStringLiteral("weighted"));
}

void TestRouting::storeAndSnapshotKeepTargetsInTierOrder()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    ProviderStore providers(db);
    AliasStore aliases(db);
    QList<Provider> made;
    for (const char *name : {"east", "west", "backup"}) {
        Provider p;
        p.name = QString::fromLatin1(name);
        p.kind = QStringLiteral("openai");
        p.baseUrl = QStringLiteral("http://127.0.0.1:1/v1");
        QVERIFY2(providers.create(p, &error), qPrintable(error));
        made.append(p);
    }
    Alias a;
    a.alias = QStringLiteral("smart");
    a.providerId = made.at(2).id; // the first target: a lower tier
    a.modelId = QStringLiteral("b-model");
    a.strategy = QStringLiteral("ordered");
    a.fallbacks = {QStringLiteral("cheap")};
    a.retry.attempts = 5;
    a.targets = {AliasTarget{made.at(2).id, {}, QStringLiteral("b-model"), 1, 2},
                 AliasTarget{made.at(0).id, {}, QStringLiteral("e-model"), 3, 1},
                 AliasTarget{made.at(1).id, {}, QStringLiteral("w-model"), 1, 1}};
    QVERIFY2(aliases.create(a, &error), qPrintable(error));

    const auto snap = RoutingSnapshot::load(db.connection(), &error);
    const RoutingSnapshot::Resolution r = snap->resolve(QStringLiteral("smart"), nullptr);
    QCOMPARE(int(r.outcome), int(RoutingSnapshot::Outcome::Found));
    QCOMPARE(r.candidates.size(), 3);
    QCOMPARE(r.candidates.at(0).key(), QStringLiteral("east/e-model"));
    QCOMPARE(r.candidates.at(0).weight, 3);
    QCOMPARE(r.candidates.at(1).key(), QStringLiteral("west/w-model"));
    QCOMPARE(r.candidates.at(2).key(), QStringLiteral("backup/b-model"));
    QCOMPARE(r.candidates.at(2).priority, 2);
    QCOMPARE(r.target.key(), QStringLiteral("east/e-model"));
    const Alias *stored = snap->alias(QStringLiteral("smart"));
    QVERIFY(stored);
    QCOMPARE(stored->strategy, QStringLiteral("ordered"));
    QCOMPARE(stored->fallbacks, QStringList{QStringLiteral("cheap")});
    QCOMPARE(stored->retry.attempts, 5);

    // A disabled provider's target drops out; the alias still answers.
    Provider east = made.at(0);
    east.enabled = false;
    QVERIFY2(providers.update(east, &error), qPrintable(error));
    const auto snap2 = RoutingSnapshot::load(db.connection(), &error);
    const auto r2 = snap2->resolve(QStringLiteral("smart"), nullptr);
    QCOMPARE(r2.candidates.size(), 2);
    QCOMPARE(r2.target.key(), QStringLiteral("west/w-model"));
}

void TestRouting::singleTargetEditKeepsTheOtherTargets()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    ProviderStore providers(db);
    AliasStore aliases(db);
    Provider p;
    p.name = QStringLiteral("east");
    p.kind = QStringLiteral("openai");
    p.baseUrl = QStringLiteral("http://127.0.0.1:1/v1");
    QVERIFY(providers.create(p, &error));
    Alias a;
    a.alias = QStringLiteral("smart");
    a.providerId = p.id;
    a.modelId = QStringLiteral("first");
    a.targets = {AliasTarget{p.id, {}, QStringLiteral("first"), 2, 1},
                 AliasTarget{p.id, {}, QStringLiteral("second"), 1, 1}};
    QVERIFY(aliases.create(a, &error));
    // What the console's alias dialog does: change the alias's own provider/model.
    Alias edited = *aliases.find(QStringLiteral("smart"));
    edited.modelId = QStringLiteral("renamed");
    QVERIFY2(aliases.update(edited, &error), qPrintable(error));
    const Alias after = *aliases.find(QStringLiteral("smart"));
    QCOMPARE(after.targets.size(), 2);
    QCOMPARE(after.targets.at(0).modelId, QStringLiteral("renamed"));
    QCOMPARE(after.targets.at(0).weight, 2);
    QCOMPARE(after.targets.at(1).modelId, QStringLiteral("second"));
}

void TestRouting::weightedThreeToOneSplitsSeventyFiveTwentyFive()
{
    TargetPicker picker;
    const QList<TargetPicker::View> views = {view(3), view(1)};
    int first = 0;
    for (int i = 0; i < 1000; ++i)
        first += picker.order(TargetPicker::Strategy::Weighted, views).first() == 0 ? 1 : 0;
    QVERIFY2(first >= 730 && first <= 770, qPrintable(QString::number(first)));
}

void TestRouting::weightedIsSmooth()
{
    // Smooth: the light target is not starved for three picks in a row.
    TargetPicker picker;
    const QList<TargetPicker::View> views = {view(5), view(1), view(1)};
    QList<int> picks;
    for (int i = 0; i < 7; ++i)
        picks.append(picker.order(TargetPicker::Strategy::Weighted, views).first());
    QCOMPARE(picks, (QList<int>{0, 0, 1, 0, 2, 0, 0}));
}

void TestRouting::picksFollowTheStrategy_data()
{
    using V = QList<TargetPicker::View>;
    QTest::addColumn<int>("strategy");
    QTest::addColumn<V>("views");
    QTest::addColumn<QList<int>>("expected");
    const int busy = int(TargetPicker::Strategy::LeastBusy);
    const int fast = int(TargetPicker::Strategy::Fastest);
    const int ordered = int(TargetPicker::Strategy::Ordered);
    QTest::newRow("least-busy: fewest in flight first")
        << busy << V{view(1, 1, true, 4), view(1, 1, true, 0), view(1, 1, true, 2)} << QList<int>{1, 2, 0};
    QTest::newRow("least-busy: open target skipped")
        << busy << V{view(1, 1, true, 4), view(1, 1, false, 0)} << QList<int>{0};
    QTest::newRow("fastest: lowest ttfb first")
        << fast << V{view(1, 1, true, 0, 300), view(1, 1, true, 0, 80), view(1, 1, true, 0, 150)}
        << QList<int>{1, 2, 0};
    QTest::newRow("fastest: unmeasured tried first")
        << fast << V{view(1, 1, true, 0, 80), view(1, 1, true, 0, -1)} << QList<int>{1, 0};
    QTest::newRow("ordered: first healthy")
        << ordered << V{view(1, 1, false), view(1, 1, true), view(1, 1, true)} << QList<int>{1, 2};
    QTest::newRow("drained target left out") << ordered << V{view(0), view(1)} << QList<int>{1};
    QTest::newRow("all unavailable") << ordered << V{view(1, 1, false), view(1, 2, false)} << QList<int>{};
}

void TestRouting::picksFollowTheStrategy()
{
    QFETCH(int, strategy);
    QFETCH(QList<TargetPicker::View>, views);
    QFETCH(QList<int>, expected);
    TargetPicker picker;
    QCOMPARE(picker.order(TargetPicker::Strategy(strategy), views, 0.5), expected);
}

void TestRouting::fastestExploresSometimes()
{
    TargetPicker picker;
    const QList<TargetPicker::View> views = {view(1, 1, true, 0, 50), view(1, 1, true, 0, 900)};
    // Below the exploration share a random member of the tier leads.
    QCOMPARE(picker.order(TargetPicker::Strategy::Fastest, views, 0.09).first(), 1);
    QCOMPARE(picker.order(TargetPicker::Strategy::Fastest, views, 0.01).first(), 0);
    QCOMPARE(picker.order(TargetPicker::Strategy::Fastest, views, 0.5).first(), 0);
    int explored = 0;
    for (int i = 0; i < 1000; ++i)
        explored += picker.order(TargetPicker::Strategy::Fastest, views, i / 1000.0).first() == 1 ? 1 : 0;
    QCOMPARE(explored, 50); // half of the 10 % lands on the slow one
}

void TestRouting::lowerTierOnlyWhenUpperUnavailable()
{
    TargetPicker picker;
    QList<TargetPicker::View> views = {view(1, 2), view(3, 1), view(1, 1)};
    for (int i = 0; i < 20; ++i)
        QVERIFY(picker.order(TargetPicker::Strategy::Weighted, views).first() != 0);
    QCOMPARE(picker.order(TargetPicker::Strategy::Weighted, views).last(), 0); // still a spare at the end
    views[1].available = false;
    views[2].available = false;
    QCOMPARE(picker.order(TargetPicker::Strategy::Weighted, views), QList<int>{0});
}

void TestRouting::breakerOpensHalfOpensAndCloses()
{
    TargetHealth health; // 5 failures, 30 s cooldown
    const QString k = QStringLiteral("east/m");
    qint64 now = 1000;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(health.begin(k, now));
        health.end(k, TargetHealth::Outcome::Failure, now);
    }
    QCOMPARE(health.status(k, now).state, TargetHealth::State::Healthy);
    QVERIFY(health.begin(k, now));
    health.end(k, TargetHealth::Outcome::Failure, now);
    QCOMPARE(health.status(k, now).state, TargetHealth::State::Open);
    QCOMPARE(health.status(k, now).availableAt, now + 30000);
    QVERIFY(!health.begin(k, now + 29999));
    now += 30000;
    QCOMPARE(health.status(k, now).state, TargetHealth::State::HalfOpen);
    QVERIFY(health.begin(k, now));  // the one probe
    QVERIFY(!health.begin(k, now)); // no second while it is out
    health.end(k, TargetHealth::Outcome::Success, now, 42);
    QCOMPARE(health.status(k, now).state, TargetHealth::State::Healthy);
    QCOMPARE(health.status(k, now).ttfbMs, 42.0);
    QVERIFY(health.begin(k, now) && health.begin(k, now));
    QCOMPARE(health.status(k, now).inFlight, 2);
}

void TestRouting::rateLimitCoolsWithoutCountingAFailure()
{
    TargetHealth health;
    const QString k = QStringLiteral("east/m");
    for (qint64 now = 0; now < 20000; now += 2000) {
        QVERIFY(health.begin(k, now));
        health.end(k, TargetHealth::Outcome::RateLimited, now, -1, now + 2000);
        QVERIFY(!health.available(k, now + 1999));
        QCOMPARE(health.status(k, now + 100).state, TargetHealth::State::Cooling);
        QVERIFY(health.available(k, now + 2000)); // cooled until the reset, then back
    }
    QCOMPARE(health.status(k, 20000).consecutiveFailures, 0); // ten 429s opened nothing
    QCOMPARE(health.status(k, 20000).state, TargetHealth::State::Healthy);
}

void TestRouting::logJsonCarriesTargetAndAttempts()
{
    LogRecord r;
    r.provider = QStringLiteral("west");
    r.upstreamModel = QStringLiteral("w-model");
    r.attempts = QStringLiteral(R"([{"provider":"east","model":"e","error":"refused","ms":1.5},)"
                                R"({"provider":"west","model":"w-model","status":200,"ms":20}])");
    const QJsonObject o = LogRecordJson::toJson(r);
    QCOMPARE(o.value(QLatin1String("target")).toString(), QStringLiteral("west/w-model"));
    const QJsonArray attempts = o.value(QLatin1String("attempts")).toArray();
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0)[QLatin1String("error")].toString(), QStringLiteral("refused"));
    QCOMPARE(attempts.at(1)[QLatin1String("status")].toInt(), 200);
}

void TestRouting::rateLimitResetHeadersAreRead_data()
{
    QTest::addColumn<QByteArray>("remaining");
    QTest::addColumn<QByteArray>("reset");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("seconds") << QByteArray("0") << QByteArray("1s") << qint64(1000);
    QTest::newRow("minutes and seconds") << QByteArray("0") << QByteArray("6m0s") << qint64(360000);
    QTest::newRow("milliseconds") << QByteArray("0") << QByteArray("120ms") << qint64(120);
    QTest::newRow("fractions") << QByteArray("0") << QByteArray("1m2.5s") << qint64(62500);
    QTest::newRow("unreadable reset: a second") << QByteArray("0") << QByteArray("soon") << qint64(1000);
    QTest::newRow("missing reset: a second") << QByteArray("0") << QByteArray() << qint64(1000);
    QTest::newRow("requests left") << QByteArray("12") << QByteArray("1s") << qint64(0);
    QTest::newRow("no header") << QByteArray() << QByteArray() << qint64(0);
}

void TestRouting::rateLimitResetHeadersAreRead()
{
    QFETCH(QByteArray, remaining);
    QFETCH(QByteArray, reset);
    QFETCH(qint64, expected);
    QCOMPARE(RateLimitReset::exhaustedForMs(remaining, reset), expected);
}

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
