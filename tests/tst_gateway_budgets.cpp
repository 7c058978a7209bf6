#include "core/config/ConfigParser.h"
#include "core/ledger/SpendLedger.h"
#include "core/net/HttpClient.h"
#include "core/storage/RequestLogWriter.h"
#include "support/GatewayFixture.h"
#include "support/TestClock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

namespace {

struct Answer
{
    int status = 0;
    QByteArray retryAfter;
    QByteArray body;
    bool done = false;

    QString code() const
    {
        return QJsonDocument::fromJson(body)
            .object()
            .value(QLatin1String("error"))
            .toObject()
            .value(QLatin1String("code"))
            .toString();
    }
};

// A small request whose reservation is close to its real cost: 7 output
// tokens asked for, and FakeUpstream answers 12 prompt + 7 completion tokens.
const QByteArray kSmall = R"({"model":"fast","max_tokens":7,"messages":[{"role":"user","content":"hi"}]})";

} // namespace

// Budgets and rate limits through a real gateway in front of FakeUpstream:
// reservations that hold under concurrency, periods that turn over with the
// clock, spend that survives log retention and restarts.
class TestGatewayBudgets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void concurrentRequestsCannotOverspendBudget();
    void streamThatWouldExceedBudgetIsRefusedAtAdmission();
    void budgetRefusalSpeaksAnthropicOnMessages();
    void budgetTurnsOverWithItsPeriod();
    void retentionAndRestartLeaveSpendUnchanged();
    void budgetedKeyCannotCallUnpricedModel();
    void unpricedModelAllowedPerKey();
    void tpmHoldsUnderConcurrencyAndSettles();
    void maxParallelHoldsUnderConcurrency();
    void softLimitSignalsOncePerPeriod();
    void configReadsBudgetBlockAndLimits();

private:
    QString createKey(KeyStore::NewKey spec);
    QList<Answer> fire(int count, const QString &key, const QByteArray &body = kSmall, int timeoutMs = 15000);
    Answer call(const QString &key, const QByteArray &body = kSmall);
    double loggedSpend(const QString &keyName);
    double ledgerSpend(const QString &keyName);
    int loggedRows(const QString &keyName);

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<HttpClient> http;
};

void TestGatewayBudgets::init()
{
    f = std::make_unique<GatewayFixture>();
    QString error;
    QVERIFY2(f->setUp(&error), qPrintable(error));
    http = std::make_unique<HttpClient>();
}

void TestGatewayBudgets::cleanup()
{
    http.reset();
    f.reset();
}

QString TestGatewayBudgets::createKey(KeyStore::NewKey spec)
{
    QString error;
    const QString key = f->keys->create(spec, &error);
    if (key.isEmpty())
        qWarning("cannot create a key: %s", qPrintable(error));
    f->gateway->reloadNow();
    return key;
}

QList<Answer> TestGatewayBudgets::fire(int count, const QString &key, const QByteArray &body, int timeoutMs)
{
    QList<Answer> answers(count);
    int done = 0;
    for (int i = 0; i < count; ++i) {
        HttpRequest req;
        req.method = "POST";
        req.url = (f->baseUrl() + QStringLiteral("/v1/chat/completions")).toUtf8();
        req.body = body;
        req.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + key.toUtf8()}};
        req.firstByteTimeoutMs = timeoutMs;
        HttpClient::Handler h;
        h.onHead = [&answers, i](const HttpResponseHead &head) {
            answers[i].status = head.status;
            answers[i].retryAfter = head.header("retry-after");
        };
        h.onData = [&answers, i](const char *data, qsizetype size) { answers[i].body.append(data, size); };
        h.onDone = [&answers, &done, i](const HttpResult &) {
            answers[i].done = true;
            ++done;
        };
        http->start(req, h);
    }
    QTest::qWaitFor([&] { return done == count; }, timeoutMs + 5000);
    return answers;
}

Answer TestGatewayBudgets::call(const QString &key, const QByteArray &body)
{
    return fire(1, key, body).value(0);
}

double TestGatewayBudgets::loggedSpend(const QString &keyName)
{
    f->flushLog();
    QSqlQuery q(f->db->connection());
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(cost_usd), 0) FROM request_log WHERE key_name = ?"));
    q.addBindValue(keyName);
    return q.exec() && q.next() ? q.value(0).toDouble() : -1;
}

// Rows are appended after the exchange settled: counting them is how a test
// knows every settlement has happened.
int TestGatewayBudgets::loggedRows(const QString &keyName)
{
    f->flushLog();
    QSqlQuery q(f->db->connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM request_log WHERE key_name = ?"));
    q.addBindValue(keyName);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

double TestGatewayBudgets::ledgerSpend(const QString &keyName)
{
    f->flushLog();
    const auto key = f->keys->findByName(keyName);
    if (!key)
        return -1;
    return SpendLedger::spentSince(f->db->connection(), {BudgetHolder::Kind::Key, key->id}, QDate());
}

void TestGatewayBudgets::concurrentRequestsCannotOverspendBudget()
{
    // What one small request really costs, measured on an unbudgeted key.
    QCOMPARE(call(f->fullKey).status, 200);
    QTRY_COMPARE(loggedRows(QStringLiteral("full")), 1);
    const double one = loggedSpend(QStringLiteral("full"));
    QVERIFY(one > 0);

    KeyStore::NewKey spec;
    spec.name = QStringLiteral("five");
    spec.budgetUsd = 5 * one;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    f->openai.setResponseDelayMs(500); // every request is in flight at once
    f->openai.setRecording(false);

    const QList<Answer> answers = fire(50, key);
    int ok = 0;
    int refused = 0;
    for (const Answer &a : answers) {
        QVERIFY(a.done);
        if (a.status == 200)
            ++ok;
        else if (a.status == 429 && a.code() == QLatin1String("budget_exceeded"))
            ++refused;
    }
    qInfo("50 concurrent requests, budget for 5: %d answered, %d refused", ok, refused);
    QVERIFY2(ok >= 1 && ok <= 6, qPrintable(QString::number(ok)));
    QCOMPARE(ok + refused, 50);
    QTRY_COMPARE(loggedRows(spec.name), 50);
    // The key's spend stays within its budget plus one request's estimate.
    QVERIFY2(loggedSpend(spec.name) <= spec.budgetUsd + 2 * one, qPrintable(QString::number(loggedSpend(spec.name))));
}

void TestGatewayBudgets::streamThatWouldExceedBudgetIsRefusedAtAdmission()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("streamer");
    spec.budgetUsd = 0.001;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    const int before = f->openai.requestCount();
    // 100k output tokens at 2 USD per 1M could cost 0.2 USD: far over 0.001.
    const Answer big = call(key, R"({"model":"fast","stream":true,"max_tokens":100000,"messages":[]})");
    QCOMPARE(big.status, 429);
    QCOMPARE(big.code(), QStringLiteral("budget_exceeded"));
    QCOMPARE(f->openai.requestCount(), before); // nothing went upstream
    QVERIFY(QString::fromUtf8(big.body).contains(QLatin1String("max_tokens")));
    // A stream that fits is served.
    QCOMPARE(call(key, R"({"model":"fast","stream":true,"max_tokens":7,"messages":[]})").status, 200);
}

void TestGatewayBudgets::budgetRefusalSpeaksAnthropicOnMessages()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("claude-budget");
    spec.budgetUsd = 0.01;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    HttpRequest req;
    req.method = "POST";
    req.url = (f->baseUrl() + QStringLiteral("/v1/messages")).toUtf8();
    // 64k output tokens at 15 USD per 1M could cost ~0.96 USD.
    req.body = R"({"model":"sonnet","max_tokens":64000,"messages":[{"role":"user","content":"hi"}]})";
    req.headers = {
        {"Content-Type", "application/json"}, {"anthropic-version", "2023-06-01"}, {"x-api-key", key.toUtf8()}};
    Answer a;
    HttpClient::Handler h;
    h.onHead = [&](const HttpResponseHead &head) { a.status = head.status; };
    h.onData = [&](const char *data, qsizetype size) { a.body.append(data, size); };
    h.onDone = [&](const HttpResult &) { a.done = true; };
    http->start(req, h);
    QTRY_VERIFY(a.done);
    QCOMPARE(a.status, 429);
    const QJsonObject o = QJsonDocument::fromJson(a.body).object();
    QCOMPARE(o.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("rate_limit_error"));
    QVERIFY(o.value(QLatin1String("error"))
                .toObject()
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("budget")));
    QCOMPARE(f->anthropic.requestCount(), 0);
}

void TestGatewayBudgets::budgetTurnsOverWithItsPeriod()
{
    // Noon local time on a Tuesday: twelve hours to the daily turnover.
    const qint64 noon = QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::LocalTime).toMSecsSinceEpoch();
    TestClock clock(noon);
    QCOMPARE(call(f->fullKey).status, 200);
    QTRY_COMPARE(loggedRows(QStringLiteral("full")), 1);
    const double one = loggedSpend(QStringLiteral("full"));

    KeyStore::NewKey spec;
    spec.name = QStringLiteral("daily");
    spec.budgetUsd = 2 * one; // the first fits (its estimate is about 1.5 of it), a second does not
    spec.budgetPeriod = BudgetPeriod::Kind::Daily;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    QCOMPARE(call(key).status, 200);
    const Answer over = call(key);
    QCOMPARE(over.status, 429);
    QCOMPARE(over.code(), QStringLiteral("budget_exceeded"));
    const qint64 midnight = QDateTime(QDate(2026, 3, 11), QTime(0, 0), Qt::LocalTime).toMSecsSinceEpoch();
    QCOMPARE(over.retryAfter.toLongLong(), (midnight - noon) / 1000);

    clock.advance(midnight - noon - 1000); // a second before midnight: still spent
    QCOMPARE(call(key).status, 429);
    clock.advance(2000); // the next day
    QCOMPARE(call(key).status, 200);
    QCOMPARE(call(key).status, 429);
}

void TestGatewayBudgets::retentionAndRestartLeaveSpendUnchanged()
{
    QCOMPARE(call(f->fullKey).status, 200);
    QTRY_COMPARE(loggedRows(QStringLiteral("full")), 1);
    const double one = loggedSpend(QStringLiteral("full"));
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("kept");
    spec.budgetUsd = 2 * one;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    // Spend until the budget says no (one request here: the second's estimate
    // does not fit in what is left).
    int answered = 0;
    while (answered < 5 && call(key).status == 200)
        ++answered;
    QVERIFY(answered >= 1 && answered < 5);
    QTRY_COMPARE(loggedRows(spec.name), answered + 1);
    const double spent = ledgerSpend(spec.name);
    QVERIFY(spent > 0);
    QVERIFY(qAbs(spent - loggedSpend(spec.name)) < 1e-12);

    // Retention empties the log; a routing reload must not forget the spend.
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM request_log")));
    // A configuration change, so the reload really rebuilds the routing table.
    KeyStore::NewKey other;
    other.name = QStringLiteral("unrelated");
    QVERIFY(!createKey(other).isEmpty());
    QCOMPARE(call(key).status, 429);

    // Nor a restart over the emptied log.
    f->gateway->stop();
    f->gateway = std::make_unique<Gateway>(*f->db, &f->providerKeys, &f->monitor);
    GatewayOptions options;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.logFlushIntervalMs = 50;
    QString error;
    QVERIFY2(f->gateway->start(options, &error), qPrintable(error));
    const Answer after = call(key);
    QCOMPARE(after.status, 429);
    QCOMPARE(after.code(), QStringLiteral("budget_exceeded"));
    QVERIFY(qAbs(ledgerSpend(spec.name) - spent) < 1e-12);
}

void TestGatewayBudgets::budgetedKeyCannotCallUnpricedModel()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("careful");
    spec.budgetUsd = 10;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    const int before = f->openai.requestCount();
    // gpt-x has no alias pricing and is in no price table.
    const Answer a = call(key, R"({"model":"up/gpt-x","messages":[]})");
    QCOMPARE(a.status, 403);
    QCOMPARE(a.code(), QStringLiteral("model_unpriced"));
    QVERIFY(QString::fromUtf8(a.body).contains(QLatin1String("no price")));
    QCOMPARE(f->openai.requestCount(), before);
    // The unbudgeted key may.
    QCOMPARE(call(f->fullKey, R"({"model":"up/gpt-x","messages":[]})").status, 200);
}

void TestGatewayBudgets::unpricedModelAllowedPerKey()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("trusting");
    spec.budgetUsd = 10;
    spec.allowUnpriced = true;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    QCOMPARE(call(key, R"({"model":"up/gpt-x","messages":[]})").status, 200);
}

void TestGatewayBudgets::tpmHoldsUnderConcurrencyAndSettles()
{
    // kSmall reserves about 19 prompt (its size / 4) + 7 output = 26 tokens;
    // FakeUpstream reports 12 + 7 = 19 used.
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("tokens");
    spec.tpm = 100;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    f->openai.setResponseDelayMs(500);
    f->openai.setRecording(false);
    const QList<Answer> answers = fire(10, key);
    int ok = 0;
    for (const Answer &a : answers) {
        if (a.status == 200) {
            ++ok;
            continue;
        }
        QCOMPARE(a.status, 429);
        QCOMPARE(a.code(), QStringLiteral("rate_limit_exceeded"));
        QVERIFY(a.retryAfter.toInt() >= 1 && a.retryAfter.toInt() <= 60);
    }
    QCOMPARE(ok, 3);
    QTRY_COMPARE(loggedRows(spec.name), 10);
    // Settled at 19 tokens each (57): one more reservation of 26 fits in 100;
    // had the reservations stayed (78), it would not.
    f->openai.setResponseDelayMs(0);
    QCOMPARE(call(key).status, 200);
    QCOMPARE(call(key).status, 429);
}

void TestGatewayBudgets::maxParallelHoldsUnderConcurrency()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("narrowpipe");
    spec.maxParallel = 3;
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    f->openai.setResponseDelayMs(500);
    f->openai.setRecording(false);
    const QList<Answer> answers = fire(12, key);
    int ok = 0;
    for (const Answer &a : answers) {
        if (a.status == 200) {
            ++ok;
            continue;
        }
        QCOMPARE(a.status, 429);
        QCOMPARE(a.code(), QStringLiteral("rate_limit_exceeded"));
        QVERIFY(a.retryAfter.toInt() >= 1);
    }
    QCOMPARE(ok, 3);
    QTRY_COMPARE(loggedRows(spec.name), 12);
    // The slots come back when the requests end.
    f->openai.setResponseDelayMs(0);
    const QList<Answer> again = fire(3, key);
    for (const Answer &a : again)
        QCOMPARE(a.status, 200);
}

void TestGatewayBudgets::softLimitSignalsOncePerPeriod()
{
    QSignalSpy spy(&f->monitor, &GatewayMonitor::softLimitReached);
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("warned");
    spec.budgetUsd = 1;
    spec.softUsd = 0.00001; // below one request
    const QString key = createKey(spec);
    QVERIFY(!key.isEmpty());
    QCOMPARE(call(key).status, 200);
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(1).toString(), spec.name);
    QCOMPARE(call(key).status, 200);
    QCOMPARE(call(key).status, 200);
    // Settled before logged: once the rows are there, any second signal was
    // already posted, and processing events delivers it.
    QTRY_COMPARE(loggedRows(spec.name), 3);
    QCoreApplication::processEvents();
    QCOMPARE(spy.count(), 1);
}

void TestGatewayBudgets::configReadsBudgetBlockAndLimits()
{
    ConfigParser parser;
    const auto doc = parser.parse(R"(
keys:
  - name: monthly
    budget: { usd: 25, period: monthly, soft_usd: 20 }
    tpm: 10000
    max_parallel: 4
    allow_unpriced: true
  - name: legacy
    budget_usd: 12.5
)",
                                  QStringLiteral("t.yaml"));
    QVERIFY2(doc, qPrintable(parser.errorText()));
    QCOMPARE(doc->keys.size(), 2);
    const KeyStore::NewKey &m = doc->keys.at(0).spec;
    QCOMPARE(m.budgetUsd, 25.0);
    QCOMPARE(m.budgetPeriod, BudgetPeriod::Kind::Monthly);
    QCOMPARE(m.softUsd, 20.0);
    QCOMPARE(m.tpm, 10000);
    QCOMPARE(m.maxParallel, 4);
    QVERIFY(m.allowUnpriced);
    const KeyStore::NewKey &legacy = doc->keys.at(1).spec;
    QCOMPARE(legacy.budgetUsd, 12.5);
    QCOMPARE(legacy.budgetPeriod, BudgetPeriod::Kind::Total);

    // Stored and read back as the gateway sees it.
    QString error;
    QVERIFY2(!f->keys->create(m, &error).isEmpty(), qPrintable(error));
    const auto stored = f->keys->findByName(QStringLiteral("monthly"));
    QVERIFY(stored);
    QCOMPARE(stored->budgetPeriod, BudgetPeriod::Kind::Monthly);
    QCOMPARE(stored->softUsd, 20.0);
    QCOMPARE(stored->tpm, 10000);
    QCOMPARE(stored->maxParallel, 4);
    QVERIFY(stored->allowUnpriced);

    ConfigParser bad;
    QVERIFY(!bad.parse("keys:\n  - name: x\n    budget: { usd: 5, period: yearly }\n", QStringLiteral("b.yaml")));
    QVERIFY2(bad.errorText().contains(QLatin1String("yearly")), qPrintable(bad.errorText()));
}

QTEST_GUILESS_MAIN(TestGatewayBudgets)
#include "tst_gateway_budgets.moc"
