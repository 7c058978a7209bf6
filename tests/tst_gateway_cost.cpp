#include "support/GatewayFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

// What the gateway logs as a request's cost, against the bill computed by
// hand from the bundled table and the upstream's usage (Anthropic cache
// writes, 1-hour writes, models called by provider/model or bare id).
class TestGatewayCost : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void anthropicCacheWritesAreBilled_data();
    void anthropicCacheWritesAreBilled();
    void cancelledStreamIsChargedForWhatWasProduced();
    void upstreamDyingMidStreamIsChargedByEstimate();
    void completeStreamIsNotEstimated();

private:
    // POSTs to /v1/messages over a raw loopback socket, returns the status code.
    int postMessages(const QByteArray &body);

    struct Row
    {
        int status = 0;
        qint64 prompt = 0, completion = 0;
        double cost = 0;
        bool estimated = false;
    };
    // The newest log row, once the writer has stored `count` rows.
    Row lastRow(int count = 1);
    QByteArray streamRequest(const QByteArray &route, const QString &model) const;

    std::unique_ptr<GatewayFixture> f;
};

void TestGatewayCost::init()
{
    f = std::make_unique<GatewayFixture>();
    QString error;
    QVERIFY2(f->setUp(&error), qPrintable(error));
    // A model the bundled table knows only under its dated id's family name,
    // and an alias overriding its input/output/read prices (not its writes).
    ModelStore::Outcome outcome;
    QVERIFY2(f->models->applyDiscovery(f->anthropicProvider.id,
                                       {{QStringLiteral("claude-x")}, {QStringLiteral("claude-sonnet-4-5-20250929")}},
                                       &outcome, &error),
             qPrintable(error));
    Alias priced;
    priced.alias = QStringLiteral("sonnet45");
    priced.providerId = f->anthropicProvider.id;
    priced.modelId = QStringLiteral("claude-sonnet-4-5-20250929");
    priced.pricing = {2.0, 10.0, 0.2};
    QVERIFY2(f->aliases->create(priced, &error), qPrintable(error));
    f->gateway->reloadNow();
}

void TestGatewayCost::cleanup()
{
    f.reset();
}

int TestGatewayCost::postMessages(const QByteArray &body)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    if (!socket.waitForConnected(3000))
        return -1;
    socket.write("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nx-api-key: "
                 + f->fullKey.toUtf8() + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\n"
                 + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray response;
    const bool closed = QTest::qWaitFor(
        [&] {
            response += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000);
    response += socket.readAll();
    if (!closed)
        return -2;
    const QList<QByteArray> statusLine = response.left(response.indexOf("\r\n")).split(' ');
    return statusLine.value(1).toInt();
}

void TestGatewayCost::anthropicCacheWritesAreBilled_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<int>("writes");
    QTest::addColumn<int>("writes1h");
    QTest::addColumn<double>("expectedUsd");

    // The fake reports input 12 (excluding the cache), cache reads 2, output 7.
    // Bundled claude-sonnet-4-5 (USD/1M): input 3, output 15, read 0.30, write 3.75, 1h write 6.
    const double bundled5m = (12 * 3.0 + 2 * 0.30 + 100 * 3.75 + 7 * 15.0) / 1e6;
    const double bundledSplit = (12 * 3.0 + 2 * 0.30 + 60 * 3.75 + 40 * 6.0 + 7 * 15.0) / 1e6;
    // Override 2/10/0.2; the writes it does not price come from the table.
    const double overrideSplit = (12 * 2.0 + 2 * 0.2 + 60 * 3.75 + 40 * 6.0 + 7 * 10.0) / 1e6;
    for (bool stream : {false, true}) {
        const char *mode = stream ? "stream" : "json";
        QTest::addRow("provider/model dated, 5m writes, %s", mode)
            << QStringLiteral("anth/claude-sonnet-4-5-20250929") << stream << 100 << 0 << bundled5m;
        QTest::addRow("bare id, 1h split, %s", mode)
            << QStringLiteral("claude-sonnet-4-5-20250929") << stream << 100 << 40 << bundledSplit;
        QTest::addRow("alias override, 1h split, %s", mode)
            << QStringLiteral("sonnet45") << stream << 100 << 40 << overrideSplit;
    }
}

void TestGatewayCost::anthropicCacheWritesAreBilled()
{
    QFETCH(QString, model);
    QFETCH(bool, stream);
    QFETCH(int, writes);
    QFETCH(int, writes1h);
    QFETCH(double, expectedUsd);

    f->anthropic.setAnthropicCacheWrites(writes, writes1h);
    const QByteArray body =
        QJsonDocument(
            QJsonObject{{QStringLiteral("model"), model},
                        {QStringLiteral("max_tokens"), 64},
                        {QStringLiteral("stream"), stream},
                        {QStringLiteral("messages"),
                         QJsonArray{QJsonObject{{QStringLiteral("role"), "user"}, {QStringLiteral("content"), "Hi"}}}}})
            .toJson(QJsonDocument::Compact);
    QCOMPARE(postMessages(body), 200);

    f->flushLog();
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT prompt_tokens, cached_tokens, cache_write_tokens, completion_tokens, "
                                  "cost_usd FROM request_log ORDER BY id DESC LIMIT 1")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), qint64(FakeUpstream::kPromptTokens + FakeUpstream::kCachedTokens + writes));
    QCOMPARE(q.value(1).toLongLong(), qint64(FakeUpstream::kCachedTokens));
    QCOMPARE(q.value(2).toLongLong(), qint64(writes));
    QCOMPARE(q.value(3).toLongLong(), qint64(FakeUpstream::kCompletionTokens));
    const double cost = q.value(4).toDouble();
    QVERIFY2(qAbs(cost - expectedUsd) < 1e-12,
             qPrintable(QStringLiteral("logged %1, billed %2").arg(cost, 0, 'g', 12).arg(expectedUsd, 0, 'g', 12)));
}

TestGatewayCost::Row TestGatewayCost::lastRow(int count)
{
    Row row;
    const bool stored = QTest::qWaitFor(
        [&] {
            f->flushLog();
            QSqlQuery n(f->db->connection());
            return n.exec(QStringLiteral("SELECT COUNT(*) FROM request_log")) && n.next()
                   && n.value(0).toInt() >= count;
        },
        10000);
    if (!stored)
        return row;
    QSqlQuery q(f->db->connection());
    if (q.exec(QStringLiteral("SELECT status, prompt_tokens, completion_tokens, cost_usd, cost_estimated FROM "
                              "request_log ORDER BY id DESC LIMIT 1"))
        && q.next())
        row = {q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toDouble(),
               q.value(4).toBool()};
    return row;
}

QByteArray TestGatewayCost::streamRequest(const QByteArray &route, const QString &model) const
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("model"), model},
                                  {QStringLiteral("max_tokens"), 64},
                                  {QStringLiteral("stream"), true},
                                  {QStringLiteral("messages"),
                                   QJsonArray{QJsonObject{{QStringLiteral("role"), "user"},
                                                          {QStringLiteral("content"), "Tell me a long story."}}}}})
            .toJson(QJsonDocument::Compact);
    return "POST " + route + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
           + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void TestGatewayCost::cancelledStreamIsChargedForWhatWasProduced()
{
    // message_start reports the input (12 + 2 cache reads) and output 1; the
    // running output count would come in message_delta, which never arrives.
    f->anthropic.setStreamChunks(200, 20);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write(streamRequest("/v1/messages", QStringLiteral("anth/claude-sonnet-4-5-20250929")));
    QByteArray seen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            seen += socket.readAll();
            return seen.count("event: content_block_delta") >= 6;
        },
        10000));
    socket.abort(); // the client walks away mid-stream

    const Row row = lastRow();
    QCOMPARE(row.status, 499);
    QVERIFY(row.estimated);
    QCOMPARE(row.prompt, qint64(FakeUpstream::kPromptTokens + FakeUpstream::kCachedTokens)); // the upstream's count
    // At least the text the client saw ("Hello piece1 ... piece5", 40 characters), ~4 characters a token.
    QVERIFY2(row.completion >= 10 && row.completion < 200 * 8 / 4, qPrintable(QString::number(row.completion)));
    const double billed =
        (FakeUpstream::kPromptTokens * 3.0 + FakeUpstream::kCachedTokens * 0.30 + row.completion * 15.0) / 1e6;
    QVERIFY2(qAbs(row.cost - billed) < 1e-12, qPrintable(QString::number(row.cost, 'g', 12)));
}

void TestGatewayCost::upstreamDyingMidStreamIsChargedByEstimate()
{
    // The OpenAI stream breaks halfway: no usage chunk ever arrives.
    f->openai.setDieMidStream(true);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write(streamRequest("/v1/chat/completions", QStringLiteral("fast")));
    QByteArray seen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            seen += socket.readAll();
            return seen.contains("0\r\n\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000));
    QVERIFY2(seen.contains("Hello"), seen.constData());

    const Row row = lastRow();
    QCOMPARE(row.status, 502);
    QVERIFY(row.estimated);
    // "Tell me a long story." is 21 characters: 6 tokens at ~4 a token.
    QCOMPARE(row.prompt, qint64(6));
    QVERIFY(row.completion > 0);
    // Alias "fast": 1.00 in, 2.00 out per 1M.
    QCOMPARE(row.cost, (row.prompt * 1.0 + row.completion * 2.0) / 1e6);
}

void TestGatewayCost::completeStreamIsNotEstimated()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(socket.waitForConnected(3000));
    socket.write(streamRequest("/v1/chat/completions", QStringLiteral("fast")));
    QByteArray seen;
    QVERIFY(QTest::qWaitFor(
        [&] {
            seen += socket.readAll();
            return seen.endsWith("0\r\n\r\n");
        },
        10000));
    const Row row = lastRow();
    QCOMPARE(row.status, 200);
    QVERIFY(!row.estimated);
    QCOMPARE(row.prompt, qint64(FakeUpstream::kPromptTokens));
    QCOMPARE(row.completion, qint64(FakeUpstream::kCompletionTokens));
}

QTEST_GUILESS_MAIN(TestGatewayCost)
#include "tst_gateway_cost.moc"
