#include "core/storage/LogQuery.h"
#include "core/storage/LogRecordJson.h"
#include "core/time/Clock.h"
#include "tests/support/ConsoleFixture.h"
#include "ui/logs/LogDetailPane.h"
#include "ui/logs/LogTableModel.h"
#include "ui/logs/LogText.h"
#include "ui/logs/LogsTab.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

namespace {

constexpr int kRows = 3000;
const qint64 kStart = 1700000000000;

LogRecord makeRecord(int i)
{
    LogRecord r;
    r.timeMs = kStart + qint64(i) * 60000;
    r.keyName = i % 2 ? QStringLiteral("alice") : QStringLiteral("ci");
    r.route = QStringLiteral("/v1/chat/completions");
    r.model = QStringLiteral("model-%1").arg(i % 3);
    r.provider = i % 3 == 2 ? QStringLiteral("anthropic") : QStringLiteral("openai");
    r.upstreamModel = r.model + QStringLiteral("-2024");
    r.status = i % 50 == 0 ? 502 : (i % 25 == 0 ? 429 : 200);
    r.error = r.status == 502 ? QStringLiteral("upstream unreachable") : QString();
    r.latencyMs = 100 + i % 7;
    r.ttfbMs = 40;
    r.promptTokens = 10 + i % 5;
    r.completionTokens = 20;
    r.costUsd = 0.001;
    r.requestBody = QByteArrayLiteral("{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    r.responseBody = QByteArrayLiteral("{\"choices\":[]}");
    return r;
}

int countWhere(Database &db, const QString &where)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM request_log WHERE ") + where);
    return q.next() ? q.value(0).toInt() : -1;
}

// Fetches pages until the model says nothing older matches; bounded.
bool loadAll(LogTableModel *model)
{
    for (int i = 0; i < 1000 && !model->isExhausted(); ++i) {
        if (model->isLoading()) {
            QSignalSpy spy(model, &LogTableModel::pageLoaded);
            if (!spy.wait(5000))
                return false;
            continue;
        }
        model->fetchMore(QModelIndex());
    }
    QTest::qWaitFor([&] { return !model->isLoading(); }, 5000);
    return model->isExhausted();
}

} // namespace

class TestUiLogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void opensWithOnePage();
    void fetchesInPages();
    void filters_data();
    void filters();
    void liveTailPrependsNewRows();
    void detailShowsPrettyBodies();
    void exportsCsvAndJsonLines();
    void recordJsonFields();
    void errorTextIsNotRepeated();
    void keylessRowsSayNoKey();
    void contextMenuCopiesCurlAndOpensPlayground();
    void routeColumnFitsStreamedRoutes();

private:
    ConsoleFixture *m_fx = nullptr;
};

void TestUiLogs::initTestCase()
{
    m_fx = new ConsoleFixture;
    QVERIFY(m_fx->open());
    QList<LogRecord> rows;
    for (int i = 0; i < kRows; ++i)
        rows.append(makeRecord(i));
    QVERIFY(m_fx->insertLogs(rows));
}

void TestUiLogs::cleanupTestCase()
{
    delete m_fx;
}

void TestUiLogs::opensWithOnePage()
{
    LogsTab tab(m_fx->ctx);
    tab.show();
    LogTableModel *model = tab.model();
    QTRY_COMPARE(model->rowCount(), model->pageSize());
    QCOMPARE(model->pagesFetched(), 1);
    QVERIFY(!model->isExhausted());
    // Newest first.
    QCOMPARE(model->record(0).id, qint64(kRows));
    QVERIFY(model->record(0).id > model->record(1).id);
    // No bodies in the table's rows.
    QVERIFY(model->record(0).requestBody.isEmpty());
}

void TestUiLogs::fetchesInPages()
{
    LogsTab tab(m_fx->ctx);
    tab.resize(900, 600);
    tab.show();
    LogTableModel *model = tab.model();
    QTRY_COMPARE(model->rowCount(), model->pageSize());
    // Scrolling to the end asks for exactly one more page.
    tab.view()->scrollToBottom();
    QTRY_COMPARE(model->rowCount(), 2 * model->pageSize());
    QCOMPARE(model->pagesFetched(), 2);
    QVERIFY(loadAll(model));
    QCOMPARE(model->rowCount(), kRows);
    QVERIFY(model->pagesFetched() >= kRows / model->pageSize());
    for (int i = 1; i < model->rowCount(); ++i)
        QVERIFY(model->record(i - 1).id > model->record(i).id);
}

void TestUiLogs::filters_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::newRow("model") << "model-1"
                           << "" << 0 << ""
                           << "model = 'model-1'";
    QTest::newRow("key") << ""
                         << "alice" << 0 << ""
                         << "key_name = 'alice'";
    QTest::newRow("model+key") << "model-2"
                               << "ci" << 0 << ""
                               << "model = 'model-2' AND key_name = 'ci'";
    QTest::newRow("server errors") << ""
                                   << "" << int(LogFilter::Status::ServerError) << ""
                                   << "status >= 500";
    QTest::newRow("client errors") << ""
                                   << "" << int(LogFilter::Status::ClientError) << ""
                                   << "status BETWEEN 400 AND 499";
    QTest::newRow("text in error") << ""
                                   << "" << 0 << "unreachable"
                                   << "error LIKE '%unreachable%'";
    QTest::newRow("text in provider") << ""
                                      << "" << 0 << "anthro"
                                      << "provider LIKE '%anthro%'";
    QTest::newRow("nothing") << "no-such-model"
                             << "" << 0 << ""
                             << "0";
}

void TestUiLogs::filters()
{
    QFETCH(QString, model);
    QFETCH(QString, key);
    QFETCH(int, status);
    QFETCH(QString, text);
    QFETCH(QString, where);

    LogsTab tab(m_fx->ctx);
    tab.show();
    tab.findChild<QComboBox *>(QStringLiteral("modelFilter"))->setCurrentText(model);
    tab.findChild<QComboBox *>(QStringLiteral("keyFilter"))->setCurrentText(key);
    auto *statusBox = tab.findChild<QComboBox *>(QStringLiteral("statusFilter"));
    statusBox->setCurrentIndex(statusBox->findData(status));
    tab.findChild<QLineEdit *>(QStringLiteral("textFilter"))->setText(text);
    tab.applyFilters();
    LogTableModel *m = tab.model();
    QVERIFY(loadAll(m));
    QCOMPARE(m->rowCount(), countWhere(m_fx->db, where));
    for (int i = 0; i < m->rowCount(); ++i) {
        const LogRecord &r = m->record(i);
        if (!model.isEmpty())
            QCOMPARE(r.model, model);
        if (!key.isEmpty())
            QCOMPARE(r.keyName, key);
    }
}

void TestUiLogs::liveTailPrependsNewRows()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QVERIFY(fx.insertLogs({makeRecord(1), makeRecord(2)}));
    LogsTab tab(fx.ctx);
    tab.show();
    LogTableModel *model = tab.model();
    QTRY_COMPARE(model->rowCount(), 2);
    LogRecord fresh = makeRecord(3);
    fresh.model = QStringLiteral("fresh-model");
    QVERIFY(fx.insertLogs({fresh}));
    // The gateway announces a finished request; the tab polls for newer ids.
    fx.monitor.noteRequest(fresh.timeMs);
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(model->record(0).model, QStringLiteral("fresh-model"));
    QCOMPARE(model->record(0).id, qint64(3));
}

void TestUiLogs::detailShowsPrettyBodies()
{
    LogsTab tab(m_fx->ctx);
    tab.show();
    QTRY_VERIFY(tab.model()->rowCount() > 0);
    tab.view()->setCurrentIndex(tab.model()->index(0, 0));
    // As stored, byte for byte; pretty-printed only on request.
    const LogRecord stored = *LogQuery(m_fx->db.connection()).find(tab.model()->record(0).id);
    QCOMPARE(tab.detail()->requestBodyText(), QString::fromUtf8(stored.requestBody));
    tab.detail()->prettyBox()->setChecked(true);
    const QString body = tab.detail()->requestBodyText();
    QVERIFY2(body.contains(QLatin1String("\n    \"messages\"")), qPrintable(body));
    tab.detail()->prettyBox()->setChecked(false);
    QCOMPARE(tab.detail()->requestBodyText(), QString::fromUtf8(stored.requestBody));
    QVERIFY(tab.detail()->summaryText().contains(QLatin1String("model-")));
    QVERIFY(tab.detail()->summaryText().contains(QLatin1String("$")));
    QCOMPARE(LogDetailPane::prettyBody("data: {}\n\n"), QStringLiteral("data: {}\n\n"));
}

void TestUiLogs::exportsCsvAndJsonLines()
{
    LogsTab tab(m_fx->ctx);
    tab.show();
    tab.findChild<QComboBox *>(QStringLiteral("modelFilter"))->setCurrentText(QStringLiteral("model-0"));
    tab.applyFilters();
    const int expected = countWhere(m_fx->db, QStringLiteral("model = 'model-0'"));
    QVERIFY(expected > 0);
    const QString csvPath = m_fx->dir.filePath(QStringLiteral("out.csv"));
    QSignalSpy done(&tab, &LogsTab::exportFinished);
    QVERIFY(tab.startExport(csvPath, false));
    QVERIFY(done.wait(10000));
    QCOMPARE(done.last().at(0).toBool(), true);
    QCOMPARE(done.last().at(1).toLongLong(), qint64(expected));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QCOMPARE(lines.size(), expected + 2); // header + rows + empty tail
    QVERIFY(lines.first().startsWith("id,time,key,route,model"));

    const QString jsonPath = m_fx->dir.filePath(QStringLiteral("out.jsonl"));
    QVERIFY(tab.startExport(jsonPath, true));
    QVERIFY(done.wait(10000));
    QFile jsonl(jsonPath);
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    int n = 0;
    while (!jsonl.atEnd()) {
        const QByteArray line = jsonl.readLine();
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QCOMPARE(o.value(QStringLiteral("model")).toString(), QStringLiteral("model-0"));
        QVERIFY(!o.contains(QStringLiteral("request_body")));
        ++n;
    }
    QCOMPARE(n, expected);
}

void TestUiLogs::recordJsonFields()
{
    LogRecord r = makeRecord(50);
    r.id = 7;
    r.keyName = QStringLiteral("=cmd");
    const QJsonObject o = LogRecordJson::toJson(r);
    const QStringList required = {
        "id",     "time",  "key",        "route",   "model",         "provider",          "upstream_model", "stream",
        "status", "error", "latency_ms", "ttfb_ms", "prompt_tokens", "completion_tokens", "cached_tokens",  "cost_usd"};
    for (const QString &field : required)
        QVERIFY2(o.contains(field), qPrintable(field));
    QCOMPARE(o.value(QStringLiteral("time")).toString(), Clock::msToIso(r.timeMs));
    QVERIFY(o.value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(o.value(QStringLiteral("status")).toInt(), 502);
    // A spreadsheet must not run a key name as a formula.
    QVERIFY(LogRecordJson::toCsvRow(r).contains(",'=cmd,"));
}

void TestUiLogs::errorTextIsNotRepeated()
{
    QCOMPARE(LogText::tidyError(QStringLiteral(
                 "connection broke mid-response: The connection broke during the response; the answer is incomplete.")),
             QStringLiteral("The connection broke during the response; the answer is incomplete."));
    // A code followed by a different cause keeps both.
    QCOMPARE(LogText::tidyError(QStringLiteral("upstream 502: Bad Gateway")),
             QStringLiteral("upstream 502: Bad Gateway"));
    QCOMPARE(LogText::tidyError(QStringLiteral("Rate limit reached.")), QStringLiteral("Rate limit reached."));
}

void TestUiLogs::keylessRowsSayNoKey()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    LogRecord r = makeRecord(1);
    r.keyName.clear();
    r.status = 401;
    r.error = QStringLiteral("A gateway key is required.");
    QVERIFY(fx.insertLogs({r}));
    LogsTab tab(fx.ctx);
    tab.show();
    QTRY_COMPARE(tab.model()->rowCount(), 1);
    QCOMPARE(tab.model()->index(0, LogTableModel::KeyColumn).data().toString(), QStringLiteral("(no key)"));
}

void TestUiLogs::contextMenuCopiesCurlAndOpensPlayground()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    LogRecord r = makeRecord(1);
    r.route = QStringLiteral("/v1/chat/completions");
    r.model = QStringLiteral("fast");
    r.requestBody = QByteArrayLiteral("{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"it's\"}]}");
    r.responseBody = QByteArrayLiteral("{\"id\":\"r1\"}");
    QVERIFY(fx.insertLogs({r}));
    LogsTab tab(fx.ctx);
    tab.show();
    QTRY_COMPARE(tab.model()->rowCount(), 1);
    std::unique_ptr<QMenu> menu(tab.contextMenuFor(tab.model()->index(0, 0)));
    QVERIFY(menu);
    QHash<QString, QAction *> actions;
    for (QAction *a : menu->actions())
        actions.insert(a->text().remove(QLatin1Char('&')), a);
    QVERIFY(actions.contains(QStringLiteral("Copy as curl")));
    actions.value(QStringLiteral("Copy as curl"))->trigger();
    const QString curl = QApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(QLatin1String("curl 'http://127.0.0.1:")), qPrintable(curl));
    QVERIFY2(curl.contains(QLatin1String("/v1/chat/completions'")) && !curl.contains(QLatin1String("/v1/v1")),
             qPrintable(curl));
    QVERIFY(curl.contains(QLatin1String("it'\\''s"))); // shell-quoted
    QVERIFY(curl.contains(QLatin1String("$TOLLGATE_KEY")));
    actions.value(QStringLiteral("Copy response"))->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("{\"id\":\"r1\"}"));
    actions.value(QStringLiteral("Copy request"))->trigger();
    QCOMPARE(QApplication::clipboard()->text(), QString::fromUtf8(r.requestBody));
    QSignalSpy open(&tab, &LogsTab::openInPlaygroundRequested);
    actions.value(QStringLiteral("Open in Playground"))->trigger();
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), QStringLiteral("fast"));
}

void TestUiLogs::routeColumnFitsStreamedRoutes()
{
    LogsTab tab(m_fx->ctx);
    tab.resize(1100, 600);
    tab.show();
    const QString route = QStringLiteral("/v1/chat/completions (stream)");
    QVERIFY(tab.view()->columnWidth(LogTableModel::RouteColumn) > tab.view()->fontMetrics().horizontalAdvance(route));
    QVERIFY(tab.view()->columnWidth(LogTableModel::ModelColumn) < tab.width() / 3);
}

QTEST_MAIN(TestUiLogs)
#include "tst_ui_logs.moc"
