#include "core/net/HttpClient.h"
#include "core/secrets/SecretScrubber.h"
#include "support/GatewayCall.h"
#include "support/GatewayFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

#ifdef Q_OS_UNIX
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using GatewayCall::Response;

namespace {

const QByteArray kOpenAiKey = GatewayFixture::kOpenAiKey;
const QByteArray kAnthropicKey = GatewayFixture::kAnthropicKey;

QByteArray chatBody(bool stream = false, bool includeUsage = false)
{
    QByteArray body = R"({"model":"fast","messages":[{"role":"user","content":"hi"}])";
    if (stream)
        body += R"(,"stream":true)";
    if (includeUsage)
        body += R"(,"stream_options":{"include_usage":true})";
    return body + '}';
}

} // namespace

// What the gateway relays never carries a provider key (item 1), the path it
// forwards never leaves /v1/ (item 2), the caller's other identities are not
// forwarded next to the provider's key (item 3), and a failed connect is 502
// (item 15).
class TestGatewaySecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    // 1. Secrets
    void echoedKeyInErrorBodyIsScrubbed();
    void echoedKeyInHeaderIsScrubbed();
    void echoedKeyInStreamSplitAcrossChunksIsScrubbed_data();
    void echoedKeyInStreamSplitAcrossChunksIsScrubbed();
    void echoedKeyInAnthropicStreamIsScrubbed();
    void echoedKeyInSplitBodyKeepsContentLength();
    void streamCutInsideTheKeyKeepsItsFirstHalf();
    void gatewayErrorMessageIsScrubbed();
    void noKeyAnywhereInTheDatabase();

    // 2. Paths
    void pathsThatLeaveV1AreRefused_data();
    void pathsThatLeaveV1AreRefused();
    void refusedPathUsesAnthropicEnvelopeForAnthropicCallers();
    void pathsInsideV1AreNormalisedBeforeForwarding_data();
    void pathsInsideV1AreNormalisedBeforeForwarding();
    void queryPassesButCannotChangeThePath();

    // 3. Identity headers
    void identityHeadersAreDropped_data();
    void identityHeadersAreDropped();
    void providerSettingsSupplyOrganizationAndProject();

    // 15. Connect failures
    void connectTimeoutIs502();

private:
    Response call(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const HttpHeaders &headers = {}, const QString &key = QString(), int timeoutMs = 10000)
    {
        return GatewayCall::call(*http, f->baseUrl(), method, path, body, headers, key, timeoutMs);
    }
    QByteArray rawPost(const QByteArray &target, const QByteArray &body, const QByteArray &extraHeaders = {});
    QSqlQuery lastLogRow();

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<HttpClient> http;
};

void TestGatewaySecrets::init()
{
    f = std::make_unique<GatewayFixture>();
    GatewayOptions options;
    options.upstreamFirstByteTimeoutSec = 3;
    options.upstreamConnectTimeoutSec = 1;
    QString error;
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
    http = std::make_unique<HttpClient>();
}

void TestGatewaySecrets::cleanup()
{
    http.reset();
    f.reset();
}

QByteArray TestGatewaySecrets::rawPost(const QByteArray &target, const QByteArray &body, const QByteArray &extraHeaders)
{
    const QByteArray request = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                               + f->fullKey.toUtf8() + "\r\nContent-Type: application/json\r\n" + extraHeaders
                               + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                               + body;
    return GatewayCall::raw(f->gateway->port(), request);
}

QSqlQuery TestGatewaySecrets::lastLogRow()
{
    f->flushLog();
    QSqlQuery q(f->db->connection());
    q.exec(QStringLiteral("SELECT route, status, error, response_body FROM request_log ORDER BY id DESC LIMIT 1"));
    q.next();
    return q;
}

// ---- 1. Secrets -----------------------------------------------------------

void TestGatewaySecrets::echoedKeyInErrorBodyIsScrubbed()
{
    f->openai.setEchoKey(FakeUpstream::EchoInErrorBody);
    const Response r = call("POST", QStringLiteral("/v1/chat/completions"), chatBody(), {}, f->fullKey);
    QCOMPARE(r.status, 401);
    QVERIFY2(r.result.ok(), qPrintable(r.result.message)); // the relayed Content-Length still holds
    QVERIFY2(!r.body.contains(kOpenAiKey), r.body.constData());
    const QString message =
        r.json().value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    QVERIFY2(message.startsWith(QLatin1String("Incorrect API key provided: [redacted]")), qPrintable(message));

    QSqlQuery q = lastLogRow();
    QCOMPARE(q.value(1).toInt(), 401);
    QVERIFY(!q.value(2).toString().contains(QLatin1String(kOpenAiKey)));
    QVERIFY(q.value(2).toString().contains(QLatin1String("[redacted]")));
    QVERIFY(!q.value(3).toByteArray().contains(kOpenAiKey));

    // Anthropic's route too.
    f->anthropic.setEchoKey(FakeUpstream::EchoInErrorBody);
    const Response a =
        call("POST", QStringLiteral("/v1/messages"), R"({"model":"sonnet","max_tokens":5,"messages":[]})",
             {{"x-api-key", f->fullKey.toUtf8()}, {"anthropic-version", "2023-06-01"}});
    QCOMPARE(a.status, 401);
    QVERIFY(!a.body.contains(kAnthropicKey));
    QVERIFY(a.body.contains("[redacted]"));
}

void TestGatewaySecrets::echoedKeyInHeaderIsScrubbed()
{
    f->openai.setEchoKey(FakeUpstream::EchoInHeader);
    for (const bool stream : {false, true}) {
        const Response r = call("POST", QStringLiteral("/v1/chat/completions"), chatBody(stream), {}, f->fullKey);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.result.ok(), qPrintable(r.result.message));
        const QByteArray echoed = r.header("x-debug-authorization");
        QCOMPARE(echoed, "Bearer " + SecretScrubber::mask(kOpenAiKey.size()));
        for (const auto &h : r.head.headers) {
            QVERIFY(!h.first.contains(kOpenAiKey));
            QVERIFY(!h.second.contains(kOpenAiKey));
        }
    }
}

void TestGatewaySecrets::echoedKeyInStreamSplitAcrossChunksIsScrubbed_data()
{
    QTest::addColumn<bool>("includeUsage"); // the gateway drops its own usage chunk, or relays every byte
    QTest::newRow("usage chunk dropped") << false;
    QTest::newRow("relayed as is") << true;
}

void TestGatewaySecrets::echoedKeyInStreamSplitAcrossChunksIsScrubbed()
{
    QFETCH(bool, includeUsage);
    f->openai.setStreamChunks(4, 40); // the two halves of the key 40 ms apart: separate reads
    f->openai.setEchoKey(FakeUpstream::EchoInStream);
    const Response r =
        call("POST", QStringLiteral("/v1/chat/completions"), chatBody(true, includeUsage), {}, f->fullKey);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.result.ok(), qPrintable(r.result.message));
    QVERIFY2(!r.body.contains(kOpenAiKey), r.body.constData());
    QVERIFY(r.body.contains("Your key is " + SecretScrubber::mask(kOpenAiKey.size()) + "."));
    QVERIFY(r.body.endsWith("data: [DONE]\n\n"));
    // The events around it arrived whole and in order.
    QVERIFY(r.body.indexOf("Hello") < r.body.indexOf("Your key is"));
    QVERIFY(r.body.indexOf("Your key is") < r.body.indexOf(" piece1"));
    QCOMPARE(r.body.contains("\"usage\""), includeUsage);
    // Nothing was held up on the way: more than one read reached the client.
    QVERIFY(r.chunks.size() > 1);

    QSqlQuery q = lastLogRow();
    QCOMPARE(q.value(1).toInt(), 200);
    QVERIFY(!q.value(3).toByteArray().contains(kOpenAiKey));
}

void TestGatewaySecrets::echoedKeyInAnthropicStreamIsScrubbed()
{
    f->anthropic.setStreamChunks(3, 40);
    f->anthropic.setEchoKey(FakeUpstream::EchoInStream | FakeUpstream::EchoInHeader);
    const Response r =
        call("POST", QStringLiteral("/v1/messages"), R"({"model":"sonnet","max_tokens":5,"stream":true,"messages":[]})",
             {{"x-api-key", f->fullKey.toUtf8()}, {"anthropic-version", "2023-06-01"}});
    QCOMPARE(r.status, 200);
    QVERIFY2(r.result.ok(), qPrintable(r.result.message));
    QVERIFY(!r.body.contains(kAnthropicKey));
    QVERIFY(r.body.contains("Your key is " + SecretScrubber::mask(kAnthropicKey.size()) + "."));
    QVERIFY(r.body.contains("event: message_stop"));
    QCOMPARE(r.header("x-debug-authorization"), "Bearer " + SecretScrubber::mask(kAnthropicKey.size()));
}

void TestGatewaySecrets::echoedKeyInSplitBodyKeepsContentLength()
{
    f->openai.setEchoKey(FakeUpstream::EchoInBody);
    const QByteArray bytes = rawPost("/v1/chat/completions", chatBody());
    QVERIFY2(!bytes.contains(kOpenAiKey), bytes.constData());
    const GatewayCall::RawResponse r = GatewayCall::parse(bytes);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.chunked);
    QCOMPARE(r.header("content-length").toLongLong(), r.body.size()); // the upstream's length, still true
    QCOMPARE(bytes.size(), bytes.indexOf("\r\n\r\n") + 4 + r.body.size());
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(o.value(QLatin1String("system_fingerprint")).toString(),
             QStringLiteral("debug ") + QString::fromLatin1(SecretScrubber::mask(kOpenAiKey.size())));
    // Usage was still read from the scrubbed body.
    f->flushLog();
    QSqlQuery q(f->db->connection());
    q.exec(QStringLiteral("SELECT prompt_tokens, response_body FROM request_log ORDER BY id DESC LIMIT 1"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), FakeUpstream::kPromptTokens);
    QVERIFY(!q.value(1).toByteArray().contains(kOpenAiKey));
}

void TestGatewaySecrets::streamCutInsideTheKeyKeepsItsFirstHalf()
{
    // Anthropic streams are relayed byte for byte; the upstream dies right
    // after sending the first half of the key.
    f->anthropic.setStreamChunks(3, 40);
    f->anthropic.setDieMidStream(true);
    f->anthropic.setEchoKey(FakeUpstream::EchoInStream);
    const Response r =
        call("POST", QStringLiteral("/v1/messages"), R"({"model":"sonnet","max_tokens":5,"stream":true,"messages":[]})",
             {{"x-api-key", f->fullKey.toUtf8()}, {"anthropic-version", "2023-06-01"}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("event: message_start"));
    QVERIFY2(r.body.contains("Your key is "), r.body.constData()); // the event began
    QVERIFY2(!r.body.contains(kAnthropicKey.left(kAnthropicKey.size() / 2)), r.body.constData());
    QVERIFY(!r.body.contains("message_stop"));
    QSqlQuery q = lastLogRow();
    QCOMPARE(q.value(1).toInt(), 502);
    QVERIFY(!q.value(3).toByteArray().contains(kAnthropicKey.left(kAnthropicKey.size() / 2)));
}

void TestGatewaySecrets::gatewayErrorMessageIsScrubbed()
{
    // A base URL whose host name is the key itself: curl names the host it
    // could not resolve, and that text becomes the gateway's own 502 message.
    Provider p = f->openaiProvider;
    p.baseUrl = QStringLiteral("http://%1.invalid/v1").arg(QLatin1String(kOpenAiKey));
    QString error;
    QVERIFY(f->providers->update(p, &error));
    Response r;
    QTRY_VERIFY_WITH_TIMEOUT(
        (r = call("POST", QStringLiteral("/v1/chat/completions"), chatBody(), {}, f->fullKey)).status >= 500, 8000);
    QCOMPARE(r.status, 502);
    const QString message =
        r.json().value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    QVERIFY2(!message.contains(QLatin1String(kOpenAiKey), Qt::CaseInsensitive), qPrintable(message));
    if (message.contains(QLatin1String(".invalid"))) // the resolver named the host: masked
        QVERIFY2(message.contains(QLatin1String("[redacted]")), qPrintable(message));
    QVERIFY2(!r.body.toLower().contains(kOpenAiKey.toLower()), r.body.constData());
    QSqlQuery q = lastLogRow();
    QVERIFY(!q.value(2).toString().contains(QLatin1String(kOpenAiKey), Qt::CaseInsensitive));
}

void TestGatewaySecrets::noKeyAnywhereInTheDatabase()
{
    f->openai.setStreamChunks(3, 30);
    f->openai.setEchoKey(FakeUpstream::EchoInStream | FakeUpstream::EchoInHeader | FakeUpstream::EchoInBody);
    call("POST", QStringLiteral("/v1/chat/completions"), chatBody(), {}, f->fullKey);
    call("POST", QStringLiteral("/v1/chat/completions"), chatBody(true), {}, f->fullKey);
    f->openai.setEchoKey(FakeUpstream::EchoInErrorBody);
    call("POST", QStringLiteral("/v1/chat/completions"), chatBody(), {}, f->fullKey);
    f->flushLog();
    const QByteArray bytes = f->databaseBytes();
    QVERIFY(bytes.contains("[redacted]"));
    QVERIFY(!bytes.contains(kOpenAiKey));
}

// ---- 2. Paths -------------------------------------------------------------

void TestGatewaySecrets::pathsThatLeaveV1AreRefused_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("dot dot") << QByteArray("/v1/../../admin");
    QTest::newRow("encoded dots") << QByteArray("/v1/%2e%2e/%2e%2e/x");
    QTest::newRow("upper-case encoded dots") << QByteArray("/v1/%2E%2E/admin");
    QTest::newRow("half encoded") << QByteArray("/v1/.%2e/admin");
    QTest::newRow("from deeper down") << QByteArray("/v1/chat/completions/../../../admin");
    QTest::newRow("to the root") << QByteArray("/v1/..");
    QTest::newRow("encoded slashes") << QByteArray("/v1/a%2F..%2F..%2Fadmin");
    QTest::newRow("lower-case encoded slashes") << QByteArray("/v1/a%2f..%2f..%2fadmin");
    QTest::newRow("backslashes") << QByteArray("/v1/a\\..\\..\\admin");
    QTest::newRow("encoded backslashes") << QByteArray("/v1/a%5C..%5C..%5Cadmin");
    QTest::newRow("absolute form") << QByteArray("http://127.0.0.1/v1/../../admin");
    QTest::newRow("to health") << QByteArray("/v1/../health");
}

void TestGatewaySecrets::pathsThatLeaveV1AreRefused()
{
    QFETCH(QByteArray, target);
    const GatewayCall::RawResponse r = GatewayCall::parse(rawPost(target, chatBody()));
    QCOMPARE(r.status, 400);
    const QJsonObject error = QJsonDocument::fromJson(r.body).object().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
    QVERIFY2(!error.value(QLatin1String("message")).toString().isEmpty(), r.body.constData());
    QCOMPARE(f->openai.requestCount(), 0); // nothing went upstream, with or without the key
    QCOMPARE(f->anthropic.requestCount(), 0);
    QSqlQuery q = lastLogRow();
    QCOMPARE(q.value(1).toInt(), 400);
    // The log shows what was tried, not the harmless route it would resolve to.
    const QString route = q.value(0).toString();
    QVERIFY2(route.contains(QLatin1String("..")) || route.contains(QLatin1String("%2F"), Qt::CaseInsensitive)
                 || route.contains(QLatin1String("%5C"), Qt::CaseInsensitive),
             qPrintable(route));
}

void TestGatewaySecrets::refusedPathUsesAnthropicEnvelopeForAnthropicCallers()
{
    const GatewayCall::RawResponse r = GatewayCall::parse(
        rawPost("/v1/%2e%2e/admin", R"({"model":"sonnet","messages":[]})", "anthropic-version: 2023-06-01\r\n"));
    QCOMPARE(r.status, 400);
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(o.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("invalid_request_error"));
    QCOMPARE(f->anthropic.requestCount(), 0);
}

void TestGatewaySecrets::pathsInsideV1AreNormalisedBeforeForwarding_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("upstream");
    QTest::newRow("plain") << QByteArray("/v1/chat/completions") << QByteArray("/v1/chat/completions");
    QTest::newRow("dot dot inside") << QByteArray("/v1/embeddings/../chat/completions")
                                    << QByteArray("/v1/chat/completions");
    QTest::newRow("encoded dot dot inside")
        << QByteArray("/v1/x/%2e%2e/chat/completions") << QByteArray("/v1/chat/completions");
    QTest::newRow("single dots") << QByteArray("/v1/./chat/./completions") << QByteArray("/v1/chat/completions");
    QTest::newRow("double slashes") << QByteArray("/v1//chat//completions") << QByteArray("/v1/chat/completions");
    QTest::newRow("encoded letters") << QByteArray("/v1/%63hat/completions") << QByteArray("/v1/chat/completions");
    QTest::newRow("other route") << QByteArray("/v1/moderations/./") << QByteArray("/v1/moderations/");
}

void TestGatewaySecrets::pathsInsideV1AreNormalisedBeforeForwarding()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, upstream);
    const GatewayCall::RawResponse r = GatewayCall::parse(rawPost(target, chatBody()));
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().size(), 1);
    QCOMPARE(f->openai.requests().first().path, upstream);
    QSqlQuery q = lastLogRow();
    QCOMPARE(q.value(0).toString(), QString::fromLatin1(upstream)); // the log names the route as served
}

void TestGatewaySecrets::queryPassesButCannotChangeThePath()
{
    GatewayCall::RawResponse r =
        GatewayCall::parse(rawPost("/v1/chat/completions?x=/../../admin&y=%2e%2e/z", chatBody()));
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().size(), 1);
    // (QUrl may decode %2e in the query; either way it stays in the query.)
    const QByteArray sent = f->openai.requests().first().path;
    QVERIFY2(sent.startsWith("/v1/chat/completions?x=/../../admin&y="), sent.constData());
    QVERIFY2(sent.endsWith("/z"), sent.constData());
    // A fragment never travels.
    f->openai.clearRequests();
    r = GatewayCall::parse(rawPost("/v1/chat/completions?a=1#/../../admin", chatBody()));
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().size(), 1);
    QCOMPARE(f->openai.requests().first().path, QByteArray("/v1/chat/completions?a=1"));
}

// ---- 3. Identity headers --------------------------------------------------

void TestGatewaySecrets::identityHeadersAreDropped_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("OpenAI-Organization") << QByteArray("OpenAI-Organization");
    QTest::newRow("openai-organization") << QByteArray("openai-organization");
    QTest::newRow("OpenAI-Project") << QByteArray("OpenAI-Project");
    QTest::newRow("Cookie") << QByteArray("Cookie");
    QTest::newRow("Proxy-Authorization") << QByteArray("Proxy-Authorization");
    QTest::newRow("x-goog-api-key") << QByteArray("x-goog-api-key");
    QTest::newRow("api-key") << QByteArray("api-key");
    QTest::newRow("x-api-key") << QByteArray("x-api-key");
}

void TestGatewaySecrets::identityHeadersAreDropped()
{
    QFETCH(QByteArray, name);
    const QByteArray value = "client-identity-" + name.toLower();
    // On both kinds of provider; the gateway key travels as Bearer.
    Response r = call("POST", QStringLiteral("/v1/chat/completions"), chatBody(),
                      {{name, value}, {"OpenAI-Beta", "assistants=v2"}, {"X-Stainless-Lang", "js"}}, f->fullKey);
    QCOMPARE(r.status, 200);
    r = call("POST", QStringLiteral("/v1/messages"), R"({"model":"sonnet","max_tokens":5,"messages":[]})",
             {{name, value}, {"anthropic-version", "2023-06-01"}, {"anthropic-beta", "tools-2024"}}, f->fullKey);
    QCOMPARE(r.status, 200);
    QCOMPARE(f->openai.requests().size(), 1);
    QCOMPARE(f->anthropic.requests().size(), 1);
    for (const auto &up : {f->openai.requests().first(), f->anthropic.requests().first()}) {
        for (const auto &h : up.headers)
            QVERIFY2(h.second != value, qPrintable(QString::fromLatin1(h.first + ": " + h.second)));
    }
    const auto openai = f->openai.requests().first();
    QCOMPARE(openai.header("authorization"), "Bearer " + kOpenAiKey);
    QCOMPARE(openai.header("openai-beta"), QByteArray("assistants=v2")); // other headers still pass
    QCOMPARE(openai.header("x-stainless-lang"), QByteArray("js"));
    const auto anthropic = f->anthropic.requests().first();
    QCOMPARE(anthropic.header("x-api-key"), kAnthropicKey);
    QCOMPARE(anthropic.header("anthropic-beta"), QByteArray("tools-2024"));
}

void TestGatewaySecrets::providerSettingsSupplyOrganizationAndProject()
{
    Provider p = f->openaiProvider;
    p.options.insert(QStringLiteral("organization"), QStringLiteral("org-from-settings"));
    p.options.insert(QStringLiteral("project"), QStringLiteral("proj_from_settings"));
    QString error;
    QVERIFY(f->providers->update(p, &error));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            f->openai.clearRequests();
            call("POST", QStringLiteral("/v1/chat/completions"), chatBody(),
                 {{"OpenAI-Organization", "org-client"}, {"OpenAI-Project", "proj_client"}}, f->fullKey);
            return !f->openai.requests().isEmpty()
                   && f->openai.requests().first().header("openai-organization") == "org-from-settings";
        }(),
        5000);
    const auto up = f->openai.requests().first();
    QCOMPARE(up.header("openai-project"), QByteArray("proj_from_settings"));
    int organizations = 0;
    for (const auto &h : up.headers)
        organizations += h.first.compare("openai-organization", Qt::CaseInsensitive) == 0;
    QCOMPARE(organizations, 1);
}

// ---- 15. Connect failures -------------------------------------------------

void TestGatewaySecrets::connectTimeoutIs502()
{
#ifdef Q_OS_UNIX
    // A listener whose accept queue is full: the kernel drops further SYNs,
    // so a connect hangs until the gateway's connect timeout (1 s here).
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0);
    QVERIFY(::listen(fd, 0) == 0);
    socklen_t len = sizeof(addr);
    QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0);
    const quint16 port = ntohs(addr.sin_port);
    QList<QTcpSocket *> fillers;
    auto cleanupSockets = qScopeGuard([&] {
        qDeleteAll(fillers);
        ::close(fd);
    });
    // Fill the queue: connects complete until it is full, then hang.
    for (int i = 0; i < 8; ++i) {
        auto *s = new QTcpSocket;
        fillers.append(s);
        s->connectToHost(QHostAddress::LocalHost, port);
        if (!s->waitForConnected(300))
            break;
    }
    if (fillers.last()->state() == QAbstractSocket::ConnectedState)
        QSKIP("this kernel accepts every connection; no way to make a connect hang here");

    Provider p = f->openaiProvider;
    p.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
    QString error;
    QVERIFY(f->providers->update(p, &error));
    Response r;
    QElapsedTimer t;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            t.start();
            r = call("POST", QStringLiteral("/v1/chat/completions"), chatBody(), {}, f->fullKey);
            return r.status != 200;
        }(),
        8000);
    QCOMPARE(r.status, 502);
    QVERIFY2(t.elapsed() < 2900, qPrintable(QString::number(t.elapsed()))); // the connect timeout, not first byte
    QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("upstream_unreachable"));
    QSqlQuery q = lastLogRow();
    QCOMPARE(q.value(1).toInt(), 502);
#else
    QSKIP("needs POSIX sockets to make a connect hang");
#endif
}

QTEST_GUILESS_MAIN(TestGatewaySecrets)
#include "tst_gateway_secrets.moc"
