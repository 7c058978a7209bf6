#include "core/net/HttpClient.h"
#include "core/storage/RequestLogWriter.h"
#include "support/GatewayCall.h"
#include "support/GatewayFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using Response = GatewayCall::Response;

// Integration tests of the gateway against loopback fake upstreams: routes,
// model resolution, keys, errors in both protocols, streaming and the log.
class TestGateway : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void healthNeedsNoKey();
    void modelsListFollowsKey();
    void chatThroughAliasRewritesModelAndKey();
    void aliasDefaultsFillOnlyOmittedFields();
    void qualifiedAndBareModelIds();
    void authErrors_data();
    void authErrors();
    void badInput_data();
    void badInput();
    void anthropicMessagesBothAuthStyles();
    void anthropicErrorsUseAnthropicEnvelope();
    void embeddingsAndOtherRoutes();
    void streamingDropsUsageChunkUnlessAsked();
    void streamingKeepsUsageChunkWhenAsked();
    void anthropicStreamingUsage();
    void upstreamErrorsPassThrough();
    void upstreamUnreachableIs502();
    void upstreamTimeoutIs504();
    void upstreamDiesMidStream();
    void clientDisconnectAbortsUpstream();
    void demoModelAnswersOffline();
    void logRecordsTokensAndCost();
    void providerKeyNeverStored();
    void newKeyWorksWithoutRestart();
    void hundredConcurrentSlowRequests();
    void rpmLimitIs429WithRetryAfter();
    void budgetLimitIs429();
    void expiredKeyIs401();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const HttpHeaders &headers = {}, const QString &key = QString(), int timeoutMs = 10000);
    HttpHeaders bearer(const QString &key) const { return {{"Authorization", "Bearer " + key.toUtf8()}}; }
    QSqlQuery logRows(const QString &where = QString());

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<HttpClient> http;
};

void TestGateway::init()
{
    f = std::make_unique<GatewayFixture>();
    GatewayOptions options;
    options.upstreamFirstByteTimeoutSec = 2;
    QString error;
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
    http = std::make_unique<HttpClient>();
}

void TestGateway::cleanup()
{
    http.reset();
    f.reset();
}

Response TestGateway::call(const QByteArray &method, const QString &path, const QByteArray &body,
                           const HttpHeaders &headers, const QString &key, int timeoutMs)
{
    return GatewayCall::call(*http, f->baseUrl(), method, path, body, headers, key, timeoutMs);
}

QSqlQuery TestGateway::logRows(const QString &where)
{
    f->flushLog();
    QSqlQuery q(f->db->connection());
    q.exec(QStringLiteral("SELECT route, model, provider, upstream_model, stream, status, error, prompt_tokens, "
                          "completion_tokens, cached_tokens, cost_usd, key_name, request_body, response_body, ttfb_ms, "
                          "latency_ms FROM request_log %1 ORDER BY id")
               .arg(where));
    return q;
}

void TestGateway::healthNeedsNoKey()
{
    const Response r = call("GET", QStringLiteral("/health"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
}

void TestGateway::modelsListFollowsKey()
{
    Response r = call("GET", QStringLiteral("/v1/models"), {}, {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QStringList ids;
    const QJsonArray data = r.json().value(QLatin1String("data")).toArray();
    for (const QJsonValue &m : data)
        ids.append(m.toObject().value(QLatin1String("id")).toString());
    QVERIFY2(ids.contains(QStringLiteral("fast")), qPrintable(ids.join(',')));
    QVERIFY(ids.contains(QStringLiteral("up/gpt-x")));
    QVERIFY(ids.contains(QStringLiteral("anth/claude-x")));
    QVERIFY2(!ids.contains(QStringLiteral("retired")), "inactive aliases are not listed");
    QCOMPARE(r.json().value(QLatin1String("object")).toString(), QStringLiteral("list"));

    r = call("GET", QStringLiteral("/v1/models"), {}, {}, f->narrowKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("data")).toArray().size(), 1);
    QCOMPARE(r.json().value(QLatin1String("data")).toArray().first().toObject().value(QLatin1String("id")).toString(),
             QStringLiteral("fast"));
}

void TestGateway::chatThroughAliasRewritesModelAndKey()
{
    const Response r = call("POST", QStringLiteral("/v1/chat/completions"),
                            R"({"model":"fast","messages":[{"role":"user","content":"hi"}]})",
                            {{"OpenAI-Beta", "assistants=v2"},
                             {"Connection", "keep-alive"},
                             {"Keep-Alive", "timeout=5"},
                             {"TE", "trailers"},
                             {"Proxy-Connection", "keep-alive"}},
                            f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
    QCOMPARE(f->openai.requests().size(), 1);
    const FakeUpstream::RecordedRequest up = f->openai.requests().first();
    QCOMPARE(up.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(QJsonDocument::fromJson(up.body).object().value(QLatin1String("model")).toString(),
             QStringLiteral("gpt-x"));
    QCOMPARE(up.header("authorization"), QByteArray("Bearer ") + GatewayFixture::kOpenAiKey);
    QVERIFY2(!up.body.contains(f->fullKey.toUtf8()), "the gateway key never goes upstream");
    for (const auto &h : up.headers)
        QVERIFY2(!h.second.contains(f->fullKey.toUtf8()), h.first.constData());
    QCOMPARE(up.header("openai-beta"), QByteArray("assistants=v2"));
    // Hop-by-hop fields (RFC 9110 7.6.1) end at the gateway; libcurl frames its own connection.
    QCOMPARE(up.header("keep-alive"), QByteArray());
    QCOMPARE(up.header("te"), QByteArray());
    QCOMPARE(up.header("proxy-connection"), QByteArray());
    QVERIFY2(up.header("connection") != "keep-alive", up.header("connection").constData());
}

void TestGateway::aliasDefaultsFillOnlyOmittedFields()
{
    Response r =
        call("POST", QStringLiteral("/v1/chat/completions"),
             R"({"model":"fast","temperature":0.9,"messages":[{"role":"user","content":"hi"}]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    const QJsonObject sent = QJsonDocument::fromJson(f->openai.requests().last().body).object();
    QCOMPARE(sent.value(QLatin1String("temperature")).toDouble(), 0.9);
    QCOMPARE(sent.value(QLatin1String("max_tokens")).toInt(), 64);
}

void TestGateway::qualifiedAndBareModelIds()
{
    Response r =
        call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"up/gpt-x","messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(
        QJsonDocument::fromJson(f->openai.requests().last().body).object().value(QLatin1String("model")).toString(),
        QStringLiteral("gpt-x"));
    r = call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"gpt-x","messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().size(), 2);
}

void TestGateway::authErrors_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("keyKind"); // 0 none, 1 full, 2 narrow, 3 bogus
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("no key") << "fast" << 0 << 401 << "invalid_api_key";
    QTest::newRow("bogus key") << "fast" << 3 << 401 << "invalid_api_key";
    QTest::newRow("unknown model") << "nope-1" << 1 << 404 << "model_not_found";
    QTest::newRow("narrow key, other model") << "up/gpt-x" << 2 << 403 << "model_not_allowed";
    QTest::newRow("narrow key, own model") << "fast" << 2 << 200 << "";
    QTest::newRow("inactive alias") << "retired" << 1 << 403 << "model_not_allowed";
}

void TestGateway::authErrors()
{
    QFETCH(QString, model);
    QFETCH(int, keyKind);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString key = keyKind == 1   ? f->fullKey
                        : keyKind == 2 ? f->narrowKey
                        : keyKind == 3 ? QStringLiteral("tg-bogus-key-123456789")
                                       : QString();
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"),
             QJsonDocument(QJsonObject{{QStringLiteral("model"), model}, {QStringLiteral("messages"), QJsonArray{}}})
                 .toJson(),
             {}, key);
    QCOMPARE(r.status, status);
    if (!code.isEmpty()) {
        const QJsonObject error = r.json().value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("code")).toString(), code);
        QVERIFY(!error.value(QLatin1String("message")).toString().isEmpty());
        QVERIFY(!error.value(QLatin1String("type")).toString().isEmpty());
        QCOMPARE(f->openai.requestCount(), 0);
    }
    if (model == QLatin1String("retired"))
        QVERIFY(r.json()
                    .value(QLatin1String("error"))
                    .toObject()
                    .value(QLatin1String("message"))
                    .toString()
                    .contains(QLatin1String("inactive")));
}

void TestGateway::badInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("invalid json") << QByteArray("{\"model\": \"fast\",") << QByteArray("application/json") << 400
                                  << "invalid_json";
    QTest::newRow("json array") << QByteArray("[1,2]") << QByteArray("application/json") << 400 << "invalid_json";
    QTest::newRow("no model") << QByteArray("{\"messages\":[]}") << QByteArray("application/json") << 400
                              << "invalid_request";
    QTest::newRow("model not a string") << QByteArray("{\"model\":5}") << QByteArray("application/json") << 400
                                        << "invalid_request";
    QTest::newRow("form body") << QByteArray("model=fast") << QByteArray("application/x-www-form-urlencoded") << 415
                               << "unsupported_media_type";
}

void TestGateway::badInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, code);
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"), body, {{"Content-Type", contentType}}, f->fullKey);
    QCOMPARE(r.status, status);
    QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(), code);
    QCOMPARE(f->openai.requestCount(), 0);
}

void TestGateway::anthropicMessagesBothAuthStyles()
{
    const QByteArray body = R"({"model":"sonnet","max_tokens":32,"messages":[{"role":"user","content":"hi"}]})";
    Response r = call(
        "POST", QStringLiteral("/v1/messages"), body,
        {{"x-api-key", f->fullKey.toUtf8()}, {"anthropic-version", "2023-06-01"}, {"anthropic-beta", "tools-2024"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("type")).toString(), QStringLiteral("message"));
    const FakeUpstream::RecordedRequest up = f->anthropic.requests().last();
    QCOMPARE(up.header("x-api-key"), QByteArray(GatewayFixture::kAnthropicKey));
    QCOMPARE(up.header("anthropic-version"), QByteArray("2023-06-01"));
    QCOMPARE(up.header("anthropic-beta"), QByteArray("tools-2024"));
    QVERIFY(up.header("authorization").isEmpty());
    QCOMPARE(QJsonDocument::fromJson(up.body).object().value(QLatin1String("model")).toString(),
             QStringLiteral("claude-x"));

    r = call("POST", QStringLiteral("/v1/messages"), body, {{"anthropic-version", "2023-06-01"}}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(f->anthropic.requests().last().header("x-api-key"), QByteArray(GatewayFixture::kAnthropicKey));

    r = call("POST", QStringLiteral("/v1/messages/count_tokens"), body, {{"anthropic-version", "2023-06-01"}},
             f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("input_tokens")).toInt(), FakeUpstream::kPromptTokens);
}

void TestGateway::anthropicErrorsUseAnthropicEnvelope()
{
    Response r = call("POST", QStringLiteral("/v1/messages"), R"({"model":"nope","messages":[]})",
                      {{"x-api-key", f->fullKey.toUtf8()}});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value(QLatin1String("type")).toString(), QStringLiteral("error"));
    QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("not_found_error"));
    r = call("POST", QStringLiteral("/v1/messages"), R"({"model":"sonnet","messages":[]})",
             {{"x-api-key", "tg-wrong-000000000000"}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("authentication_error"));
}

void TestGateway::embeddingsAndOtherRoutes()
{
    Response r = call("POST", QStringLiteral("/v1/embeddings"), R"({"model":"up/text-embed-x","input":"hello"})", {},
                      f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("data")).toArray().size(), 1);
    r = call("POST", QStringLiteral("/v1/completions"), R"({"model":"fast","prompt":"hello"})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().last().path, QByteArray("/v1/completions"));
    r = call("POST", QStringLiteral("/v1/responses"), R"({"model":"fast","input":"hello"})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().last().path, QByteArray("/v1/responses"));
    r = call("POST", QStringLiteral("/v1/moderations"), R"({"model":"fast","input":"hello"})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().last().path, QByteArray("/v1/moderations"));

    // Multipart: the model comes from the form field and is rewritten in place.
    const QByteArray boundary = "XyZ123";
    QByteArray form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nup/whisper-x\r\n"
                      + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                      + "Content-Type: audio/wav\r\n\r\nRIFF....WAVE\r\n--" + boundary + "--\r\n";
    r = call("POST", QStringLiteral("/v1/audio/transcriptions"), form,
             {{"Content-Type", "multipart/form-data; boundary=" + boundary}}, f->fullKey);
    QCOMPARE(r.status, 200);
    const FakeUpstream::RecordedRequest up = f->openai.requests().last();
    QCOMPARE(up.path, QByteArray("/v1/audio/transcriptions"));
    QVERIFY2(up.body.contains("\r\n\r\nwhisper-x\r\n"), up.body.constData());
    QVERIFY(up.body.contains("RIFF....WAVE"));
}

void TestGateway::streamingDropsUsageChunkUnlessAsked()
{
    f->openai.setStreamChunks(5, 20);
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"),
             R"({"model":"fast","stream":true,"messages":[{"role":"user","content":"hi"}]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QVERIFY(r.head.header("content-type").startsWith("text/event-stream"));
    // Upstream was asked for usage...
    const QJsonObject sent = QJsonDocument::fromJson(f->openai.requests().last().body).object();
    QVERIFY(sent.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool());
    // ...but the caller never sees the usage-only chunk.
    QVERIFY2(!r.body.contains("\"usage\":{"), r.body.constData());
    QVERIFY(r.body.contains("data: [DONE]"));
    QVERIFY2(r.chunks.size() >= 3, "events arrive as they are produced, not in one piece");
    QSqlQuery q = logRows();
    QVERIFY(q.next());
    QCOMPARE(q.value(4).toInt(), 1);
    QCOMPARE(q.value(7).toInt(), FakeUpstream::kPromptTokens);
    QCOMPARE(q.value(8).toInt(), FakeUpstream::kCompletionTokens);
}

void TestGateway::streamingKeepsUsageChunkWhenAsked()
{
    f->openai.setStreamChunks(3, 5);
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"),
             R"({"model":"fast","stream":true,"stream_options":{"include_usage":true},"messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.body.contains("\"usage\":{"), r.body.constData());
    QSqlQuery q = logRows();
    QVERIFY(q.next());
    QCOMPARE(q.value(8).toInt(), FakeUpstream::kCompletionTokens);
}

void TestGateway::anthropicStreamingUsage()
{
    f->anthropic.setStreamChunks(4, 5);
    const Response r =
        call("POST", QStringLiteral("/v1/messages"),
             R"({"model":"sonnet","stream":true,"max_tokens":20,"messages":[{"role":"user","content":"hi"}]})",
             {{"x-api-key", f->fullKey.toUtf8()}, {"anthropic-version", "2023-06-01"}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("event: message_start"));
    QVERIFY(r.body.contains("event: message_stop"));
    QSqlQuery q = logRows();
    QVERIFY(q.next());
    QVERIFY(q.value(7).toInt() >= FakeUpstream::kPromptTokens);
    QCOMPARE(q.value(8).toInt(), FakeUpstream::kCompletionTokens);
    QVERIFY(q.value(10).toDouble() > 0);
}

void TestGateway::upstreamErrorsPassThrough()
{
    f->openai.setMode(FakeUpstream::RateLimited);
    Response r =
        call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 429);
    QVERIFY(!r.head.header("retry-after").isEmpty());
    f->openai.setMode(FakeUpstream::ServerError);
    r = call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 500);
    QSqlQuery q = logRows();
    QVERIFY(q.next());
    QCOMPARE(q.value(5).toInt(), 429);
    QVERIFY(!q.value(6).toString().isEmpty());
}

void TestGateway::upstreamUnreachableIs502()
{
    Provider p = f->openaiProvider;
    p.baseUrl = QStringLiteral("http://127.0.0.1:1/v1");
    QString error;
    QVERIFY(f->providers->update(p, &error));
    // The gateway picks up the edit without a restart.
    QTRY_VERIFY_WITH_TIMEOUT(
        call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey).status
            == 502,
        5000);
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey);
    QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("upstream_unreachable"));
}

void TestGateway::upstreamTimeoutIs504()
{
    f->openai.setMode(FakeUpstream::Hang);
    QElapsedTimer t;
    t.start();
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 504);
    QVERIFY(t.elapsed() < 5000);
}

void TestGateway::upstreamDiesMidStream()
{
    f->openai.setStreamChunks(6, 10);
    f->openai.setDieMidStream(true);
    const Response r = call("POST", QStringLiteral("/v1/chat/completions"),
                            R"({"model":"fast","stream":true,"messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.result.ok(), qPrintable(r.result.message)); // the client's stream ends cleanly
    QVERIFY(!r.body.contains("[DONE]"));
    QSqlQuery q = logRows();
    QVERIFY(q.next());
    QCOMPARE(q.value(5).toInt(), 502);
    QVERIFY(q.value(6).toString().contains(QLatin1String("mid-response")));
}

void TestGateway::clientDisconnectAbortsUpstream()
{
    f->openai.setStreamChunks(200, 50); // ten seconds of stream
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(client.waitForConnected(2000));
    const QByteArray body = R"({"model":"fast","stream":true,"messages":[]})";
    client.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
                 + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                 + "\r\n\r\n" + body);
    QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() > 0 || client.waitForReadyRead(50), 3000);
    QTRY_COMPARE_WITH_TIMEOUT(f->openai.openConnections(), 1, 2000);
    client.abort();
    QTRY_COMPARE_WITH_TIMEOUT(f->openai.openConnections(), 0, 2000);
    QSqlQuery q = logRows();
    QVERIFY(q.next());
    QCOMPARE(q.value(5).toInt(), 499);
}

void TestGateway::demoModelAnswersOffline()
{
    Response r = call("POST", QStringLiteral("/v1/chat/completions"),
                      R"({"model":"demo-chat","messages":[{"role":"user","content":"ping"}]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    const QString text = r.json()
                             .value(QLatin1String("choices"))
                             .toArray()
                             .first()
                             .toObject()
                             .value(QLatin1String("message"))
                             .toObject()
                             .value(QLatin1String("content"))
                             .toString();
    QVERIFY2(text.contains(QLatin1String("ping")), qPrintable(text));
    const Response again =
        call("POST", QStringLiteral("/v1/chat/completions"),
             R"({"model":"demo-chat","messages":[{"role":"user","content":"ping"}]})", {}, f->fullKey);
    QCOMPARE(again.body, r.body); // deterministic
    r = call("POST", QStringLiteral("/v1/chat/completions"),
             R"({"model":"demo/demo-chat","stream":true,"messages":[{"role":"user","content":"ping"}]})", {},
             f->fullKey);
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("chat.completion.chunk"));
    QVERIFY(r.body.endsWith("data: [DONE]\n\n"));
    QVERIFY(!r.body.contains("\"usage\":{"));
}

void TestGateway::logRecordsTokensAndCost()
{
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey);
    QCOMPARE(r.status, 200);
    call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"nope","messages":[]})", {}, f->fullKey);
    QSqlQuery q = logRows();
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("/v1/chat/completions"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("fast"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("up"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("gpt-x"));
    QCOMPARE(q.value(5).toInt(), 200);
    QCOMPARE(q.value(7).toInt(), FakeUpstream::kPromptTokens);
    QCOMPARE(q.value(8).toInt(), FakeUpstream::kCompletionTokens);
    QCOMPARE(q.value(9).toInt(), FakeUpstream::kCachedTokens);
    const double expected = ((FakeUpstream::kPromptTokens - FakeUpstream::kCachedTokens) * 1.0
                             + FakeUpstream::kCachedTokens * 0.5 + FakeUpstream::kCompletionTokens * 2.0)
                            / 1e6;
    QVERIFY2(qAbs(q.value(10).toDouble() - expected) < 1e-12, qPrintable(QString::number(q.value(10).toDouble())));
    QCOMPARE(q.value(11).toString(), QStringLiteral("full"));
    // The body as sent upstream: the alias is in the model column, the upstream id in the body.
    QVERIFY(q.value(12).toString().startsWith(QLatin1String("{\"model\":\"gpt-x\",\"messages\":[]")));
    QVERIFY(q.value(13).toString().contains(QLatin1String("chat.completion")));
    QVERIFY(q.value(15).toDouble() > 0);
    QVERIFY(q.next());
    QCOMPARE(q.value(5).toInt(), 404);
    QVERIFY(!q.next());
    QSqlQuery k(f->db->connection());
    QVERIFY(k.exec(QStringLiteral("SELECT requests, last_used FROM gateway_keys WHERE name = 'full'")));
    QVERIFY(k.next());
    QCOMPARE(k.value(0).toInt(), 2);
    QVERIFY(!k.value(1).toString().isEmpty());
}

void TestGateway::providerKeyNeverStored()
{
    call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey);
    call("POST", QStringLiteral("/v1/messages"), R"({"model":"sonnet","messages":[]})",
         {{"x-api-key", f->fullKey.toUtf8()}});
    f->openai.setMode(FakeUpstream::Unauthorized);
    call("POST", QStringLiteral("/v1/chat/completions"), R"({"model":"fast","messages":[]})", {}, f->fullKey);
    f->flushLog();
    const QByteArray bytes = f->databaseBytes();
    QVERIFY(bytes.size() > 0);
    QVERIFY(!bytes.contains(GatewayFixture::kOpenAiKey));
    QVERIFY(!bytes.contains(GatewayFixture::kAnthropicKey));
    QVERIFY2(!bytes.contains(f->fullKey.toUtf8()), "gateway keys are stored only as hashes");
    // And the OpenAI key never went to the Anthropic upstream, nor the other way round.
    for (const auto &req : f->anthropic.requests())
        for (const auto &h : req.headers)
            QVERIFY(!h.second.contains(GatewayFixture::kOpenAiKey));
    for (const auto &req : f->openai.requests())
        for (const auto &h : req.headers)
            QVERIFY(!h.second.contains(GatewayFixture::kAnthropicKey));
}

void TestGateway::newKeyWorksWithoutRestart()
{
    QString error;
    const QString key = f->keys->create({QStringLiteral("late")}, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    f->gateway->reloadNow();
    QCOMPARE(call("GET", QStringLiteral("/v1/models"), {}, {}, key).status, 200);
    QVERIFY(f->keys->revoke(QStringLiteral("late"), &error));
    QTRY_COMPARE_WITH_TIMEOUT(call("GET", QStringLiteral("/v1/models"), {}, {}, key).status, 401, 4000);
}

void TestGateway::hundredConcurrentSlowRequests()
{
    f->openai.setResponseDelayMs(1000);
    f->openai.setRecording(false);
    int done = 0;
    int ok = 0;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 100; ++i) {
        HttpRequest req;
        req.method = "POST";
        req.url = (f->baseUrl() + QStringLiteral("/v1/chat/completions")).toUtf8();
        req.body = R"({"model":"fast","messages":[]})";
        req.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + f->fullKey.toUtf8()}};
        HttpClient::Handler h;
        h.onHead = [&](const HttpResponseHead &head) { ok += head.status == 200; };
        h.onDone = [&](const HttpResult &) { ++done; };
        http->start(req, h);
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 100, 10000);
    const qint64 elapsed = t.elapsed();
    QCOMPARE(ok, 100);
    qInfo("100 concurrent one-second requests took %lld ms", elapsed);
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
}

void TestGateway::rpmLimitIs429WithRetryAfter()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("slow");
    spec.rpm = 2;
    QString error;
    const QString key = f->keys->create(spec, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    f->gateway->reloadNow();
    QCOMPARE(call("GET", QStringLiteral("/v1/models"), {}, {}, key).status, 200);
    const QByteArray body = R"({"model":"fast","messages":[]})";
    QCOMPARE(call("POST", QStringLiteral("/v1/chat/completions"), body, {}, key).status, 200);
    QCOMPARE(call("POST", QStringLiteral("/v1/chat/completions"), body, {}, key).status, 200);
    const Response limited = call("POST", QStringLiteral("/v1/chat/completions"), body, {}, key);
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.head.header("retry-after").toInt() >= 1);
    QCOMPARE(limited.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("rate_limit_exceeded"));
    QCOMPARE(f->openai.requestCount(), 2);
    // Other keys are not affected.
    QCOMPARE(call("POST", QStringLiteral("/v1/chat/completions"), body, {}, f->fullKey).status, 200);
}

void TestGateway::budgetLimitIs429()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("thrifty");
    // One request at the "fast" prices costs ~0.000025 USD, but may cost up to
    // ~0.000145 (the alias asks for 64 output tokens): admission reserves that.
    spec.budgetUsd = 0.00016;
    QString error;
    const QString key = f->keys->create(spec, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    f->gateway->reloadNow();
    QCOMPARE(call("GET", QStringLiteral("/v1/models"), {}, {}, key).status, 200);
    const QByteArray body = R"({"model":"fast","messages":[]})";
    QCOMPARE(call("POST", QStringLiteral("/v1/chat/completions"), body, {}, key).status, 200);
    const Response over = call("POST", QStringLiteral("/v1/chat/completions"), body, {}, key);
    QCOMPARE(over.status, 429);
    QVERIFY(over.json()
                .value(QLatin1String("error"))
                .toObject()
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("budget")));
}

void TestGateway::expiredKeyIs401()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("old");
    spec.expiresAt = QStringLiteral("2020-01-01T00:00:00Z");
    QString error;
    const QString key = f->keys->create(spec, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    f->gateway->reloadNow();
    const Response r = call("GET", QStringLiteral("/v1/models"), {}, {}, key);
    QCOMPARE(r.status, 401);
    QVERIFY(r.json()
                .value(QLatin1String("error"))
                .toObject()
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("expired")));
}

QTEST_GUILESS_MAIN(TestGateway)
#include "tst_gateway.moc"
