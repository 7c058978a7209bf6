#include "support/GatewayFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

// The limits QHttpServer 6.4 does not enforce itself: body and header size,
// slow senders, idle keep-alive, clients that stop reading. Raw sockets, so
// the tests control every byte.
class TestGatewayLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void bodyOverLimitIs413BeforeUpload();
    void bodyOverLimitWithoutLengthIs413();
    void hugeHeadersAre431();
    void slowLorisIs408AndOthersStillServed();
    void idleKeepAliveIsClosed();
    void keepAliveServesSeveralRequests();
    void clientThatNeverReadsDoesNotBlockOthers();

private:
    QByteArray readResponse(QTcpSocket &socket, int timeoutMs = 5000);
    QByteArray request(const QByteArray &body, const QByteArray &extraHeaders = {}) const;

    std::unique_ptr<GatewayFixture> f;
};

void TestGatewayLimits::init()
{
    f = std::make_unique<GatewayFixture>();
    GatewayOptions options;
    options.bodyLimitBytes = 64 * 1024;
    options.headerLimitBytes = 8 * 1024;
    options.requestTimeoutSec = 1;
    options.idleTimeoutSec = 1;
    // Connection limits hold per worker: with one worker, "others still served"
    // means served by the same event loop the slow client is holding.
    options.workerThreads = 1;
    QString error;
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
}

void TestGatewayLimits::cleanup()
{
    f.reset();
}

QByteArray TestGatewayLimits::request(const QByteArray &body, const QByteArray &extraHeaders) const
{
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + f->fullKey.toUtf8()
           + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
           + extraHeaders + "\r\n" + body;
}

QByteArray TestGatewayLimits::readResponse(QTcpSocket &socket, int timeoutMs)
{
    // Never block the thread: the fake upstream lives on it too.
    QByteArray data;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                break;
            QTest::qWait(5);
            continue;
        }
        data += socket.readAll();
        const qsizetype headEnd = data.indexOf("\r\n\r\n");
        if (headEnd > 0) {
            const int cl = data.indexOf("Content-Length: ");
            if (cl > 0 && cl < headEnd) {
                const qint64 len = data.mid(cl + 16, data.indexOf("\r\n", cl) - cl - 16).toLongLong();
                if (data.size() >= headEnd + 4 + len)
                    break;
            }
        }
    }
    return data;
}

void TestGatewayLimits::bodyOverLimitIs413BeforeUpload()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::ConnectedState, 2000);
    // Declare 10 MB, send only the headers: the answer must not wait for the body.
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            "10000000\r\n\r\n");
    const QByteArray response = readResponse(s);
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.constData());
    QVERIFY(response.contains("request_too_large"));
    QCOMPARE(f->openai.requestCount(), 0);
    f->flushLog();
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, error FROM request_log")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 413);
    QVERIFY(!q.value(1).toString().isEmpty());
}

void TestGatewayLimits::bodyOverLimitWithoutLengthIs413()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::ConnectedState, 2000);
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: "
            "chunked\r\n\r\n");
    const QByteArray piece(16 * 1024, 'a');
    for (int i = 0; i < 8 && s.state() == QAbstractSocket::ConnectedState; ++i) {
        s.write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
        QTest::qWait(10);
    }
    const QByteArray response = readResponse(s);
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.left(200).constData());
}

void TestGatewayLimits::hugeHeadersAre431()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::ConnectedState, 2000);
    s.write("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(20 * 1024, 'h'));
    const QByteArray response = readResponse(s);
    QVERIFY2(response.startsWith("HTTP/1.1 431"), response.left(200).constData());
}

void TestGatewayLimits::slowLorisIs408AndOthersStillServed()
{
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(slow.state(), QAbstractSocket::ConnectedState, 2000);
    slow.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"mo");
    slow.flush();

    // Meanwhile another client is served at once.
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(other.state(), QAbstractSocket::ConnectedState, 2000);
    other.write(request(R"({"model":"fast","messages":[]})"));
    const QByteArray ok = readResponse(other, 3000);
    QVERIFY2(ok.startsWith("HTTP/1.1 200"), ok.left(200).constData());

    QElapsedTimer t;
    t.start();
    const QByteArray response = readResponse(slow, 5000);
    QVERIFY2(response.startsWith("HTTP/1.1 408"), response.left(200).constData());
    QVERIFY(t.elapsed() < 4000);
}

void TestGatewayLimits::idleKeepAliveIsClosed()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::ConnectedState, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::UnconnectedState, 5000);
}

void TestGatewayLimits::keepAliveServesSeveralRequests()
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::ConnectedState, 2000);
    for (int i = 0; i < 3; ++i) {
        s.write(request(R"({"model":"fast","messages":[]})"));
        const QByteArray response = readResponse(s, 3000);
        QVERIFY2(response.startsWith("HTTP/1.1 200"), response.left(200).constData());
    }
    QCOMPARE(f->openai.requestCount(), 3);
}

void TestGatewayLimits::clientThatNeverReadsDoesNotBlockOthers()
{
    // A stream far bigger than the socket buffers; the client reads nothing.
    f->openai.setStreamChunks(20000, 0);
    QTcpSocket s;
    s.setReadBufferSize(1024);
    s.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(s.state(), QAbstractSocket::ConnectedState, 2000);
    s.write(request(R"({"model":"fast","stream":true,"messages":[]})"));
    s.flush();
    // Once the stream is under way (and the client's buffers fill), the
    // gateway keeps serving others on the same worker.
    QTRY_COMPARE(f->openai.requestCount(), 1);
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, f->gateway->port());
    QTRY_COMPARE_WITH_TIMEOUT(other.state(), QAbstractSocket::ConnectedState, 2000);
    other.write(request(R"({"model":"fast","messages":[]})"));
    const QByteArray ok = readResponse(other, 3000);
    QVERIFY2(ok.startsWith("HTTP/1.1 200"), ok.left(200).constData());
}

QTEST_GUILESS_MAIN(TestGatewayLimits)
#include "tst_gateway_limits.moc"
