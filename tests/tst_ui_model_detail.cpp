#include "core/playground/PlaygroundSession.h"
#include "core/storage/LogRecord.h"
#include "tests/support/ConsoleFixture.h"
#include "ui/MainWindow.h"
#include "ui/logs/LogTableModel.h"
#include "ui/logs/LogsTab.h"
#include "ui/models/ModelDetailDialog.h"
#include "ui/models/ModelsTab.h"
#include "ui/playground/PlaygroundTab.h"

#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

// The model detail page: double-click an alias, see how it is doing and how to call it.
class TestUiModelDetail : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void doubleClickOpensTheDetailPage();
    void overviewAnswersHowIsItDoing();
    void logsTabShowsOnlyThisModel();
};

namespace {

LogRecord row(const QString &model, int status, double latencyMs, double cost)
{
    LogRecord r;
    r.timeMs = QDateTime::currentMSecsSinceEpoch() - 60000;
    r.keyName = QStringLiteral("ci");
    r.route = QStringLiteral("/v1/chat/completions");
    r.model = model;
    r.provider = QStringLiteral("openai-prod");
    r.status = status;
    r.latencyMs = latencyMs;
    r.ttfbMs = latencyMs / 4;
    r.promptTokens = 10;
    r.completionTokens = 5;
    r.costUsd = cost;
    return r;
}

bool seed(ConsoleFixture &fx)
{
    Provider p;
    p.name = QStringLiteral("openai-prod");
    p.kind = QStringLiteral("openai");
    p.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    QString error;
    if (!fx.providers.create(p, &error))
        return false;
    Alias a;
    a.alias = QStringLiteral("fast");
    a.providerId = p.id;
    a.modelId = QStringLiteral("gpt-4o-mini");
    if (!fx.aliases.create(a, &error))
        return false;
    return fx.insertLogs({row(QStringLiteral("fast"), 200, 100, 0.001), row(QStringLiteral("fast"), 200, 200, 0.001),
                          row(QStringLiteral("fast"), 200, 300, 0.001), row(QStringLiteral("fast"), 502, 400, 0),
                          row(QStringLiteral("smart"), 200, 900, 0.01)});
}

} // namespace

void TestUiModelDetail::doubleClickOpensTheDetailPage()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QVERIFY(seed(fx));
    QVERIFY(fx.settings.setValue(Settings::FirstRunDone, true));
    MainWindow window(fx.ctx);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentIndex(MainWindow::ModelsPage);
    auto *aliases = window.modelsTab()->findChild<QTableWidget *>(QStringLiteral("aliases"));
    QVERIFY(aliases);
    QTRY_COMPARE(aliases->rowCount(), 1);
    QSignalSpy requested(window.modelsTab(), &ModelsTab::modelDetailRequested);
    const QRect cell = aliases->visualItemRect(aliases->item(0, 0));
    QVERIFY(cell.isValid());
    QTest::mouseClick(aliases->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(aliases->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("fast"));
    auto *detail = window.findChild<ModelDetailDialog *>();
    QVERIFY(detail);
    QVERIFY(detail->isVisible());
    QStringList tabs;
    for (int i = 0; i < detail->tabs()->count(); ++i)
        tabs << detail->tabs()->tabText(i).remove(QLatin1Char('&'));
    QCOMPARE(tabs, (QStringList{QStringLiteral("Overview"), QStringLiteral("Playground"), QStringLiteral("Configure"),
                                QStringLiteral("Logs")}));
    // The Playground tab is one column bound to this model.
    QCOMPARE(detail->playground()->columnCount(), 1);
    QCOMPARE(detail->playground()->session()->model(0), QStringLiteral("fast"));
}

void TestUiModelDetail::overviewAnswersHowIsItDoing()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QVERIFY(seed(fx));
    ModelDetailDialog detail(fx.ctx, QStringLiteral("fast"), QStringLiteral("chat"));
    const ModelStats &s = detail.stats();
    QCOMPARE(s.calls, qint64(4));
    QCOMPARE(s.errors, qint64(1));
    QCOMPARE(s.errorRate(), 0.25);
    QCOMPARE(s.p50LatencyMs, 200.0);
    QCOMPARE(s.p95LatencyMs, 400.0);
    QCOMPARE(s.promptTokens, qint64(40));
    QVERIFY(qFuzzyCompare(s.costUsd, 0.003));
    const QString text = detail.overviewText();
    QVERIFY2(text.contains(QLatin1String("25.0 %")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("$0.0030")), qPrintable(text));
    QVERIFY(text.contains(QLatin1String("gpt-4o-mini")));
    // How to call it: the snippets name this model.
    QVERIFY(detail.snippet(0).contains(QLatin1String("\"fast\"")));
    QVERIFY(detail.snippet(1).contains(QLatin1String("fast")));
}

void TestUiModelDetail::logsTabShowsOnlyThisModel()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QVERIFY(seed(fx));
    ModelDetailDialog detail(fx.ctx, QStringLiteral("fast"), QStringLiteral("chat"));
    detail.show();
    LogTableModel *model = detail.logsTab()->model();
    QTRY_COMPARE(model->rowCount(), 4);
    for (int i = 0; i < model->rowCount(); ++i)
        QCOMPARE(model->record(i).model, QStringLiteral("fast"));
}

QTEST_MAIN(TestUiModelDetail)
#include "tst_ui_model_detail.moc"
