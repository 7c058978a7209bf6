#include "core/net/HttpClient.h"
#include "core/storage/Database.h"
#include "core/storage/RequestLogWriter.h"
#include "core/time/Clock.h"
#include "support/TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// The request log's writer thread: batching, flushing, retention and what a
// crash leaves behind.
class TestRequestLogWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everythingAppendedIsWrittenOnStop();
    void batchesAreWrittenWithinTheInterval();
    void keyUsageIsCounted();
    void retentionByAge();
    void retentionBySize();
    void sigkillUnderLoadLosesAtMostOneSecond();

private:
    static LogRecord record(qint64 timeMs, const QString &model = QStringLiteral("m"))
    {
        LogRecord r;
        r.timeMs = timeMs;
        r.route = QStringLiteral("/v1/chat/completions");
        r.model = model;
        r.status = 200;
        return r;
    }
    // Polls GET /health until the gateway answers 200 (at most ~5 s).
    bool waitHealthy(HttpClient &http, const QByteArray &base)
    {
        for (int i = 0; i < 100; ++i) {
            bool done = false;
            bool healthy = false;
            http.fetch({"GET", base + "/health"}, this,
                       [&](const HttpResult &r, const HttpResponseHead &, const QByteArray &) {
                           healthy = r.ok() && r.status == 200;
                           done = true;
                       });
            QTest::qWaitFor([&] { return done; }, 2000);
            if (healthy)
                return true;
            QTest::qWait(50);
        }
        return false;
    }
    static qint64 count(Database &db, const QString &where = QStringLiteral("1"))
    {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM request_log WHERE ") + where);
        return q.next() ? q.value(0).toLongLong() : -1;
    }
};

void TestRequestLogWriter::everythingAppendedIsWrittenOnStop()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QVERIFY(db.open(nullptr));
    RequestLogWriter writer(db);
    writer.start(1000);
    const qint64 now = Clock::nowMs();
    for (int i = 0; i < 10000; ++i)
        writer.append(record(now + i));
    writer.stop();
    QCOMPARE(count(db), 10000);
    QCOMPARE(writer.written(), 10000);
}

void TestRequestLogWriter::batchesAreWrittenWithinTheInterval()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QVERIFY(db.open(nullptr));
    RequestLogWriter writer(db);
    QSignalSpy batches(&writer, &RequestLogWriter::batchWritten);
    writer.start(100);
    writer.append(record(Clock::nowMs()));
    QTRY_COMPARE_WITH_TIMEOUT(count(db), 1, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(batches.count(), 1, 1000);
    QVERIFY(batches.first().at(0).toLongLong() > 0);
    writer.stop();
}

void TestRequestLogWriter::keyUsageIsCounted()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QVERIFY(db.open(nullptr));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(
        QStringLiteral("INSERT INTO gateway_keys (name, hash, prefix, created_at) VALUES ('k', 'h', 'tg-', 'x')")));
    const qint64 keyId = q.lastInsertId().toLongLong();
    RequestLogWriter writer(db);
    writer.start(50);
    for (int i = 0; i < 5; ++i) {
        LogRecord r = record(Clock::nowMs());
        r.keyId = keyId;
        writer.append(r);
    }
    writer.stop();
    QVERIFY(q.exec(QStringLiteral("SELECT requests, last_used FROM gateway_keys WHERE id = %1").arg(keyId)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 5);
    QVERIFY(Clock::fromIso(q.value(1).toString()).isValid());
}

void TestRequestLogWriter::retentionByAge()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QVERIFY(db.open(nullptr));
    RequestLogWriter writer(db);
    writer.setRetention(30, 0);
    writer.start(50);
    const qint64 day = 86400000;
    const qint64 now = Clock::nowMs();
    for (int i = 0; i < 100; ++i)
        writer.append(record(now - (i % 50) * day)); // 0..49 days old
    writer.flush();
    QCOMPARE(count(db), 100);
    const int removed = writer.pruneNow();
    QCOMPARE(removed, 40); // ages 30..49, twice each
    QCOMPARE(count(db, QStringLiteral("time_ms < %1").arg(now - 30 * day)), 0);
    writer.stop();
}

void TestRequestLogWriter::retentionBySize()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QVERIFY(db.open(nullptr));
    RequestLogWriter writer(db);
    writer.setRetention(0, 1); // 1 MiB
    writer.start(50);
    const QByteArray body(4000, 'x');
    const qint64 now = Clock::nowMs();
    for (int i = 0; i < 1000; ++i) { // ~4 MB of bodies
        LogRecord r = record(now + i);
        r.requestBody = body;
        writer.append(r);
    }
    writer.flush();
    QVERIFY(writer.pruneNow() > 0);
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT MIN(time_ms), COUNT(*) FROM request_log")));
    QVERIFY(q.next());
    QVERIFY2(q.value(1).toInt() < 400, qPrintable(q.value(1).toString()));
    QVERIFY(q.value(0).toLongLong() > now); // the oldest went first
    writer.stop();
}

void TestRequestLogWriter::sigkillUnderLoadLosesAtMostOneSecond()
{
    QTemporaryDir dir;
    // A free port for the gateway.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    QProcess gateway;
    gateway.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    gateway.setProcessEnvironment(env);
    gateway.start(TestSupport::tollgateBinary(),
                  {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:%1").arg(port)});
    QVERIFY(gateway.waitForStarted(5000));
    HttpClient http;
    const QByteArray base = QByteArrayLiteral("http://127.0.0.1:") + QByteArray::number(port);
    QVERIFY(waitHealthy(http, base));

    // Keep 8 requests in flight against the demo model, then SIGKILL.
    QList<qint64> finishedAt;
    QElapsedTimer clock;
    clock.start();
    bool running = true;
    std::function<void()> launch = [&] {
        HttpRequest req{"POST", base + "/v1/chat/completions"};
        req.headers = {{"Content-Type", "application/json"}};
        req.body = R"({"model":"demo-chat","messages":[{"role":"user","content":"hi"}]})";
        http.fetch(req, this, [&](const HttpResult &r, const HttpResponseHead &, const QByteArray &) {
            if (r.ok() && r.status == 200)
                finishedAt.append(clock.elapsed());
            if (running)
                launch();
        });
    };
    // Keys are required by default; loopback installs may turn that off for this test.
    {
        Database db(Database::defaultPath(dir.path()));
        QVERIFY(db.open(nullptr));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('gateway/require_keys', 'false') "
                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value")));
    }
    gateway.terminate();
    QVERIFY(gateway.waitForFinished(10000));
    gateway.start(TestSupport::tollgateBinary(),
                  {QStringLiteral("--headless"), QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:%1").arg(port)});
    QVERIFY(gateway.waitForStarted(5000));
    QVERIFY(waitHealthy(http, base));
    {
        // Rows from the first run (flushed on SIGTERM) are not part of this count.
        Database db(Database::defaultPath(dir.path()));
        QVERIFY(db.open(nullptr));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM request_log")));
    }
    clock.restart();
    for (int i = 0; i < 8; ++i)
        launch();
    // Kill once more than 50 answers are over a second old: those must all be stored.
    const auto answeredBefore = [&](qint64 t) {
        return std::count_if(finishedAt.begin(), finishedAt.end(), [t](qint64 at) { return at < t; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(answeredBefore(clock.elapsed() - 1000) > 50, 20000);
    const qint64 killedAt = clock.elapsed();
    ::kill(pid_t(gateway.processId()), SIGKILL);
    running = false;
    QVERIFY(gateway.waitForFinished(5000));

    const qint64 answeredBeforeLastSecond = answeredBefore(killedAt - 1000);
    QVERIFY2(answeredBeforeLastSecond > 50, qPrintable(QString::number(answeredBeforeLastSecond)));
    Database db(Database::defaultPath(dir.path()));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    const qint64 stored = count(db);
    qInfo("answered %lld (%lld before the last second), stored %lld", qint64(finishedAt.size()),
          answeredBeforeLastSecond, stored);
    QVERIFY2(stored >= answeredBeforeLastSecond,
             qPrintable(QStringLiteral("%1 < %2").arg(stored).arg(answeredBeforeLastSecond)));
}

QTEST_GUILESS_MAIN(TestRequestLogWriter)
#include "tst_requestlogwriter.moc"
