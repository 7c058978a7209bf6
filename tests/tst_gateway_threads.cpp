#include "core/net/HttpClient.h"
#include "support/GatewayFixture.h"

#include <QTest>

// Several gateway worker threads accept from one listening socket; limits
// stay shared between them.
class TestGatewayThreads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void manyConnectionsAllAnswered();
    void rpmLimitIsSharedAcrossThreads();
    void portInUseIsReported();

private:
    int fire(int count, const QString &key, int *ok);

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<HttpClient> http;
};

void TestGatewayThreads::init()
{
    f = std::make_unique<GatewayFixture>();
    GatewayOptions options;
    options.workerThreads = 4;
    QString error;
    QVERIFY2(f->setUp(&error, options), qPrintable(error));
    http = std::make_unique<HttpClient>();
}

void TestGatewayThreads::cleanup()
{
    http.reset();
    f.reset();
}

int TestGatewayThreads::fire(int count, const QString &key, int *ok)
{
    int done = 0;
    *ok = 0;
    for (int i = 0; i < count; ++i) {
        HttpRequest req;
        req.method = "POST";
        req.url = (f->baseUrl() + QStringLiteral("/v1/chat/completions")).toUtf8();
        req.body = R"({"model":"fast","messages":[]})";
        req.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + key.toUtf8()}};
        HttpClient::Handler h;
        h.onHead = [ok](const HttpResponseHead &head) { *ok += head.status == 200; };
        h.onDone = [&done](const HttpResult &) { ++done; };
        http->start(req, h);
    }
    QTest::qWaitFor([&] { return done >= count; }, 10000);
    return done;
}

void TestGatewayThreads::manyConnectionsAllAnswered()
{
    f->openai.setResponseDelayMs(200);
    int ok = 0;
    QCOMPARE(fire(60, f->fullKey, &ok), 60);
    QCOMPARE(ok, 60);
    QCOMPARE(f->openai.requestCount(), 60);
    f->flushLog();
}

void TestGatewayThreads::rpmLimitIsSharedAcrossThreads()
{
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("five");
    spec.rpm = 5;
    QString error;
    const QString key = f->keys->create(spec, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    f->gateway->reloadNow();           // every worker, not only the one that happens to check first
    f->openai.setResponseDelayMs(100); // keep the connections apart
    int ok = 0;
    QCOMPARE(fire(12, key, &ok), 12);
    QCOMPARE(ok, 5);
}

void TestGatewayThreads::portInUseIsReported()
{
    GatewayOptions options;
    options.address = QHostAddress::LocalHost;
    options.port = f->gateway->port();
    options.workerThreads = 2;
    GatewayMonitor monitor;
    Gateway second(*f->db, &f->providerKeys, &monitor);
    QString error;
    QVERIFY(!second.start(options, &error));
    QVERIFY2(error.contains(QLatin1String("in use")), qPrintable(error));
    QCOMPARE(monitor.state(), GatewayMonitor::State::PortInUse);
    QVERIFY(!second.isRunning());
}

QTEST_GUILESS_MAIN(TestGatewayThreads)
#include "tst_gateway_threads.moc"
