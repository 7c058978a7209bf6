#include "server/ClientFlowStats.h"
#include "support/GatewayFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

// One response read off a raw socket: the status line's code, the raw bytes
// and the body with the chunked framing removed.
struct RawResponse
{
    int status = 0;
    QByteArray raw;
    QByteArray body;
    bool terminated = false; // the chunked body ended with its zero-size chunk
};

RawResponse parseResponse(const QByteArray &raw)
{
    RawResponse r;
    r.raw = raw;
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || headEnd < 0)
        return r;
    r.status = raw.mid(9, 3).toInt();
    const QByteArray head = raw.left(headEnd).toLower();
    qsizetype pos = headEnd + 4;
    if (!head.contains("transfer-encoding: chunked")) {
        r.body = raw.mid(pos);
        return r;
    }
    for (;;) {
        const qsizetype lineEnd = raw.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return r;
        bool ok = false;
        const qsizetype size = raw.mid(pos, lineEnd - pos).toLongLong(&ok, 16);
        if (!ok)
            return r;
        if (size == 0) {
            r.terminated = true;
            return r;
        }
        if (raw.size() < lineEnd + 2 + size)
            return r;
        r.body += raw.mid(lineEnd + 2, size);
        pos = lineEnd + 2 + size + 2;
    }
}

// The last SSE event of a body (without its blank line).
QByteArray lastEvent(const QByteArray &body)
{
    const QByteArray joined = body.trimmed();
    const qsizetype cut = joined.lastIndexOf("\n\n");
    return cut < 0 ? joined : joined.mid(cut + 2);
}

} // namespace

// Streams and the resources they hold: a client that stops reading, an
// upstream that fails or breaks mid-stream, the gateway stopping, and
// settings that change while streams are open. Raw loopback sockets, so the
// tests see every byte the client gets.
class TestGatewayStreams : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    // Item 12: what a stalled client costs.
    void stalledClientBufferStaysSmall();
    // Item 13: upstream errors inside a stream.
    void openAiErrorChunkMidStreamIsLoggedAsError();
    void anthropicErrorEventMidStreamIsLoggedAsError();
    void brokenOpenAiStreamEndsWithErrorChunk();
    void brokenAnthropicStreamEndsWithErrorEvent();
    // Item 14: who ended the stream, and settings that change live.
    void shutdownMidStreamIsLogged503();
    void stalledClientIsLogged499StoppedReading();
    void streamKeepsFlowingWhileLiveSettingChanges();
    void listenAddressChangeDrainsOpenStreams();

private:
    QByteArray request(const QByteArray &path, const QByteArray &body, bool close = true) const;
    // Sends a request on a new connection and reads until the gateway closes it.
    RawResponse exchange(const QByteArray &path, const QByteArray &body, int timeoutMs = 10000);
    // Status and error of the only / latest log record, after flushing the log.
    bool latestLog(int *status, QString *error);
    void startGateway(const GatewayOptions &options);

    std::unique_ptr<GatewayFixture> f;
};

void TestGatewayStreams::init()
{
    ClientFlowStats::reset();
    GatewayOptions options;
    options.workerThreads = 1;
    startGateway(options);
}

void TestGatewayStreams::startGateway(const GatewayOptions &options)
{
    f = std::make_unique<GatewayFixture>();
    QString error;
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
}

void TestGatewayStreams::cleanup()
{
    f.reset();
}

QByteArray TestGatewayStreams::request(const QByteArray &path, const QByteArray &body, bool close) const
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
           + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
           + (close ? "Connection: close\r\n" : "") + "\r\n" + body;
}

RawResponse TestGatewayStreams::exchange(const QByteArray &path, const QByteArray &body, int timeoutMs)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QByteArray raw;
    if (!s.waitForConnected(2000))
        return {};
    s.write(request(path, body));
    QElapsedTimer t;
    t.start();
    // Never block: the fake upstream runs on this thread too.
    while (t.elapsed() < timeoutMs) {
        raw += s.readAll();
        if (s.state() == QAbstractSocket::UnconnectedState && s.bytesAvailable() == 0)
            break;
        QTest::qWait(2);
    }
    raw += s.readAll();
    return parseResponse(raw);
}

bool TestGatewayStreams::latestLog(int *status, QString *error)
{
    f->flushLog();
    QSqlQuery q(f->db->connection());
    if (!q.exec(QStringLiteral("SELECT status, error FROM request_log ORDER BY id DESC LIMIT 1")) || !q.next())
        return false;
    *status = q.value(0).toInt();
    *error = q.value(1).toString();
    return true;
}

void TestGatewayStreams::stalledClientBufferStaysSmall()
{
    // Far more stream than the socket buffers hold; the client reads nothing.
    f->openai.setStreamChunks(60000, 0);
    QTcpSocket s;
    s.setReadBufferSize(1024);
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(s.waitForConnected(2000));
    s.write(request("/v1/chat/completions", R"({"model":"fast","stream":true,"messages":[]})", false));
    // Once the kernel's buffers are full the gateway must stop pulling from the upstream...
    QTRY_VERIFY_WITH_TIMEOUT(ClientFlowStats::pausedNow() == 1, 20000);
    // ...having queued only a little for this client in user space (it used to be over 1 MiB).
    QVERIFY2(ClientFlowStats::peakBuffered() <= ClientFlowStats::kBufferBound,
             qPrintable(QString::number(ClientFlowStats::peakBuffered())));
    QVERIFY(ClientFlowStats::peakBuffered() > 0);
    // The stream is held, not dropped: reading resumes it.
    s.setReadBufferSize(0);
    QTRY_VERIFY_WITH_TIMEOUT(ClientFlowStats::resumes() > 0, 10000);
}

void TestGatewayStreams::openAiErrorChunkMidStreamIsLoggedAsError()
{
    f->openai.setStreamChunks(5, 0);
    f->openai.setStreamErrorAfter(2, QStringLiteral("server_error"));
    const RawResponse r = exchange("/v1/chat/completions", R"({"model":"fast","stream":true,"messages":[]})");
    QCOMPARE(r.status, 200);
    // The upstream's own error chunk reaches the client as it was sent.
    QVERIFY2(lastEvent(r.body).startsWith("data: {\"error\":"), r.body.constData());
    int status = 0;
    QString error;
    QVERIFY(latestLog(&status, &error));
    QCOMPARE(status, 500);
    QVERIFY2(error.contains(QLatin1String("failed mid-stream")), qPrintable(error));
}

void TestGatewayStreams::anthropicErrorEventMidStreamIsLoggedAsError()
{
    f->anthropic.setStreamChunks(5, 0);
    f->anthropic.setStreamErrorAfter(3, QStringLiteral("overloaded_error"));
    const RawResponse r =
        exchange("/v1/messages",
                 R"({"model":"sonnet","stream":true,"max_tokens":10,"messages":[{"role":"user","content":"hi"}]})");
    QCOMPARE(r.status, 200);
    QVERIFY2(lastEvent(r.body).startsWith("event: error\n"), r.body.constData());
    int status = 0;
    QString error;
    QVERIFY(latestLog(&status, &error));
    QCOMPARE(status, 529); // Anthropic's status for overloaded_error
    QVERIFY2(error.contains(QLatin1String("overloaded_error")), qPrintable(error));
}

void TestGatewayStreams::brokenOpenAiStreamEndsWithErrorChunk()
{
    f->openai.setStreamChunks(6, 0);
    f->openai.setStreamBreakAfter(3);
    const RawResponse r = exchange("/v1/chat/completions", R"({"model":"fast","stream":true,"messages":[]})");
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("piece1"));
    QVERIFY(!r.body.contains("[DONE]"));
    const QByteArray last = lastEvent(r.body);
    QVERIFY2(last.startsWith("data: {\"error\":"), r.body.constData());
    const QJsonObject err = QJsonDocument::fromJson(last.mid(6)).object().value(QLatin1String("error")).toObject();
    QVERIFY(!err.value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(!err.value(QLatin1String("type")).toString().isEmpty());
    int status = 0;
    QString error;
    QVERIFY(latestLog(&status, &error));
    QCOMPARE(status, 502);
    QVERIFY(error.contains(QLatin1String("mid-response")));
}

void TestGatewayStreams::brokenAnthropicStreamEndsWithErrorEvent()
{
    f->anthropic.setStreamChunks(6, 0);
    f->anthropic.setStreamBreakAfter(4);
    const RawResponse r =
        exchange("/v1/messages",
                 R"({"model":"sonnet","stream":true,"max_tokens":10,"messages":[{"role":"user","content":"hi"}]})");
    QCOMPARE(r.status, 200);
    QVERIFY(!r.body.contains("message_stop"));
    const QByteArray last = lastEvent(r.body);
    QVERIFY2(last.startsWith("event: error\ndata: "), r.body.constData());
    const QJsonObject o = QJsonDocument::fromJson(last.mid(last.indexOf("data: ") + 6)).object();
    QCOMPARE(o.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("api_error"));
    QVERIFY(!o.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().isEmpty());
    int status = 0;
    QString error;
    QVERIFY(latestLog(&status, &error));
    QCOMPARE(status, 502);
}

void TestGatewayStreams::shutdownMidStreamIsLogged503()
{
    f->openai.setStreamChunks(200, 50); // ten seconds of stream
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(s.waitForConnected(2000));
    s.write(request("/v1/chat/completions", R"({"model":"fast","stream":true,"messages":[]})"));
    QByteArray got;
    QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).contains("piece1"), 5000);
    f->gateway->stop(); // what SIGTERM does
    int status = 0;
    QString error;
    QVERIFY(latestLog(&status, &error));
    QCOMPARE(status, 503);
    QVERIFY2(error.contains(QLatin1String("shut down")), qPrintable(error));
}

void TestGatewayStreams::stalledClientIsLogged499StoppedReading()
{
    GatewayOptions options;
    options.workerThreads = 1;
    options.stallTimeoutSec = 1;
    startGateway(options);
    f->openai.setStreamChunks(60000, 0);
    QTcpSocket s;
    s.setReadBufferSize(1024);
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(s.waitForConnected(2000));
    s.write(request("/v1/chat/completions", R"({"model":"fast","stream":true,"messages":[]})", false));
    int status = 0;
    QString error;
    QTRY_VERIFY_WITH_TIMEOUT(latestLog(&status, &error), 20000);
    QCOMPARE(status, 499);
    QVERIFY2(error.contains(QLatin1String("stopped reading")), qPrintable(error));
}

void TestGatewayStreams::streamKeepsFlowingWhileLiveSettingChanges()
{
    f->openai.setStreamChunks(20, 40); // about a second of stream
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(s.waitForConnected(2000));
    s.write(request("/v1/chat/completions", R"({"model":"fast","stream":true,"messages":[]})"));
    QByteArray raw;
    QTRY_VERIFY_WITH_TIMEOUT((raw += s.readAll()).contains("piece1"), 5000);

    // What the Settings dialog saves, other than the address.
    GatewayOptions changed;
    changed.address = QHostAddress::LocalHost;
    changed.port = 0;
    changed.workerThreads = 1;
    changed.logFlushIntervalMs = 50;
    changed.logBodies = false;
    changed.bodyLimitBytes = 1024;
    const quint16 port = f->gateway->port();
    f->gateway->applyOptions(changed);

    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState && (raw += s.readAll(), true), 10000);
    raw += s.readAll();
    const RawResponse r = parseResponse(raw);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.terminated && r.body.contains("piece19") && r.body.contains("[DONE]"), r.body.right(300).constData());
    int status = 0;
    QString error;
    QVERIFY(latestLog(&status, &error));
    QCOMPARE(status, 200);
    QVERIFY(error.isEmpty());
    // The same listener, with the new limit in force.
    QCOMPARE(f->gateway->port(), port);
    const RawResponse big =
        exchange("/v1/chat/completions", R"({"model":"fast","messages":[],"pad":")" + QByteArray(2048, 'x') + "\"}");
    QCOMPARE(big.status, 413);
}

void TestGatewayStreams::listenAddressChangeDrainsOpenStreams()
{
    f->openai.setStreamChunks(20, 40);
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QVERIFY(s.waitForConnected(2000));
    s.write(request("/v1/chat/completions", R"({"model":"fast","stream":true,"messages":[]})"));
    QByteArray raw;
    QTRY_VERIFY_WITH_TIMEOUT((raw += s.readAll()).contains("piece1"), 5000);

    quint16 newPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        newPort = probe.serverPort();
    }
    GatewayOptions moved;
    moved.address = QHostAddress::LocalHost;
    moved.port = newPort;
    moved.workerThreads = 1;
    moved.logFlushIntervalMs = 50;
    moved.drainGraceMs = 10000;
    const quint16 oldPort = f->gateway->port();
    f->gateway->applyOptions(moved);

    // The open stream runs to its end...
    QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState && (raw += s.readAll(), true), 10000);
    raw += s.readAll();
    const RawResponse r = parseResponse(raw);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.terminated && r.body.contains("[DONE]"), r.body.right(300).constData());
    // ...then the gateway listens on the new address only.
    QTRY_COMPARE_WITH_TIMEOUT(f->gateway->port(), newPort, 5000);
    QVERIFY(f->gateway->isRunning());
    const RawResponse after = exchange("/v1/chat/completions", R"({"model":"fast","messages":[]})");
    QCOMPARE(after.status, 200);
    QTcpSocket old;
    old.connectToHost(QHostAddress::LocalHost, oldPort);
    QVERIFY(!old.waitForConnected(1000));
    int status = 0;
    QString error;
    QVERIFY(latestLog(&status, &error));
    QCOMPARE(status, 200);
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM request_log WHERE status = 200")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestGatewayStreams)
#include "tst_gateway_streams.moc"
