#include "core/storage/Database.h"
#include "core/storage/RequestLogWriter.h"
#include "core/time/Clock.h"
#include "support/TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// `tollgate logs` and `tollgate usage` on a request log written by the real
// writer thread.
class TestCliLogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void logsJsonNewestFirstWithFields();
    void logsLimit();
    void usageByModelAndKey_data();
    void usageByModelAndKey();
    void badArguments_data();
    void badArguments();

private:
    QByteArray run(const QStringList &args, int *exitCode = nullptr);
    QList<QJsonObject> jsonLines(const QByteArray &out);
    QTemporaryDir m_dir;
};

QByteArray TestCliLogs::run(const QStringList &args, int *exitCode)
{
    QProcess p;
    p.start(TestSupport::tollgateBinary(), args + QStringList{QStringLiteral("--data-dir"), m_dir.path()});
    if (!p.waitForFinished(20000))
        p.kill();
    if (exitCode)
        *exitCode = p.exitCode();
    return p.readAllStandardOutput() + p.readAllStandardError();
}

QList<QJsonObject> TestCliLogs::jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

void TestCliLogs::initTestCase()
{
    // First start creates the database (demo provider and keys).
    int code = -1;
    run({QStringLiteral("keys"), QStringLiteral("list")}, &code);
    QCOMPARE(code, 0);
    Database db(Database::defaultPath(m_dir.path()));
    QVERIFY(db.open(nullptr));
    RequestLogWriter writer(db);
    writer.start(20);
    const qint64 now = Clock::nowMs();
    const struct
    {
        const char *model;
        const char *key;
        int status;
        int prompt;
        int completion;
        double cost;
    } rows[] = {
        {"fast", "alice", 200, 100, 50, 0.002},
        {"fast", "bob", 200, 10, 5, 0.0005},
        {"smart", "alice", 500, 0, 0, 0.0},
        {"smart", "alice", 200, 1000, 200, 0.03},
    };
    int i = 0;
    for (const auto &r : rows) {
        LogRecord rec;
        rec.timeMs = now - 60000 + i++ * 1000;
        rec.keyName = QLatin1String(r.key);
        rec.route = QStringLiteral("/v1/chat/completions");
        rec.model = QLatin1String(r.model);
        rec.provider = QStringLiteral("up");
        rec.upstreamModel = QLatin1String(r.model) + QStringLiteral("-upstream");
        rec.status = r.status;
        rec.promptTokens = r.prompt;
        rec.completionTokens = r.completion;
        rec.costUsd = r.cost;
        writer.append(rec);
    }
    writer.flush();
    writer.stop();
}

void TestCliLogs::logsJsonNewestFirstWithFields()
{
    int code = -1;
    const auto lines = jsonLines(run({QStringLiteral("logs"), QStringLiteral("--json")}, &code));
    QCOMPARE(code, 0);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.first().value(QLatin1String("model")).toString(), QStringLiteral("smart"));
    QCOMPARE(lines.first().value(QLatin1String("prompt_tokens")).toInt(), 1000);
    for (const char *field :
         {"id", "time", "key", "route", "model", "provider", "upstream_model", "stream", "status", "error",
          "latency_ms", "ttfb_ms", "prompt_tokens", "completion_tokens", "cached_tokens", "cost_usd"})
        QVERIFY2(lines.first().contains(QLatin1String(field)), field);
    QVERIFY(lines.first().value(QLatin1String("time")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(lines.last().value(QLatin1String("key")).toString(), QStringLiteral("alice"));
}

void TestCliLogs::logsLimit()
{
    const auto lines = jsonLines(
        run({QStringLiteral("logs"), QStringLiteral("--json"), QStringLiteral("--limit"), QStringLiteral("2")}));
    QCOMPARE(lines.size(), 2);
    const QByteArray table = run({QStringLiteral("logs")});
    QVERIFY(table.contains("ROUTE"));
    QVERIFY(table.contains("smart"));
}

void TestCliLogs::usageByModelAndKey_data()
{
    QTest::addColumn<QString>("by");
    QTest::addColumn<QString>("group");
    QTest::addColumn<int>("requests");
    QTest::addColumn<double>("cost");
    QTest::newRow("model smart") << "model"
                                 << "smart" << 2 << 0.03;
    QTest::newRow("model fast") << "model"
                                << "fast" << 2 << 0.0025;
    QTest::newRow("key alice") << "key"
                               << "alice" << 3 << 0.032;
    QTest::newRow("provider") << "provider"
                              << "up" << 4 << 0.0325;
}

void TestCliLogs::usageByModelAndKey()
{
    QFETCH(QString, by);
    QFETCH(QString, group);
    QFETCH(int, requests);
    QFETCH(double, cost);
    int code = -1;
    const auto lines = jsonLines(run({QStringLiteral("usage"), QStringLiteral("--json"), QStringLiteral("--by"), by,
                                      QStringLiteral("--since"), QStringLiteral("1d")},
                                     &code));
    QCOMPARE(code, 0);
    bool found = false;
    for (const QJsonObject &o : lines) {
        if (o.value(QLatin1String("group")).toString() != group)
            continue;
        found = true;
        QCOMPARE(o.value(QLatin1String("requests")).toInt(), requests);
        QVERIFY(qAbs(o.value(QLatin1String("cost_usd")).toDouble() - cost) < 1e-9);
    }
    QVERIFY2(found, qPrintable(group));
}

void TestCliLogs::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("limit zero") << QStringList{QStringLiteral("logs"), QStringLiteral("--limit"), QStringLiteral("0")};
    QTest::newRow("since garbage") << QStringList{QStringLiteral("usage"), QStringLiteral("--since"),
                                                  QStringLiteral("soon")};
    QTest::newRow("by garbage") << QStringList{QStringLiteral("usage"), QStringLiteral("--by"),
                                               QStringLiteral("colour")};
    QTest::newRow("limit on usage") << QStringList{QStringLiteral("usage"), QStringLiteral("--limit"),
                                                   QStringLiteral("3")};
}

void TestCliLogs::badArguments()
{
    QFETCH(QStringList, args);
    int code = -1;
    const QByteArray out = run(args, &code);
    QCOMPARE(code, 2);
    QVERIFY(!out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliLogs)
#include "tst_cli_logs.moc"
