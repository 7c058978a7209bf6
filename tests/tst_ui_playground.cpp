#include "core/net/HttpClient.h"
#include "core/playground/ChatStreamClient.h"
#include "core/playground/ComparisonExport.h"
#include "core/playground/PlaygroundEndpoint.h"
#include "core/playground/PlaygroundSession.h"
#include "core/storage/ComparisonStore.h"
#include "core/storage/Settings.h"
#include "support/GatewayFixture.h"
#include "ui/models/ModelsTab.h"
#include "ui/playground/PlaygroundColumn.h"
#include "ui/playground/PlaygroundTab.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

using Metric = PlaygroundSession::Metric;
using State = PlaygroundSession::State;

class TestUiPlayground final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void threeModelsStreamSideBySide();
    void followUpThenKeepColumn();
    void errorStaysInItsColumn();
    void stopAllStopsEveryColumn();
    void saveReopenExportAndRerun();
    void openInPlaygroundFromModels();
    void sameParametersForAll();
    void sharedHistoryReachesEveryModel();
    void retryResendsTheFailedColumn();
    void waitingUntilTheFirstByte();
    void tiesAreAllBest();
    void consoleModelListIsNotLogged();

private:
    void chooseModels(const QStringList &models);
    bool runAndWait(const QString &message, int timeoutMs = 15000);

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<ConsoleContext> ctx;
    std::unique_ptr<PlaygroundTab> tab;
};

void TestUiPlayground::initTestCase()
{
    f = std::make_unique<GatewayFixture>();
    QString error;
    QVERIFY2(f->setUp(&error), qPrintable(error));
    settings = std::make_unique<Settings>(*f->db);
    ctx = std::make_unique<ConsoleContext>(ConsoleContext{*f->db, *settings, *f->providers, *f->models, *f->aliases,
                                                          *f->keys, f->monitor, nullptr, nullptr, QString()});
    const QString key = PlaygroundEndpoint::ensureConsoleKey(*settings, *f->keys, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));
    // The gateway learns about the new key on its next routing reload.
    HttpClient http;
    int status = 0;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 HttpRequest r;
                                 r.url = (f->baseUrl() + QStringLiteral("/v1/models")).toUtf8();
                                 r.headers = {{"Authorization", "Bearer " + key.toUtf8()}};
                                 bool done = false;
                                 http.fetch(r, this,
                                            [&](const HttpResult &, const HttpResponseHead &head, const QByteArray &) {
                                                status = head.status;
                                                done = true;
                                            });
                                 (void)QTest::qWaitFor([&] { return done; }, 3000);
                                 return status == 200;
                             }()),
                             5000);
}

void TestUiPlayground::init()
{
    f->openai.setMode(FakeUpstream::Normal);
    f->openai.setResponseDelayMs(0);
    f->openai.setStreamChunks(5, 0);
    f->anthropic.setMode(FakeUpstream::Normal);
    f->anthropic.setResponseDelayMs(0);
    f->anthropic.setStreamChunks(5, 0);
    tab = std::make_unique<PlaygroundTab>(*ctx);
    tab->setGatewayUrl(f->baseUrl());
    tab->resize(1400, 800);
    tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(tab.get()));
    QSignalSpy models(tab.get(), &PlaygroundTab::modelsRefreshed);
    QVERIFY(models.wait(5000));
}

void TestUiPlayground::cleanup()
{
    tab.reset();
}

void TestUiPlayground::cleanupTestCase()
{
    ctx.reset();
    settings.reset();
    f.reset();
}

void TestUiPlayground::chooseModels(const QStringList &models)
{
    while (tab->columnCount() < models.size())
        QTest::mouseClick(tab->addColumnButton(), Qt::LeftButton);
    QCOMPARE(tab->columnCount(), int(models.size()));
    for (int i = 0; i < models.size(); ++i) {
        QLineEdit *edit = tab->column(i)->modelBox()->lineEdit();
        edit->selectAll();
        QTest::keyClicks(edit, models.at(i));
        QCOMPARE(tab->session()->model(i), models.at(i));
    }
}

bool TestUiPlayground::runAndWait(const QString &message, int timeoutMs)
{
    tab->messageEdit()->setPlainText(message);
    QSignalSpy finished(tab->session(), &PlaygroundSession::runFinished);
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    if (!tab->session()->isRunning())
        return false;
    return finished.wait(timeoutMs);
}

void TestUiPlayground::threeModelsStreamSideBySide()
{
    // Staggered: "fast" answers soon but slowly, "sonnet" starts late, the demo model is quick.
    f->openai.setResponseDelayMs(50);
    f->openai.setStreamChunks(10, 60);
    f->anthropic.setResponseDelayMs(300);
    f->anthropic.setStreamChunks(4, 40);
    chooseModels({QStringLiteral("fast"), QStringLiteral("sonnet"), QStringLiteral("demo/demo-chat")});
    tab->systemEdit()->setPlainText(QStringLiteral("Answer briefly."));
    tab->messageEdit()->setPlainText(QStringLiteral("Compare yourselves"));
    QSignalSpy finished(tab->session(), &PlaygroundSession::runFinished);
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    for (int i = 0; i < 3; ++i)
        QVERIFY(tab->column(i)->stopButton()->isEnabled());
    QVERIFY(!tab->runButton()->isEnabled());

    // Two answers stream at the same time, each into its own column.
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->isRunning(0) && tab->session()->isRunning(1)
                                 && tab->column(0)->view()->toPlainText().contains(QLatin1String("Hello"))
                                 && tab->column(1)->view()->toPlainText().contains(QLatin1String("Hello")),
                             5000);
    // Live metrics while streaming: a running clock, no "best" yet.
    QVERIFY(tab->column(0)->metricLabel(Metric::Total)->text() != QStringLiteral("–"));
    QVERIFY(!tab->column(2)->isBest(Metric::Cost));
    QVERIFY(finished.wait(15000));

    const QString fastText = tab->column(0)->view()->toPlainText();
    QVERIFY2(fastText.contains(QLatin1String("Hello piece1 piece2 piece3 piece4 piece5 piece6 piece7 piece8 piece9")),
             qPrintable(fastText));
    QVERIFY(fastText.contains(QLatin1String("Compare yourselves")));
    QVERIFY(tab->column(1)->view()->toPlainText().contains(QLatin1String("Hello piece1 piece2 piece3")));
    QVERIFY(!tab->column(1)->view()->toPlainText().contains(QLatin1String("piece4")));
    QVERIFY(tab->column(2)->view()->toPlainText().contains(QLatin1String("You said: \"Compare yourselves\"")));
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(tab->session()->state(i), State::Done);
        QCOMPARE(tab->column(i)->statusLabel()->text(), QStringLiteral("Done"));
        QVERIFY(!tab->column(i)->stopButton()->isEnabled());
    }

    const ChatMetrics fast = tab->session()->metrics(0);
    const ChatMetrics sonnet = tab->session()->metrics(1);
    const ChatMetrics demo = tab->session()->metrics(2);
    QVERIFY2(sonnet.ttftMs >= 300, qPrintable(QString::number(sonnet.ttftMs)));
    QVERIFY(fast.ttftMs >= 50 && fast.ttftMs < sonnet.ttftMs);
    QVERIFY2(fast.totalMs >= 50 + 9 * 60, qPrintable(QString::number(fast.totalMs)));
    QCOMPARE(fast.completionTokens, qint64(FakeUpstream::kCompletionTokens));
    QVERIFY(fast.usageReported && sonnet.usageReported && demo.usageReported);
    // Alias pricing: fast $1/$2/$0.5 per 1M, sonnet $3/$15/$0.3; the demo model is free.
    QVERIFY(qFuzzyCompare(fast.costUsd, (10 * 1.0 + 2 * 0.5 + 7 * 2.0) / 1e6));
    QVERIFY(qFuzzyCompare(sonnet.costUsd, (10 * 3.0 + 2 * 0.3 + 7 * 15.0) / 1e6));
    QCOMPARE(demo.costUsd, 0.0);
    QCOMPARE(tab->column(0)->metricLabel(Metric::Cost)->text(), QStringLiteral("$0.000025"));
    QCOMPARE(tab->column(1)->metricLabel(Metric::Cost)->text(), QStringLiteral("$0.000136"));
    QCOMPARE(tab->column(0)->metricLabel(Metric::OutputTokens)->text(), QStringLiteral("7"));
    QVERIFY(tab->column(0)->metricLabel(Metric::FirstToken)->text().endsWith(QLatin1String(" ms")));
    QVERIFY(tab->column(0)->metricLabel(Metric::TokensPerSecond)->text() != QStringLiteral("–"));

    // Best of each row, highlighted once everything finished.
    QVERIFY(tab->column(2)->isBest(Metric::Cost));
    QVERIFY(!tab->column(0)->isBest(Metric::Cost) && !tab->column(1)->isBest(Metric::Cost));
    QVERIFY(!tab->column(1)->isBest(Metric::FirstToken));
    QVERIFY(!tab->column(0)->isBest(Metric::Total)); // the slow streamer
    int bestTps = 0;
    for (int i = 0; i < 3; ++i)
        bestTps += tab->column(i)->isBest(Metric::TokensPerSecond) ? 1 : 0;
    QCOMPARE(bestTps, 1);
    // Fewer output tokens is not "better": that row has no winner.
    for (int i = 0; i < 3; ++i)
        QVERIFY(!tab->column(i)->isBest(Metric::OutputTokens));

    // Copy puts the raw Markdown of that column's answer on the clipboard.
    QTest::mouseClick(tab->column(1)->copyButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Hello piece1 piece2 piece3"));

    // Every call went through the gateway and is logged as Playground traffic.
    f->flushLog();
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT model, source FROM request_log ORDER BY id DESC LIMIT 3")));
    QStringList logged;
    while (q.next()) {
        QCOMPARE(q.value(1).toString(), QStringLiteral("playground"));
        logged << q.value(0).toString();
    }
    logged.sort();
    QCOMPARE(logged, (QStringList{QStringLiteral("demo/demo-chat"), QStringLiteral("fast"), QStringLiteral("sonnet")}));
}

void TestUiPlayground::followUpThenKeepColumn()
{
    chooseModels({QStringLiteral("fast"), QStringLiteral("demo/demo-chat")});
    QVERIFY(runAndWait(QStringLiteral("First question")));
    QCOMPARE(tab->runButton()->text(), QStringLiteral("Send &follow-up"));
    f->openai.clearRequests();
    QVERIFY(runAndWait(QStringLiteral("Second question")));
    // Each column continued its own chat.
    const QString demoText = tab->column(1)->view()->toPlainText();
    QVERIFY(demoText.contains(QLatin1String("First question")));
    QVERIFY(demoText.contains(QLatin1String("You said: \"Second question\"")));
    QCOMPARE(tab->session()->turns(0).size(), 4);
    QCOMPARE(tab->session()->turns(1).size(), 4);
    QVERIFY(!f->openai.requests().isEmpty());
    QVERIFY(!f->openai.requests().last().body.contains("You said"));

    QTest::mouseClick(tab->column(1)->keepButton(), Qt::LeftButton);
    QTRY_COMPARE(tab->columnCount(), 1);
    QCOMPARE(tab->session()->model(0), QStringLiteral("demo/demo-chat"));
    QVERIFY(!tab->column(0)->keepButton()->isEnabled());
    QVERIFY(runAndWait(QStringLiteral("Third question")));
    QCOMPARE(tab->session()->turns(0).size(), 6);
    QVERIFY(tab->column(0)->view()->toPlainText().contains(QLatin1String("Third question")));
}

void TestUiPlayground::errorStaysInItsColumn()
{
    f->openai.setMode(FakeUpstream::RateLimited);
    chooseModels({QStringLiteral("fast"), QStringLiteral("demo/demo-chat"), QStringLiteral("no-such-model")});
    QVERIFY(runAndWait(QStringLiteral("Hello?")));
    QCOMPARE(tab->session()->state(0), State::Failed);
    // A card, not a cut-off label: the HTTP status, the whole message and a Retry button.
    QVERIFY2(tab->column(0)->errorCardText().contains(QLatin1String("HTTP 429")),
             qPrintable(tab->column(0)->errorCardText()));
    QVERIFY2(tab->column(0)->errorCardText().contains(QLatin1String("Rate limit reached.")),
             qPrintable(tab->column(0)->errorCardText()));
    QVERIFY(tab->column(0)->retryButton()->isVisibleTo(tab.get()));
    QVERIFY(tab->column(1)->errorCard()->isHidden());
    QCOMPARE(tab->session()->state(1), State::Done);
    QVERIFY(tab->column(1)->view()->toPlainText().contains(QLatin1String("You said")));
    QCOMPARE(tab->session()->state(2), State::Failed);
    QVERIFY(tab->column(2)->errorCardText().contains(QLatin1String("HTTP 404")));
    QVERIFY(tab->column(2)->errorCardText().contains(QLatin1String("no-such-model")));
    // Only one column answered: nothing to compare, nothing highlighted.
    QVERIFY(!tab->column(1)->isBest(Metric::Cost));
}

void TestUiPlayground::stopAllStopsEveryColumn()
{
    f->openai.setStreamChunks(300, 30);
    f->anthropic.setStreamChunks(300, 30);
    chooseModels({QStringLiteral("fast"), QStringLiteral("sonnet")});
    tab->messageEdit()->setPlainText(QStringLiteral("Go on forever"));
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->session()->answer(0).isEmpty() && !tab->session()->answer(1).isEmpty(), 5000);
    QVERIFY(tab->stopAllButton()->isEnabled());
    QTest::mouseClick(tab->stopAllButton(), Qt::LeftButton);
    QCOMPARE(tab->session()->state(0), State::Stopped);
    QCOMPARE(tab->session()->state(1), State::Stopped);
    QVERIFY(tab->runButton()->isEnabled());
    QCOMPARE(tab->column(0)->statusLabel()->text(), QStringLiteral("Stopped"));
    // The partial answer stays readable.
    QVERIFY(tab->column(0)->view()->toPlainText().contains(QLatin1String("Hello")));
}

void TestUiPlayground::saveReopenExportAndRerun()
{
    chooseModels({QStringLiteral("fast"), QStringLiteral("demo/demo-chat")});
    tab->systemEdit()->setPlainText(QStringLiteral("You are terse."));
    QVERIFY(runAndWait(QStringLiteral("Name a colour")));
    QVERIFY(runAndWait(QStringLiteral("Another one")));
    QVERIFY2(tab->saveComparison(QStringLiteral("Colours")), qPrintable(tab->lastError()));
    const Comparison saved = tab->session()->comparison();
    QVERIFY(saved.id > 0);
    QCOMPARE(tab->savedList()->count(), 1);
    QCOMPARE(tab->savedList()->item(0)->text(), QStringLiteral("Colours"));

    // Saving again updates the same row.
    QVERIFY(tab->saveComparison());
    QCOMPARE(ComparisonStore(*f->db).list().size(), 1);

    const QTemporaryDir out;
    const QString md = out.filePath(QStringLiteral("c.md"));
    const QString json = out.filePath(QStringLiteral("c.json"));
    QVERIFY(tab->exportTo(md, PlaygroundTab::ExportFormat::Markdown));
    QVERIFY(tab->exportTo(json, PlaygroundTab::ExportFormat::Json));
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(mdFile.readAll());
    QVERIFY(markdown.startsWith(QLatin1String("# Colours\n")));
    QVERIFY(markdown.contains(QLatin1String("> You are terse.")));
    QVERIFY(markdown.contains(QLatin1String("| fast | ")));
    QVERIFY(markdown.contains(QLatin1String("| 0.000025 |")));
    QVERIFY(markdown.contains(QLatin1String("## demo/demo-chat")));
    QVERIFY(markdown.contains(QLatin1String("You said: \"Another one\"")));
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QString error;
    const auto exported = ComparisonExport::fromJson(jsonFile.readAll(), &error);
    QVERIFY2(exported, qPrintable(error));
    QCOMPARE(exported->columns, saved.columns);
    QCOMPARE(exported->systemPrompt, QStringLiteral("You are terse."));

    // "Tomorrow": a new Playground lists it and reopens it exactly.
    tab = std::make_unique<PlaygroundTab>(*ctx);
    tab->setGatewayUrl(f->baseUrl());
    QCOMPARE(tab->savedList()->count(), 1);
    tab->savedList()->setCurrentRow(0);
    QVERIFY(tab->openSaved(tab->savedList()->item(0)->data(Qt::UserRole + 1).toLongLong()));
    Comparison reopened = tab->session()->comparison();
    QCOMPARE(reopened.id, saved.id);
    QCOMPARE(reopened.title, QStringLiteral("Colours"));
    QCOMPARE(reopened.columns, saved.columns);
    QCOMPARE(tab->systemEdit()->toPlainText(), QStringLiteral("You are terse."));
    QCOMPARE(tab->columnCount(), 2);
    QCOMPARE(tab->column(0)->model(), QStringLiteral("fast"));
    QVERIFY(tab->column(1)->view()->toPlainText().contains(QLatin1String("Another one")));
    QCOMPARE(tab->column(0)->metricLabel(Metric::Cost)->text(), QStringLiteral("$0.000025"));

    // Re-run against today's models replays both prompts in every column.
    f->openai.clearRequests();
    QSignalSpy finished(tab->session(), &PlaygroundSession::runFinished);
    QVERIFY2(tab->rerun(), qPrintable(tab->lastError()));
    QVERIFY(finished.wait(15000));
    QCOMPARE(f->openai.requests().size(), 2);
    QCOMPARE(tab->session()->turns(0).size(), 4);
    QCOMPARE(tab->session()->turns(1), saved.columns.at(1).turns); // the demo model is deterministic
    // Follow-up after reopening continues the saved conversation; save updates the same row.
    QVERIFY(runAndWait(QStringLiteral("One more")));
    QCOMPARE(tab->session()->turns(1).size(), 6);
    QVERIFY(tab->saveComparison());
    const auto stored = ComparisonStore(*f->db).load(saved.id);
    QVERIFY(stored);
    QCOMPARE(stored->columns.at(1).turns.size(), 6);
    QVERIFY(ComparisonStore(*f->db).remove(saved.id, &error));
}

void TestUiPlayground::openInPlaygroundFromModels()
{
    ModelsTab models(*ctx);
    QSignalSpy requested(&models, &ModelsTab::openInPlaygroundRequested);
    connect(&models, &ModelsTab::openInPlaygroundRequested, tab.get(), &PlaygroundTab::openModel);
    QTableWidget *aliases = models.aliasView();
    int row = -1;
    for (int r = 0; r < aliases->rowCount(); ++r) {
        if (aliases->item(r, ModelsTab::AliasName)->text() == QLatin1String("sonnet"))
            row = r;
    }
    QVERIFY(row >= 0);
    aliases->setCurrentCell(row, ModelsTab::AliasName);
    QVERIFY(models.openInPlaygroundButton()->isEnabled());
    QTest::mouseClick(models.openInPlaygroundButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(tab->columnCount(), 1);
    QCOMPARE(tab->column(0)->model(), QStringLiteral("sonnet"));
    QVERIFY(runAndWait(QStringLiteral("Hi sonnet")));
    QVERIFY(tab->column(0)->view()->toPlainText().contains(QLatin1String("Hello piece1")));
}

void TestUiPlayground::sameParametersForAll()
{
    chooseModels({QStringLiteral("fast"), QStringLiteral("up/gpt-x")});
    QVERIFY(tab->sameParametersBox()->isChecked());
    ChatParameters p;
    p.temperature = 0.7;
    p.seed = 7;
    tab->column(0)->setParameters(p);
    Q_EMIT tab->column(0)->parametersEdited();
    QCOMPARE(tab->column(1)->parameters(), p);
    f->openai.clearRequests();
    QVERIFY(runAndWait(QStringLiteral("Same settings")));
    QCOMPARE(f->openai.requests().size(), 2);
    for (const auto &request : f->openai.requests()) {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(body.value(QLatin1String("temperature")).toDouble(), 0.7);
        QCOMPARE(body.value(QLatin1String("seed")).toInt(), 7);
    }
    // Per column: the second column's own settings apply.
    tab->sameParametersBox()->setChecked(false);
    ChatParameters other;
    other.topP = 0.25;
    tab->column(1)->setParameters(other);
    Q_EMIT tab->column(1)->parametersEdited();
    QVERIFY(tab->newComparison());
    f->openai.clearRequests();
    QVERIFY(runAndWait(QStringLiteral("Different settings")));
    QCOMPARE(f->openai.requests().size(), 2);
    bool sawOwn = false;
    for (const auto &request : f->openai.requests()) {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        if (body.value(QLatin1String("top_p")).toDouble() == 0.25) {
            sawOwn = true;
            QVERIFY(!body.contains(QLatin1String("seed")));
        }
    }
    QVERIFY(sawOwn);
}

void TestUiPlayground::sharedHistoryReachesEveryModel()
{
    chooseModels({QStringLiteral("fast"), QStringLiteral("demo/demo-chat")});
    tab->historyToggle()->setChecked(true);
    QTableWidget *history = tab->historyTable();
    history->insertRow(0);
    history->setItem(0, 0, new QTableWidgetItem(QStringLiteral("user")));
    history->setItem(0, 1, new QTableWidgetItem(QStringLiteral("My name is Ada.")));
    history->insertRow(1);
    history->setItem(1, 0, new QTableWidgetItem(QStringLiteral("assistant")));
    history->setItem(1, 1, new QTableWidgetItem(QStringLiteral("Hello Ada.")));
    f->openai.clearRequests();
    QVERIFY(runAndWait(QStringLiteral("What is my name?")));
    const QJsonArray sent =
        QJsonDocument::fromJson(f->openai.requests().last().body).object().value(QLatin1String("messages")).toArray();
    QCOMPARE(sent.size(), 3);
    QCOMPARE(sent.at(0).toObject().value(QLatin1String("content")).toString(), QStringLiteral("My name is Ada."));
    QCOMPARE(sent.at(1).toObject().value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(tab->session()->comparison().history.size(), 2);
    // Unchecked: the turns stay in the table but are not sent.
    tab->historyToggle()->setChecked(false);
    QVERIFY(tab->newComparison());
    f->openai.clearRequests();
    QVERIFY(runAndWait(QStringLiteral("And now?")));
    QCOMPARE(QJsonDocument::fromJson(f->openai.requests().last().body)
                 .object()
                 .value(QLatin1String("messages"))
                 .toArray()
                 .size(),
             1);
}

void TestUiPlayground::retryResendsTheFailedColumn()
{
    f->openai.setMode(FakeUpstream::RateLimited);
    chooseModels({QStringLiteral("fast"), QStringLiteral("demo/demo-chat")});
    QVERIFY(runAndWait(QStringLiteral("Hello?")));
    QCOMPARE(tab->session()->state(0), State::Failed);
    const QString demoAnswer = tab->column(1)->view()->toPlainText();
    f->openai.setMode(FakeUpstream::Normal);
    QSignalSpy finished(tab->session(), &PlaygroundSession::columnFinished);
    QTest::mouseClick(tab->column(0)->retryButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QCOMPARE(tab->session()->state(0), State::Done);
    QVERIFY(tab->column(0)->errorCard()->isHidden());
    QVERIFY(tab->column(0)->view()->toPlainText().contains(QLatin1String("Hello")));
    // One user turn, not the failed one plus the retry.
    QCOMPARE(tab->column(0)->view()->toPlainText().count(QLatin1String("Hello?")), 1);
    QCOMPARE(tab->column(1)->view()->toPlainText(), demoAnswer); // the other column is untouched
}

void TestUiPlayground::waitingUntilTheFirstByte()
{
    f->openai.setResponseDelayMs(800);
    f->openai.setStreamChunks(10, 100);
    chooseModels({QStringLiteral("fast")});
    tab->messageEdit()->setPlainText(QStringLiteral("Hi"));
    QSignalSpy finished(tab->session(), &PlaygroundSession::runFinished);
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    QVERIFY(tab->session()->isRunning(0));
    QCOMPARE(tab->column(0)->statusLabel()->text(), QStringLiteral("Waiting…"));
    QTRY_COMPARE_WITH_TIMEOUT(tab->column(0)->statusLabel()->text(), QStringLiteral("Streaming…"), 5000);
    QVERIFY(finished.wait(10000));
    QCOMPARE(tab->column(0)->statusLabel()->text(), QStringLiteral("Done"));
}

void TestUiPlayground::tiesAreAllBest()
{
    chooseModels({QStringLiteral("fast"), QStringLiteral("demo/demo-chat"), QStringLiteral("demo/demo-chat")});
    QVERIFY(runAndWait(QStringLiteral("Tie?")));
    // Both free columns cost the same $0: both are best, the paid one is not.
    QVERIFY(tab->column(1)->isBest(Metric::Cost));
    QVERIFY(tab->column(2)->isBest(Metric::Cost));
    QVERIFY(!tab->column(0)->isBest(Metric::Cost));
}

void TestUiPlayground::consoleModelListIsNotLogged()
{
    const auto listings = [this] {
        f->flushLog();
        QSqlQuery q(f->db->connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM request_log WHERE route LIKE '%/v1/models%'"));
        return q.next() ? q.value(0).toInt() : -1;
    };
    const int before = listings();
    QVERIFY(before > 0); // initTestCase listed models with a key: such calls are counted
    auto other = std::make_unique<PlaygroundTab>(*ctx);
    QSignalSpy refreshed(other.get(), &PlaygroundTab::modelsRefreshed);
    other->setGatewayUrl(f->baseUrl());
    QVERIFY(refreshed.wait(5000));
    QVERIFY(other->modelChoices().contains(QStringLiteral("fast")));
    // The console's own look-up is not user traffic: nothing new in Logs or Usage.
    QCOMPARE(listings(), before);
}

QTEST_MAIN(TestUiPlayground)
#include "tst_ui_playground.moc"
