#include "core/net/HttpClient.h"
#include "support/TestSupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// A plain `tollgate` start with a display (offscreen here) opens the console
// and serves the gateway from the same process.
class TestConsoleStart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void consoleStartsTheGateway();
    void secondStartRaisesTheFirstAndExits();
};

void TestConsoleStart::consoleStartsTheGateway()
{
    QTemporaryDir dir;
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(TestSupport::tollgateBinary(), {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                                              QStringLiteral("127.0.0.1:%1").arg(port)});
    QVERIFY(app.waitForStarted(5000));

    HttpClient http;
    int status = 0;
    QByteArray body;
    QElapsedTimer t;
    t.start();
    while (status != 200 && t.elapsed() < 10000) {
        bool done = false;
        http.fetch({"GET", QByteArrayLiteral("http://127.0.0.1:") + QByteArray::number(port) + "/health"}, this,
                   [&](const HttpResult &r, const HttpResponseHead &, const QByteArray &b) {
                       status = r.ok() ? r.status : 0;
                       body = b;
                       done = true;
                   });
        QTRY_VERIFY_WITH_TIMEOUT(done, 3000);
        if (status != 200)
            QTest::qWait(100);
    }
    QCOMPARE(status, 200);
    QVERIFY(body.contains("ok"));
    QVERIFY2(app.state() == QProcess::Running, "the console keeps running");
    // The first start printed the default key once, like headless mode.
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit); // SIGTERM quits cleanly
    QCOMPARE(app.exitCode(), 0);
    QVERIFY(app.readAllStandardError().contains("default: tg-"));
}

// A second `tollgate` on the same data directory hands over to the running
// console (which raises its window) and exits 0 instead of opening a second one.
void TestConsoleStart::secondStartRaisesTheFirstAndExits()
{
    QTemporaryDir dir;
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QStringList args = {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:%1").arg(port)};

    QProcess first;
    first.setProcessEnvironment(env);
    first.start(TestSupport::tollgateBinary(), args);
    QVERIFY(first.waitForStarted(5000));
    QByteArray firstErr;
    QTRY_VERIFY_WITH_TIMEOUT((firstErr += first.readAllStandardError()).contains("gateway listening")
                                 || firstErr.contains("listening on"),
                             15000);

    QProcess second;
    second.setProcessEnvironment(env);
    second.start(TestSupport::tollgateBinary(), args);
    QVERIFY(second.waitForStarted(5000));
    QVERIFY(second.waitForFinished(15000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    const QByteArray secondErr = second.readAllStandardError();
    QVERIFY2(secondErr.contains("already running"), secondErr.constData());
    QVERIFY2(!secondErr.contains("port in use") && !secondErr.contains("gateway not started"), secondErr.constData());
    QTRY_VERIFY_WITH_TIMEOUT((firstErr += first.readAllStandardError()).contains("raised by a second start"), 5000);
    QVERIFY(first.state() == QProcess::Running);

    first.terminate();
    QVERIFY(first.waitForFinished(10000));
    QCOMPARE(first.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestConsoleStart)
#include "tst_console_start.moc"
