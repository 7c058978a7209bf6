#include "support/GatewayFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

namespace {

// One response as it came off the wire.
struct WireResponse
{
    int status = 0;
    QByteArray head; // status line and headers, without the blank line
    QByteArray body; // de-chunked
    bool chunked = false;
    QByteArray rawBody; // as sent
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    bool hasHeader(const QByteArray &line) const { return head.toLower().contains("\r\n" + line.toLower()); }
};

// Takes one complete response (Content-Length or chunked framed, or a 1xx)
// off the front of `buf`. A close-delimited body is taken only when `closed`.
bool takeResponse(QByteArray &buf, WireResponse *out, bool closed)
{
    const qsizetype end = buf.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    WireResponse r;
    r.head = buf.left(end);
    r.status = r.head.mid(9, 3).toInt();
    const QByteArray lower = r.head.toLower();
    qsizetype pos = end + 4;
    if (r.status >= 100 && r.status < 200) {
        buf.remove(0, pos);
        *out = r;
        return true;
    }
    const qsizetype cl = lower.indexOf("\r\ncontent-length:");
    if (lower.contains("\r\ntransfer-encoding: chunked")) {
        r.chunked = true;
        for (;;) {
            const qsizetype lineEnd = buf.indexOf("\r\n", pos);
            if (lineEnd < 0)
                return false;
            const qint64 size = buf.mid(pos, lineEnd - pos).toLongLong(nullptr, 16);
            if (buf.size() < lineEnd + 2 + size + 2)
                return false;
            r.body += buf.mid(lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
            if (size == 0)
                break;
        }
    } else if (cl >= 0) {
        const qsizetype valueEnd = lower.indexOf("\r\n", cl + 2);
        const qint64 len =
            lower.mid(cl + 17, (valueEnd < 0 ? lower.size() : valueEnd) - cl - 17).trimmed().toLongLong();
        if (buf.size() < pos + len)
            return false;
        r.body = buf.mid(pos, len);
        pos += len;
    } else {
        if (!closed)
            return false;
        r.body = buf.mid(pos);
        pos = buf.size();
    }
    r.rawBody = buf.mid(end + 4, pos - end - 4);
    buf.remove(0, pos);
    *out = r;
    return true;
}

} // namespace

// HTTP/1.1 framing at the gateway's front door, byte by byte over raw
// sockets: pipelining, HTTP/1.0, Connection: close, Expect: 100-continue,
// request-smuggling shapes, many headers, and the envelope of the errors the
// listener makes itself.
class TestGatewayWire : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void pipelinedRequestsAnsweredInRequestOrder();
    void requestDuringStreamWaitsForTheStreamToEnd();
    void http10StreamIsCloseDelimitedAndCloses();
    void http10PlainAnswerHasLengthAndCloses();
    void connectionCloseIsHonoured();
    void expectContinueGetsContinueBeforeTheBody();
    void expectContinueOverLimitGets413WithoutContinue();
    void contentLengthWithTransferEncodingIs400AndClose();
    void shortContentLengthLeavingGarbageIs400AndClose();
    void differingDuplicateContentLengthIs400();
    void chunkedRequestBodyIsForwarded();
    void threeHundredHeadersAllArrive();
    void tooManyHeadersIs431();
    void listenerErrorsOnMessagesUseAnthropicEnvelope();
    void listenerErrorsElsewhereUseOpenAiEnvelope();
    void slowMessagesRequestGets408InAnthropicEnvelope();
    void malformedFramingIs400AndClose_data();
    void malformedFramingIs400AndClose();
    void manyPipelinedRequestsAllAnsweredInOrder();

private:
    // Reads until `count` complete responses arrived (or the peer closed).
    QList<WireResponse> readResponses(QTcpSocket &socket, int count, int timeoutMs = 5000);
    // Reads until the peer closes; true when it did within the time.
    bool waitClosed(QTcpSocket &socket, int timeoutMs = 3000);
    void connectTo(QTcpSocket &socket);
    QByteArray chat(const QByteArray &body, const QByteArray &extraHeaders = {},
                    const QByteArray &version = "HTTP/1.1") const;

    std::unique_ptr<GatewayFixture> f;
    QByteArray m_pending; // bytes read past the responses taken so far
};

void TestGatewayWire::init()
{
    f = std::make_unique<GatewayFixture>();
    GatewayOptions options;
    options.bodyLimitBytes = 256 * 1024;
    options.workerThreads = 1;
    options.requestTimeoutSec = 2;
    QString error;
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
    m_pending.clear();
}

void TestGatewayWire::cleanup()
{
    f.reset();
}

void TestGatewayWire::connectTo(QTcpSocket &socket)
{
    socket.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 2000);
}

QByteArray TestGatewayWire::chat(const QByteArray &body, const QByteArray &extraHeaders,
                                 const QByteArray &version) const
{
    return "POST /v1/chat/completions " + version + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
           + f->fullKey.toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

QList<WireResponse> TestGatewayWire::readResponses(QTcpSocket &socket, int count, int timeoutMs)
{
    // Never block the thread: the fake upstream lives on it too.
    QList<WireResponse> out;
    QElapsedTimer t;
    t.start();
    while (out.size() < count && t.elapsed() < timeoutMs) {
        WireResponse r;
        const bool closed = socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0;
        if (takeResponse(m_pending, &r, closed)) {
            out.append(r);
            continue;
        }
        if (closed)
            break;
        if (socket.bytesAvailable() == 0)
            QTest::qWait(5);
        m_pending += socket.readAll();
    }
    return out;
}

bool TestGatewayWire::waitClosed(QTcpSocket &socket, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        m_pending += socket.readAll();
        if (socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        QTest::qWait(5);
    }
    return false;
}

void TestGatewayWire::pipelinedRequestsAnsweredInRequestOrder()
{
    // A waits on the upstream; B and C the gateway answers by itself.
    f->openai.setResponseDelayMs(200);
    QTcpSocket s;
    connectTo(s);
    s.write(chat(R"({"model":"fast","messages":[]})") + "GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + f->fullKey.toUtf8() + "\r\n\r\n" + chat(R"({"model":"no-such-model","messages":[]})"));
    const QList<WireResponse> r = readResponses(s, 3);
    QCOMPARE(r.size(), 3);
    QCOMPARE(r[0].status, 200);
    QCOMPARE(r[0].json().value("object").toString(), QStringLiteral("chat.completion"));
    QCOMPARE(r[1].status, 200);
    QCOMPARE(r[1].json().value("object").toString(), QStringLiteral("list"));
    QCOMPARE(r[2].status, 404);
}

void TestGatewayWire::requestDuringStreamWaitsForTheStreamToEnd()
{
    f->openai.setStreamChunks(20, 20);
    QTcpSocket s;
    connectTo(s);
    s.write(chat(R"({"model":"fast","stream":true,"messages":[]})"));
    // Once the stream has begun, a second request on the same connection.
    QTRY_VERIFY_WITH_TIMEOUT((m_pending += s.readAll()).contains("data:"), 3000);
    QVERIFY(!m_pending.contains("[DONE]"));
    s.write("GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f->fullKey.toUtf8() + "\r\n\r\n");
    const QList<WireResponse> r = readResponses(s, 2);
    QCOMPARE(r.size(), 2);
    QCOMPARE(r[0].status, 200);
    QVERIFY(r[0].chunked);
    QVERIFY2(!r[0].body.contains("HTTP/1.1"), r[0].body.right(400).constData());
    QVERIFY(r[0].body.contains("[DONE]"));
    QCOMPARE(r[1].status, 200);
    QCOMPARE(r[1].json().value("object").toString(), QStringLiteral("list"));
}

void TestGatewayWire::http10StreamIsCloseDelimitedAndCloses()
{
    QTcpSocket s;
    connectTo(s);
    s.write(chat(R"({"model":"fast","stream":true,"messages":[]})", {}, "HTTP/1.0"));
    QVERIFY(waitClosed(s));
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
    QVERIFY2(!r[0].chunked, r[0].head.constData());
    QVERIFY(r[0].hasHeader("connection: close"));
    // The body is the event stream itself, no chunk framing around it.
    QVERIFY2(r[0].body.startsWith("data: "), r[0].body.left(100).constData());
    QVERIFY(r[0].body.trimmed().endsWith("data: [DONE]"));
}

void TestGatewayWire::http10PlainAnswerHasLengthAndCloses()
{
    QTcpSocket s;
    connectTo(s);
    // Even when it asks for keep-alive, an HTTP/1.0 client gets one answer.
    s.write(chat(R"({"model":"fast","messages":[]})", "Connection: keep-alive\r\n", "HTTP/1.0"));
    QVERIFY(waitClosed(s));
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
    QVERIFY(!r[0].chunked);
    QVERIFY(r[0].hasHeader("content-length:"));
    QCOMPARE(r[0].json().value("object").toString(), QStringLiteral("chat.completion"));
}

void TestGatewayWire::connectionCloseIsHonoured()
{
    QTcpSocket s;
    connectTo(s);
    // "close" among other tokens, and a second request the server must not answer.
    s.write(chat(R"({"model":"fast","messages":[]})", "Connection: TE, close\r\n")
            + chat(R"({"model":"fast","messages":[]})"));
    QVERIFY(waitClosed(s));
    const QList<WireResponse> r = readResponses(s, 2);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
    QVERIFY(r[0].hasHeader("connection: close"));
    QCOMPARE(f->openai.requestCount(), 1);
}

void TestGatewayWire::expectContinueGetsContinueBeforeTheBody()
{
    QTcpSocket s;
    connectTo(s);
    const QByteArray body = R"({"model":"fast","messages":[]})";
    QByteArray request = chat(body, "Expect: 100-continue\r\n");
    request.chop(body.size());
    s.write(request);
    QElapsedTimer t;
    t.start();
    QList<WireResponse> r = readResponses(s, 1, 900);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 100);
    QVERIFY(t.elapsed() < 900);
    s.write(body);
    r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 200);
}

void TestGatewayWire::expectContinueOverLimitGets413WithoutContinue()
{
    QTcpSocket s;
    connectTo(s);
    s.write("POST /v1/audio/transcriptions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
            + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 5000000\r\nExpect: "
              "100-continue\r\n\r\n");
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 413);
    QVERIFY(waitClosed(s));
}

void TestGatewayWire::contentLengthWithTransferEncodingIs400AndClose()
{
    QTcpSocket s;
    connectTo(s);
    const QByteArray body = R"({"model":"fast","messages":[]})";
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
            + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" + QByteArray::number(body.size(), 16)
            + "\r\n" + body + "\r\n0\r\n\r\n");
    const QList<WireResponse> r = readResponses(s, 2);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 400);
    QVERIFY(waitClosed(s));
    QCOMPARE(f->openai.requestCount(), 0);
}

void TestGatewayWire::shortContentLengthLeavingGarbageIs400AndClose()
{
    QTcpSocket s;
    connectTo(s);
    // Content-Length covers only part of the body; what is left is no request.
    const QByteArray body = R"({"model":"fast","messages":[]})";
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
            + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
            + body + R"({"model":"fast","messages":[]})" + "\r\n\r\n");
    const QList<WireResponse> r = readResponses(s, 3);
    QCOMPARE(r.size(), 2);
    QCOMPARE(r[0].status, 200); // the request as framed is answered first
    QCOMPARE(r[1].status, 400);
    QVERIFY(waitClosed(s));
}

void TestGatewayWire::differingDuplicateContentLengthIs400()
{
    QTcpSocket s;
    connectTo(s);
    const QByteArray body = R"({"model":"fast","messages":[]})";
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nContent-Length: 5\r\n\r\n" + body);
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 400);
    QVERIFY(waitClosed(s));
    QCOMPARE(f->openai.requestCount(), 0);
}

void TestGatewayWire::chunkedRequestBodyIsForwarded()
{
    QTcpSocket s;
    connectTo(s);
    const QByteArray a = R"({"model":"fast",)";
    const QByteArray b = R"("messages":[]})";
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + QByteArray::number(a.size(), 16) + ";ext=1\r\n" + a + "\r\n" + QByteArray::number(b.size(), 16) + "\r\n"
            + b + "\r\n0\r\n\r\n" + chat(R"({"model":"fast","messages":[]})"));
    const QList<WireResponse> r = readResponses(s, 2);
    QCOMPARE(r.size(), 2);
    QCOMPARE(r[0].status, 200);
    QCOMPARE(r[1].status, 200);
    QCOMPARE(f->openai.requestCount(), 2);
}

void TestGatewayWire::threeHundredHeadersAllArrive()
{
    QByteArray extra;
    for (int i = 0; i < 300; ++i)
        extra += "X-Trace-" + QByteArray::number(i) + ": v" + QByteArray::number(i) + "\r\n";
    QTcpSocket s;
    connectTo(s);
    s.write(chat(R"({"model":"fast","messages":[]})", extra));
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QVERIFY2(r[0].status == 200, r[0].body.constData());
    QCOMPARE(f->openai.requests().size(), 1);
    const auto upstream = f->openai.requests().constFirst();
    QCOMPARE(upstream.header("X-Trace-0"), QByteArray("v0"));
    QCOMPARE(upstream.header("X-Trace-299"), QByteArray("v299"));
}

void TestGatewayWire::tooManyHeadersIs431()
{
    QByteArray extra;
    for (int i = 0; i < 2000; ++i)
        extra += "X-" + QByteArray::number(i) + ": v\r\n";
    QTcpSocket s;
    connectTo(s);
    s.write(chat(R"({"model":"fast","messages":[]})", extra));
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 431);
    QCOMPARE(f->openai.requestCount(), 0);
}

void TestGatewayWire::listenerErrorsOnMessagesUseAnthropicEnvelope()
{
    const QByteArray head = "POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + f->fullKey.toUtf8()
                            + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\n";
    {
        QTcpSocket s;
        connectTo(s);
        s.write(head + "Content-Length: 99999999\r\n\r\n");
        const QList<WireResponse> r = readResponses(s, 1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, 413);
        const QJsonObject o = r[0].json();
        QCOMPARE(o.value("type").toString(), QStringLiteral("error"));
        QCOMPARE(o.value("error").toObject().value("type").toString(), QStringLiteral("request_too_large"));
        QVERIFY(!o.value("error").toObject().value("message").toString().isEmpty());
    }
    {
        QTcpSocket s;
        connectTo(s);
        s.write(head + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QList<WireResponse> r = readResponses(s, 1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, 400);
        QCOMPARE(r[0].json().value("type").toString(), QStringLiteral("error"));
        QCOMPARE(r[0].json().value("error").toObject().value("type").toString(),
                 QStringLiteral("invalid_request_error"));
    }
    {
        QTcpSocket s;
        connectTo(s);
        s.write(head + "X-Filler: " + QByteArray(70 * 1024, 'h') + "\r\n\r\n");
        const QList<WireResponse> r = readResponses(s, 1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].status, 431);
        QCOMPARE(r[0].json().value("type").toString(), QStringLiteral("error"));
    }
}

void TestGatewayWire::listenerErrorsElsewhereUseOpenAiEnvelope()
{
    QTcpSocket s;
    connectTo(s);
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n");
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 413);
    const QJsonObject error = r[0].json().value("error").toObject();
    QCOMPARE(error.value("type").toString(), QStringLiteral("invalid_request_error"));
    QCOMPARE(error.value("code").toString(), QStringLiteral("request_too_large"));
    QVERIFY(!error.value("message").toString().isEmpty());
    QVERIFY(!r[0].json().contains("type"));
}

void TestGatewayWire::slowMessagesRequestGets408InAnthropicEnvelope()
{
    QTcpSocket s;
    connectTo(s);
    s.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"mo");
    const QList<WireResponse> r = readResponses(s, 1, 5000);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 408);
    QCOMPARE(r[0].json().value("type").toString(), QStringLiteral("error"));
    QVERIFY(!r[0].json().value("error").toObject().value("message").toString().isEmpty());
}

void TestGatewayWire::malformedFramingIs400AndClose_data()
{
    QTest::addColumn<QByteArray>("head");
    const QByteArray start = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n";
    QTest::newRow("space before colon") << start + "Content-Length : 2\r\n\r\n{}";
    QTest::newRow("folded header") << start + "X-A: 1\r\n  folded\r\nContent-Length: 2\r\n\r\n{}";
    QTest::newRow("signed length") << start + "Content-Length: +2\r\n\r\n{}";
    QTest::newRow("length list") << start + "Content-Length: 2, 3\r\n\r\n{}";
    QTest::newRow("unknown coding") << start + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    QTest::newRow("bad chunk size") << start + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
    QTest::newRow("chunk longer than size") << start + "Transfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n";
    QTest::newRow("HTTP/1.0 chunked") << QByteArray(
        "POST /v1/chat/completions HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    QTest::newRow("HTTP/2 line") << QByteArray("GET /v1/models HTTP/2.0\r\n\r\n");
    QTest::newRow("no version") << QByteArray("GET /v1/models\r\n\r\n");
    QTest::newRow("control char") << start + "X-A: a\x01b\r\n\r\n";
}

void TestGatewayWire::malformedFramingIs400AndClose()
{
    QFETCH(QByteArray, head);
    QTcpSocket s;
    connectTo(s);
    s.write(head);
    const QList<WireResponse> r = readResponses(s, 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].status, 400);
    QVERIFY(r[0].hasHeader("connection: close"));
    QVERIFY(waitClosed(s));
    QCOMPARE(f->openai.requestCount(), 0);
}

void TestGatewayWire::manyPipelinedRequestsAllAnsweredInOrder()
{
    // Alternating upstream and gateway-made answers, all in one write.
    f->openai.setResponseDelayMs(5);
    QByteArray all;
    for (int i = 0; i < 20; ++i) {
        if (i % 2 == 0)
            all += chat(R"({"model":"fast","messages":[]})");
        else
            all += chat(R"({"model":"missing-)" + QByteArray::number(i) + R"(","messages":[]})");
    }
    QTcpSocket s;
    connectTo(s);
    s.write(all);
    const QList<WireResponse> r = readResponses(s, 20, 10000);
    QCOMPARE(r.size(), 20);
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(r[i].status, i % 2 == 0 ? 200 : 404);
        if (i % 2 == 1)
            QVERIFY2(r[i].body.contains("missing-" + QByteArray::number(i)), r[i].body.constData());
    }
}

QTEST_GUILESS_MAIN(TestGatewayWire)
#include "tst_gateway_wire.moc"
