#include "core/net/HttpClient.h"
#include "support/FakeUpstream.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {

struct Outcome
{
    bool done = false;
    int heads = 0;
    int chunks = 0;
    HttpResponseHead head;
    QByteArray body;
    HttpResult result;
    qint64 firstDataMs = -1;
    qint64 doneMs = -1;
};

// Starts a transfer that records everything into `out`.
HttpClient::TransferId startRecorded(HttpClient &client, HttpRequest request, Outcome *out,
                                     const QElapsedTimer *clock = nullptr)
{
    HttpClient::Handler h;
    h.onHead = [out](const HttpResponseHead &head) {
        ++out->heads;
        out->head = head;
    };
    h.onData = [out, clock](const char *data, qsizetype size) {
        if (out->chunks++ == 0 && clock)
            out->firstDataMs = clock->elapsed();
        out->body.append(data, size);
    };
    h.onDone = [out, clock](const HttpResult &r) {
        out->result = r;
        out->done = true;
        if (clock)
            out->doneMs = clock->elapsed();
    };
    return client.start(std::move(request), std::move(h));
}

HttpRequest get(const QString &url)
{
    HttpRequest r;
    r.url = url.toUtf8();
    return r;
}

HttpRequest post(const QString &url, const QByteArray &body)
{
    HttpRequest r;
    r.method = "POST";
    r.url = url.toUtf8();
    r.body = body;
    r.headers = {{"Content-Type", "application/json"}};
    return r;
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

class TestHttpClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void headerLookup_data();
    void headerLookup();
    void getWithHeaders();
    void postBody();
    void reusesConnections();
    void noCallbackInsideStart();
    void streamingArrivesIncrementally();
    void abortInsideOnData();
    void abortInsideOnHead();
    void pauseAndResume();
    void connectRefused();
    void hangTimesOut();
    void resetIsAnError();
    void dieMidStreamIsTransferError();
    void errorStatusIsNotATransportError();
    void hundredConcurrentSlowRequests();
    void fetchBuffers();
    void fetchEnforcesMaxBody();
    void fetchSkipsDeadContext();
    void destructorAbortsEverything();

private:
    FakeUpstream *m_upstream = nullptr;
    HttpClient *m_client = nullptr;
};

void TestHttpClient::init()
{
    m_upstream = new FakeUpstream;
    QVERIFY(m_upstream->listen());
    m_upstream->setModels({QStringLiteral("gpt-4o-mini"), QStringLiteral("text-embedding-3-small")});
    m_client = new HttpClient;
}

void TestHttpClient::cleanup()
{
    delete m_client;
    m_client = nullptr;
    delete m_upstream;
    m_upstream = nullptr;
}

void TestHttpClient::headerLookup_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("exact") << QByteArray("Content-Type") << QByteArray("application/json");
    QTest::newRow("lower") << QByteArray("content-type") << QByteArray("application/json");
    QTest::newRow("upper") << QByteArray("X-REQUEST-ID") << QByteArray("abc");
    QTest::newRow("first of two") << QByteArray("set-cookie") << QByteArray("a=1");
    QTest::newRow("missing") << QByteArray("retry-after") << QByteArray();
}

void TestHttpClient::headerLookup()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, expected);
    HttpResponseHead head;
    head.headers = {
        {"Content-Type", "application/json"}, {"x-request-id", "abc"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}};
    QCOMPARE(head.header(name), expected);
}

void TestHttpClient::getWithHeaders()
{
    Outcome out;
    HttpRequest r = get(m_upstream->baseUrl() + QStringLiteral("/models"));
    r.headers = {{"X-Trace", "t-1"}, {"Authorization", "Bearer secret-xyz"}, {"X-Bad", "a\r\nX-Evil: 1"}};
    startRecorded(*m_client, r, &out);
    QTRY_VERIFY(out.done);
    QVERIFY2(out.result.ok(), qPrintable(out.result.message));
    QCOMPARE(out.result.status, 200);
    QCOMPARE(out.heads, 1);
    QCOMPARE(out.head.status, 200);
    QCOMPARE(out.head.header("content-type"), QByteArray("application/json"));
    QCOMPARE(out.result.bytesReceived, qint64(out.body.size()));
    const QJsonObject root = QJsonDocument::fromJson(out.body).object();
    QCOMPARE(root.value(QLatin1String("data")).toArray().size(), 2);

    QCOMPARE(m_upstream->requests().size(), 1);
    const FakeUpstream::RecordedRequest rec = m_upstream->requests().first();
    QCOMPARE(rec.method, QByteArray("GET"));
    QCOMPARE(rec.path, QByteArray("/v1/models"));
    QCOMPARE(rec.header("x-trace"), QByteArray("t-1"));
    QCOMPARE(rec.header("authorization"), QByteArray("Bearer secret-xyz"));
    QVERIFY(rec.header("expect").isEmpty());
    QVERIFY(rec.header("content-type").isEmpty());
    QVERIFY(rec.header("x-evil").isEmpty());
    QVERIFY(rec.header("x-bad").isEmpty());
}

void TestHttpClient::postBody()
{
    Outcome out;
    const QByteArray body = R"({"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]})";
    startRecorded(*m_client, post(m_upstream->baseUrl() + QStringLiteral("/chat/completions"), body), &out);
    QTRY_VERIFY(out.done);
    QVERIFY2(out.result.ok(), qPrintable(out.result.message));
    const QJsonObject root = QJsonDocument::fromJson(out.body).object();
    QCOMPARE(root.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
    QCOMPARE(root.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o-mini"));
    const FakeUpstream::RecordedRequest rec = m_upstream->requests().first();
    QCOMPARE(rec.method, QByteArray("POST"));
    QCOMPARE(rec.body, body);
    QCOMPARE(rec.header("content-type"), QByteArray("application/json"));
    QVERIFY(rec.header("expect").isEmpty());

    // A large body must not trigger a 100-continue round trip either.
    Outcome big;
    QByteArray large(2 * 1024 * 1024, 'x');
    large = R"({"model":"m","pad":")" + large + R"("})";
    startRecorded(*m_client, post(m_upstream->baseUrl() + QStringLiteral("/chat/completions"), large), &big);
    QTRY_VERIFY(big.done);
    QVERIFY2(big.result.ok(), qPrintable(big.result.message));
    QCOMPARE(m_upstream->requests().last().body.size(), large.size());
    QVERIFY(m_upstream->requests().last().header("expect").isEmpty());
}

void TestHttpClient::reusesConnections()
{
    for (int i = 0; i < 5; ++i) {
        Outcome out;
        startRecorded(*m_client, get(m_upstream->baseUrl() + QStringLiteral("/models")), &out);
        QTRY_VERIFY(out.done);
        QVERIFY(out.result.ok());
    }
    QCOMPARE(m_upstream->requestCount(), 5);
    QCOMPARE(m_upstream->connectionCount(), 1);
}

void TestHttpClient::noCallbackInsideStart()
{
    Outcome out;
    // Even a request that fails at once reports on a later event loop pass.
    HttpRequest r = get(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(closedPort()));
    startRecorded(*m_client, r, &out);
    QVERIFY(!out.done);
    QCOMPARE(m_client->activeTransfers(), 1);
    QTRY_VERIFY(out.done);
    QCOMPARE(m_client->activeTransfers(), 0);
}

void TestHttpClient::streamingArrivesIncrementally()
{
    m_upstream->setStreamChunks(5, 80);
    QElapsedTimer clock;
    clock.start();
    Outcome out;
    const QByteArray body = R"({"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true}})";
    startRecorded(*m_client, post(m_upstream->baseUrl() + QStringLiteral("/chat/completions"), body), &out, &clock);
    QTRY_VERIFY_WITH_TIMEOUT(out.done, 10000);
    QVERIFY2(out.result.ok(), qPrintable(out.result.message));
    QCOMPARE(out.head.header("content-type"), QByteArray("text/event-stream"));
    QVERIFY2(out.chunks >= 5, qPrintable(QString::number(out.chunks)));
    // The first event is delivered long before the stream ends (5 x 80 ms).
    QVERIFY2(out.doneMs - out.firstDataMs >= 200,
             qPrintable(QStringLiteral("first %1 done %2").arg(out.firstDataMs).arg(out.doneMs)));
    QVERIFY(out.body.contains("chat.completion.chunk"));
    QVERIFY(out.body.contains("\"usage\""));
    QVERIFY(out.body.endsWith("data: [DONE]\n\n"));
}

void TestHttpClient::abortInsideOnData()
{
    m_upstream->setStreamChunks(6, 50);
    int chunks = 0;
    bool done = false;
    HttpClient::TransferId id = 0;
    HttpClient::Handler h;
    h.onData = [&](const char *, qsizetype) {
        ++chunks;
        m_client->abort(id);
    };
    h.onDone = [&](const HttpResult &) { done = true; };
    id = m_client->start(
        post(m_upstream->baseUrl() + QStringLiteral("/chat/completions"), R"({"model":"m","stream":true})"),
        std::move(h));
    QTRY_COMPARE(chunks, 1);
    QCOMPARE(m_client->activeTransfers(), 0);
    // The upstream goes on to the end of its stream (or sees the abort); by then
    // an aborted transfer that kept reading would have had more chunks.
    QTRY_VERIFY(m_upstream->responsesFinished() == 1 || m_upstream->openConnections() == 0);
    QCoreApplication::processEvents();
    QCOMPARE(chunks, 1);
    QVERIFY(!done);
    // The client keeps working afterwards.
    Outcome out;
    startRecorded(*m_client, get(m_upstream->baseUrl() + QStringLiteral("/models")), &out);
    QTRY_VERIFY(out.done);
    QVERIFY(out.result.ok());
}

void TestHttpClient::abortInsideOnHead()
{
    int heads = 0;
    int chunks = 0;
    bool done = false;
    HttpClient::TransferId id = 0;
    HttpClient::Handler h;
    h.onHead = [&](const HttpResponseHead &) {
        ++heads;
        m_client->abort(id);
    };
    h.onData = [&](const char *, qsizetype) { ++chunks; };
    h.onDone = [&](const HttpResult &) { done = true; };
    id = m_client->start(get(m_upstream->baseUrl() + QStringLiteral("/models")), std::move(h));
    QTRY_COMPARE(heads, 1);
    QTRY_COMPARE(m_upstream->responsesFinished(), 1); // the whole body was sent
    QCoreApplication::processEvents();
    QCOMPARE(chunks, 0);
    QVERIFY(!done);
    QCOMPARE(m_client->activeTransfers(), 0);
}

void TestHttpClient::pauseAndResume()
{
    m_upstream->setStreamChunks(4, 20);
    Outcome out;
    HttpClient::TransferId id = 0;
    HttpClient::Handler h;
    h.onHead = [&](const HttpResponseHead &head) {
        out.head = head;
        m_client->pause(id);
    };
    h.onData = [&](const char *data, qsizetype size) {
        ++out.chunks;
        out.body.append(data, size);
    };
    h.onDone = [&](const HttpResult &r) {
        out.result = r;
        out.done = true;
    };
    id = m_client->start(
        post(m_upstream->baseUrl() + QStringLiteral("/chat/completions"), R"({"model":"m","stream":true})"),
        std::move(h));
    QTRY_COMPARE(out.head.status, 200);
    QTRY_COMPARE(m_upstream->responsesFinished(), 1); // every event has been sent
    QCoreApplication::processEvents();
    QCOMPARE(out.chunks, 0);
    QVERIFY(!out.done);
    m_client->resume(id);
    QTRY_VERIFY(out.done);
    QVERIFY2(out.result.ok(), qPrintable(out.result.message));
    QVERIFY(out.body.endsWith("data: [DONE]\n\n"));
}

void TestHttpClient::connectRefused()
{
    Outcome out;
    startRecorded(*m_client, get(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(closedPort())), &out);
    QTRY_VERIFY(out.done);
    QCOMPARE(out.result.error, HttpError::ConnectFailed);
    QCOMPARE(out.heads, 0);
    QVERIFY(!out.result.message.isEmpty());
}

void TestHttpClient::hangTimesOut()
{
    m_upstream->setMode(FakeUpstream::Hang);
    QElapsedTimer clock;
    clock.start();
    Outcome out;
    HttpRequest r = get(m_upstream->baseUrl() + QStringLiteral("/models"));
    r.firstByteTimeoutMs = 300;
    startRecorded(*m_client, r, &out);
    QTRY_VERIFY_WITH_TIMEOUT(out.done, 5000);
    QCOMPARE(out.result.error, HttpError::Timeout);
    QVERIFY(clock.elapsed() >= 280);
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!out.result.message.isEmpty());
    QCOMPARE(m_client->activeTransfers(), 0);

    // A total timeout fires too.
    Outcome total;
    r.firstByteTimeoutMs = 0;
    r.totalTimeoutMs = 300;
    startRecorded(*m_client, r, &total);
    QTRY_VERIFY_WITH_TIMEOUT(total.done, 5000);
    QCOMPARE(total.result.error, HttpError::Timeout);
}

void TestHttpClient::resetIsAnError()
{
    m_upstream->setMode(FakeUpstream::Reset);
    Outcome out;
    startRecorded(*m_client, get(m_upstream->baseUrl() + QStringLiteral("/models")), &out);
    QTRY_VERIFY(out.done);
    QVERIFY(!out.result.ok());
    QCOMPARE(out.result.error, HttpError::Transfer);
    QCOMPARE(out.heads, 0);
}

void TestHttpClient::dieMidStreamIsTransferError()
{
    m_upstream->setStreamChunks(6, 10);
    m_upstream->setDieMidStream(true);
    Outcome out;
    startRecorded(*m_client,
                  post(m_upstream->baseUrl() + QStringLiteral("/chat/completions"), R"({"model":"m","stream":true})"),
                  &out);
    QTRY_VERIFY(out.done);
    QCOMPARE(out.heads, 1);
    QVERIFY(out.chunks >= 1);
    QCOMPARE(out.result.error, HttpError::Transfer);
    QVERIFY(!out.body.contains("[DONE]"));
}

void TestHttpClient::errorStatusIsNotATransportError()
{
    m_upstream->setMode(FakeUpstream::RateLimited);
    Outcome out;
    startRecorded(*m_client, get(m_upstream->baseUrl() + QStringLiteral("/models")), &out);
    QTRY_VERIFY(out.done);
    QVERIFY(out.result.ok());
    QCOMPARE(out.result.status, 429);
    QCOMPARE(out.head.header("retry-after"), QByteArray("1"));
}

void TestHttpClient::hundredConcurrentSlowRequests()
{
    m_upstream->setResponseDelayMs(1000);
    m_upstream->setRecording(false);
    constexpr int count = 100;
    QList<Outcome> outs(count);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i)
        startRecorded(*m_client, get(m_upstream->baseUrl() + QStringLiteral("/models")), &outs[i]);
    QCOMPARE(m_client->activeTransfers(), count);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(outs.cbegin(), outs.cend(), [](const Outcome &o) { return o.done; }), 15000);
    const qint64 elapsed = clock.elapsed();
    for (const Outcome &o : std::as_const(outs)) {
        QVERIFY2(o.result.ok(), qPrintable(o.result.message));
        QCOMPARE(o.result.status, 200);
    }
    // Serialized per host this would take 100 s; 6 per host (QNAM) ~17 s.
    QVERIFY2(elapsed < 3000, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    QVERIFY(m_upstream->connectionCount() >= count);
}

void TestHttpClient::fetchBuffers()
{
    bool called = false;
    QByteArray body;
    HttpResult result;
    HttpResponseHead head;
    m_client->fetch(get(m_upstream->baseUrl() + QStringLiteral("/models")), this,
                    [&](const HttpResult &r, const HttpResponseHead &h, const QByteArray &b) {
                        called = true;
                        result = r;
                        head = h;
                        body = b;
                    });
    QTRY_VERIFY(called);
    QVERIFY(result.ok());
    QCOMPARE(head.status, 200);
    QVERIFY(body.contains("gpt-4o-mini"));
}

void TestHttpClient::fetchEnforcesMaxBody()
{
    int calls = 0;
    HttpResult result;
    m_client->fetch(
        get(m_upstream->baseUrl() + QStringLiteral("/models")), this,
        [&](const HttpResult &r, const HttpResponseHead &, const QByteArray &) {
            ++calls;
            result = r;
        },
        50);
    QTRY_COMPARE(calls, 1);
    QCOMPARE(result.error, HttpError::TooLarge);
    QVERIFY(!result.message.isEmpty());
    QTRY_COMPARE(m_client->activeTransfers(), 0);
    QCoreApplication::processEvents();
    QCOMPARE(calls, 1);

    // Same without Content-Length: a chunked stream over the limit.
    int streamCalls = 0;
    HttpResult streamResult;
    m_client->fetch(
        post(m_upstream->baseUrl() + QStringLiteral("/chat/completions"), R"({"model":"m","stream":true})"), this,
        [&](const HttpResult &r, const HttpResponseHead &, const QByteArray &) {
            ++streamCalls;
            streamResult = r;
        },
        100);
    QTRY_COMPARE(streamCalls, 1);
    QCOMPARE(streamResult.error, HttpError::TooLarge);
}

void TestHttpClient::fetchSkipsDeadContext()
{
    m_upstream->setResponseDelayMs(100);
    bool called = false;
    auto *context = new QObject;
    m_client->fetch(get(m_upstream->baseUrl() + QStringLiteral("/models")), context,
                    [&](const HttpResult &, const HttpResponseHead &, const QByteArray &) { called = true; });
    delete context;
    QTRY_COMPARE(m_client->activeTransfers(), 0);
    QCoreApplication::processEvents(); // a callback deferred past the transfer's end
    QVERIFY(!called);
}

void TestHttpClient::destructorAbortsEverything()
{
    m_upstream->setMode(FakeUpstream::Hang);
    bool called = false;
    auto *client = new HttpClient;
    for (int i = 0; i < 10; ++i) {
        HttpClient::Handler h;
        h.onDone = [&](const HttpResult &) { called = true; };
        client->start(get(m_upstream->baseUrl() + QStringLiteral("/models")), std::move(h));
    }
    QTRY_COMPARE(m_upstream->requestCount(), 10);
    delete client;
    // The server sees every connection go away, and no callback ran meanwhile.
    QTRY_COMPARE(m_upstream->openConnections(), 0);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
