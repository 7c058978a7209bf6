#include "core/net/HttpClient.h"
#include "support/GatewayFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

// What the provider receives: the client's bytes, with only the gateway's own
// edits (the model id, alias defaults where the route takes them, the usage
// request in OpenAI streams), key order, spacing and number spelling untouched.
class TestGatewayForwarding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void structuredOutputSchemaKeepsItsOrder();
    void untouchedBytesWhenNothingIsEdited();
    void byteOrderMarkIsDropped();
    void streamOptionsSplicedIntoTheClientsBytes_data();
    void streamOptionsSplicedIntoTheClientsBytes();
    void defaultsOnlyWhereTheRouteTakesThem_data();
    void defaultsOnlyWhereTheRouteTakesThem();
    void requestLogStoresTheBodyAsSentUpstream();
    void duplicateModelIsRefused();
    void invalidJsonStillRefusedWithOffset();
    void demoModelStillReadsTheRequest();
    void oversizedStreamEventEndsTheStream();

private:
    struct Response
    {
        int status = 0;
        QByteArray body;
        HttpResult result;
    };
    Response post(const QString &path, const QByteArray &body, const HttpHeaders &headers = {});
    QByteArray lastUpstreamBody(const FakeUpstream &upstream) const;

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<HttpClient> http;
};

void TestGatewayForwarding::init()
{
    f = std::make_unique<GatewayFixture>();
    QString error;
    QVERIFY2(f->setUp(&error), qPrintable(error));
    // An Anthropic alias with defaults, some of which the Messages API does not take.
    Alias sonnetDefaults;
    sonnetDefaults.alias = QStringLiteral("sonnet-d");
    sonnetDefaults.providerId = f->anthropicProvider.id;
    sonnetDefaults.modelId = QStringLiteral("claude-x");
    sonnetDefaults.defaults = QJsonObject{{QStringLiteral("max_tokens"), 256},
                                          {QStringLiteral("temperature"), 0.5},
                                          {QStringLiteral("frequency_penalty"), 0.1}};
    QVERIFY2(f->aliases->create(sonnetDefaults, &error), qPrintable(error));
    f->gateway->reloadNow();
    http = std::make_unique<HttpClient>();
}

void TestGatewayForwarding::cleanup()
{
    http.reset();
    f.reset();
}

TestGatewayForwarding::Response TestGatewayForwarding::post(const QString &path, const QByteArray &body,
                                                            const HttpHeaders &headers)
{
    Response r;
    HttpRequest req;
    req.method = "POST";
    req.url = (f->baseUrl() + path).toUtf8();
    req.body = body;
    req.headers = headers;
    req.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    req.headers.append(qMakePair(QByteArray("Authorization"), "Bearer " + f->fullKey.toUtf8()));
    req.firstByteTimeoutMs = 10000;
    bool done = false;
    HttpClient::Handler h;
    h.onHead = [&](const HttpResponseHead &head) { r.status = head.status; };
    h.onData = [&](const char *data, qsizetype size) { r.body.append(data, size); };
    h.onDone = [&](const HttpResult &result) {
        r.result = result;
        done = true;
    };
    http->start(req, h);
    QElapsedTimer waited;
    waited.start();
    while (!done && waited.elapsed() < 15000)
        QTest::qWait(1);
    return r;
}

QByteArray TestGatewayForwarding::lastUpstreamBody(const FakeUpstream &upstream) const
{
    const auto requests = upstream.requests();
    return requests.isEmpty() ? QByteArray() : requests.last().body;
}

// Before: the body went through QJsonObject, which sorts keys (the schema's
// properties arrived as city, population, reasoning) and rewrites numbers.
void TestGatewayForwarding::structuredOutputSchemaKeepsItsOrder()
{
    const QByteArray body = R"({"model": "fast",
  "messages": [{"role": "user", "content": "Where is the Eiffel tower? caf\u00e9"}],
  "temperature": 1.0,
  "top_p": 1e0,
  "seed": 12345678901234567890,
  "response_format": {"type": "json_schema", "json_schema": {"name": "place", "strict": true,
    "schema": {"type": "object",
      "properties": {"reasoning": {"type": "string"}, "city": {"type": "string"}, "population": {"type": "integer", "minimum": 1e2}},
      "required": ["reasoning", "city", "population"], "additionalProperties": false}}}
})";
    const Response r = post(QStringLiteral("/v1/chat/completions"), body);
    QCOMPARE(r.status, 200);
    // The model value and the omitted max_tokens default are the only edits
    // (temperature was sent, so its default is not added).
    QByteArray expected = body;
    expected.replace(R"("model": "fast")", R"("model": "gpt-x")");
    expected.insert(expected.lastIndexOf("}}}") + 3, R"(,"max_tokens":64)");
    QCOMPARE(lastUpstreamBody(f->openai), expected);
    const QByteArray sent = lastUpstreamBody(f->openai);
    QVERIFY(sent.indexOf("\"reasoning\": {") < sent.indexOf("\"city\": {"));
    QVERIFY(sent.indexOf("\"city\": {") < sent.indexOf("\"population\": {"));
}

void TestGatewayForwarding::untouchedBytesWhenNothingIsEdited()
{
    // A bare upstream id (no alias, no defaults, the same model id upstream).
    const QByteArray body = "{\n  \"model\" : \"gpt-x\",\n  \"messages\" : [ ],\n  \"n\" : 1.0\n}\n";
    const Response r = post(QStringLiteral("/v1/chat/completions"), body);
    QCOMPARE(r.status, 200);
    QCOMPARE(lastUpstreamBody(f->openai), body);
}

// A body saved by an editor that writes a BOM (curl -d @file.json): accepted
// as Qt's parser did, and not passed on to parsers that refuse it.
void TestGatewayForwarding::byteOrderMarkIsDropped()
{
    const QByteArray body = "{\"model\": \"gpt-x\", \"messages\": []}";
    const Response r = post(QStringLiteral("/v1/chat/completions"), "\xef\xbb\xbf" + body);
    QCOMPARE(r.status, 200);
    QCOMPARE(lastUpstreamBody(f->openai), body);
}

void TestGatewayForwarding::streamOptionsSplicedIntoTheClientsBytes_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("added") << QByteArray("{\"model\":\"gpt-x\", \"stream\": true, \"messages\": [], \"t\": 1.0 }")
                           << QByteArray("{\"model\":\"gpt-x\", \"stream\": true, \"messages\": [], \"t\": 1.0,"
                                         "\"stream_options\":{\"include_usage\":true} }");
    QTest::newRow("false flipped in place")
        << QByteArray(R"({"stream_options": {"include_usage": false}, "model":"gpt-x", "stream": true})")
        << QByteArray(R"({"stream_options": {"include_usage": true}, "model":"gpt-x", "stream": true})");
    QTest::newRow("completed inside the caller's object")
        << QByteArray(R"({"stream":true,"model":"gpt-x","stream_options":{}})")
        << QByteArray(R"({"stream":true,"model":"gpt-x","stream_options":{"include_usage":true}})");
}

void TestGatewayForwarding::streamOptionsSplicedIntoTheClientsBytes()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    const Response r = post(QStringLiteral("/v1/chat/completions"), body);
    QCOMPARE(r.status, 200);
    QCOMPARE(lastUpstreamBody(f->openai), expected);
    // The caller did not ask for the usage chunk, so it does not get it.
    QVERIFY2(!r.body.contains("\"usage\":{"), r.body.constData());
    QVERIFY(r.body.contains("data: [DONE]"));
}

// "fast" has the defaults temperature 0.2 and max_tokens 64; "sonnet-d" has
// max_tokens 256, temperature 0.5 and frequency_penalty 0.1.
void TestGatewayForwarding::defaultsOnlyWhereTheRouteTakesThem_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("anthropic");

    QTest::newRow("chat: both defaults") << "/v1/chat/completions" << QByteArray(R"({"model":"fast","messages":[]})")
                                         << QByteArray(
                                                R"({"model":"gpt-x","messages":[],"max_tokens":64,"temperature":0.2})")
                                         << false;
    QTest::newRow("chat: the caller's max_completion_tokens is the limit")
        << "/v1/chat/completions" << QByteArray(R"({"max_completion_tokens":5,"model":"fast","messages":[]})")
        << QByteArray(R"({"max_completion_tokens":5,"model":"gpt-x","messages":[],"temperature":0.2})") << false;
    QTest::newRow("responses: max_output_tokens, never max_tokens")
        << "/v1/responses" << QByteArray(R"({"model":"fast","input":"hi"})")
        << QByteArray(R"({"model":"gpt-x","input":"hi","max_output_tokens":64,"temperature":0.2})") << false;
    QTest::newRow("responses: the caller's max_output_tokens wins")
        << "/v1/responses" << QByteArray(R"({"input":"hi","max_output_tokens":9,"model":"fast"})")
        << QByteArray(R"({"input":"hi","max_output_tokens":9,"model":"gpt-x","temperature":0.2})") << false;
    QTest::newRow("embeddings: nothing chat-specific")
        << "/v1/embeddings" << QByteArray(R"({"model":"fast","input":"x"})")
        << QByteArray(R"({"model":"gpt-x","input":"x"})") << false;
    QTest::newRow("moderations: nothing") << "/v1/moderations" << QByteArray(R"({"model":"fast","input":"x"})")
                                          << QByteArray(R"({"model":"gpt-x","input":"x"})") << false;
    QTest::newRow("audio speech: nothing chat-specific")
        << "/v1/audio/speech" << QByteArray(R"({"model":"fast","input":"x","voice":"alloy"})")
        << QByteArray(R"({"model":"gpt-x","input":"x","voice":"alloy"})") << false;
    QTest::newRow("messages: max_tokens and temperature, not frequency_penalty")
        << "/v1/messages" << QByteArray(R"({"model":"sonnet-d","messages":[]})")
        << QByteArray(R"({"model":"claude-x","messages":[],"max_tokens":256,"temperature":0.5})") << true;
    QTest::newRow("messages: the caller's max_tokens wins")
        << "/v1/messages" << QByteArray(R"({"model":"sonnet-d","max_tokens":8,"messages":[]})")
        << QByteArray(R"({"model":"claude-x","max_tokens":8,"messages":[],"temperature":0.5})") << true;
    QTest::newRow("count_tokens: no sampling parameters")
        << "/v1/messages/count_tokens" << QByteArray(R"({"model":"sonnet-d","messages":[]})")
        << QByteArray(R"({"model":"claude-x","messages":[]})") << true;
}

void TestGatewayForwarding::defaultsOnlyWhereTheRouteTakesThem()
{
    QFETCH(QString, route);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expected);
    QFETCH(bool, anthropic);
    const HttpHeaders headers = anthropic ? HttpHeaders{{"anthropic-version", "2023-06-01"}} : HttpHeaders{};
    const Response r = post(route, body, headers);
    QCOMPARE(r.status, 200);
    QCOMPARE(lastUpstreamBody(anthropic ? f->anthropic : f->openai), expected);
}

void TestGatewayForwarding::requestLogStoresTheBodyAsSentUpstream()
{
    const QByteArray body = R"({"model":"fast","messages":[],"z":{"b":1,"a":1.0}})";
    QCOMPARE(post(QStringLiteral("/v1/chat/completions"), body).status, 200);
    const QByteArray sent = lastUpstreamBody(f->openai);
    QCOMPARE(sent,
             QByteArray(R"({"model":"gpt-x","messages":[],"z":{"b":1,"a":1.0},"max_tokens":64,"temperature":0.2})"));
    f->flushLog();
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT request_body FROM request_log ORDER BY id DESC LIMIT 1")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toByteArray(), sent);
}

// Parsers disagree on which of two "model" members counts; forwarding both
// would let a key allowed one model reach another.
void TestGatewayForwarding::duplicateModelIsRefused()
{
    const Response r =
        post(QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[],"mod\u0065l":"up/gpt-x"})");
    QCOMPARE(r.status, 400);
    const QJsonObject error = QJsonDocument::fromJson(r.body).object().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("invalid_request"));
    QVERIFY2(error.value(QLatin1String("message")).toString().contains(QLatin1String("'model'")), r.body.constData());
    QCOMPARE(f->openai.requestCount(), 0);
}

void TestGatewayForwarding::invalidJsonStillRefusedWithOffset()
{
    const Response r = post(QStringLiteral("/v1/chat/completions"), R"({"model":"fast","n":01})");
    QCOMPARE(r.status, 400);
    const QJsonObject error = QJsonDocument::fromJson(r.body).object().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("invalid_json"));
    QVERIFY2(error.value(QLatin1String("message")).toString().contains(QLatin1String("offset 21")), r.body.constData());
    QCOMPARE(f->openai.requestCount(), 0);
}

void TestGatewayForwarding::demoModelStillReadsTheRequest()
{
    const Response r = post(QStringLiteral("/v1/chat/completions"),
                            R"({"model":"demo/demo-chat","messages":[{"role":"user","content":"hello"}]})");
    QCOMPARE(r.status, 200);
    const QJsonObject answer = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(answer.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
}

// Before: the parser buffered an event of any size (and re-scanned it on
// every read); now one over the limit ends the stream with a logged 502.
void TestGatewayForwarding::oversizedStreamEventEndsTheStream()
{
    f.reset();
    f = std::make_unique<GatewayFixture>();
    GatewayOptions options;
    options.sseEventLimitBytes = 64 * 1024;
    QString error;
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
    f->openai.setStreamChunks(3, 0);
    f->openai.setHugeStreamEventBytes(256 * 1024);
    const Response r = post(QStringLiteral("/v1/chat/completions"), R"({"model":"fast","stream":true,"messages":[]})");
    QCOMPARE(r.status, 200);
    QVERIFY2(!r.body.contains("data: [DONE]"), "the stream does not look complete");
    QVERIFY(!r.body.contains("xxxxxxxx"));
    f->flushLog();
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, error FROM request_log ORDER BY id DESC LIMIT 1")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 502);
    QVERIFY2(q.value(1).toString().contains(QLatin1String("larger than")), qPrintable(q.value(1).toString()));

    // Under the limit the same stream passes whole.
    f->openai.setHugeStreamEventBytes(16 * 1024);
    const Response ok = post(QStringLiteral("/v1/chat/completions"), R"({"model":"fast","stream":true,"messages":[]})");
    QCOMPARE(ok.status, 200);
    QVERIFY(ok.body.contains("data: [DONE]"));
}

QTEST_GUILESS_MAIN(TestGatewayForwarding)
#include "tst_gateway_forwarding.moc"
