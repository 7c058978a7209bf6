#include "tests/support/ConsoleFixture.h"
#include "ui/playground/PlaygroundTab.h"

#include <QListWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QToolButton>

// The Playground's model list follows what the gateway offers without a
// restart, offers only chat models, and is read without a request of its own.
class TestUiPlaygroundModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelListFollowsDiscoveryWithoutRestart();
    void threeColumnsFitTheDefaultWindow();
};

void TestUiPlaygroundModels::modelListFollowsDiscoveryWithoutRestart()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    PlaygroundTab tab(fx.ctx);
    tab.resize(1100, 720);
    tab.show();
    QSignalSpy refreshed(&tab, &PlaygroundTab::modelsRefreshed);
    QVERIFY(refreshed.wait(5000));
    QVERIFY(tab.modelChoices().isEmpty()); // a first run: nothing yet

    // A provider is added and synced (as the Welcome page's preset does).
    Provider p;
    p.name = QStringLiteral("openai-prod");
    p.kind = QStringLiteral("openai");
    p.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    QString error;
    QVERIFY2(fx.providers.create(p, &error), qPrintable(error));
    QVERIFY(fx.models.applyDiscovery(
        p.id,
        {{QStringLiteral("gpt-4o-mini"), QStringLiteral("chat"), QStringLiteral("openai")},
         {QStringLiteral("text-embedding-3-small"), QStringLiteral("embedding"), QStringLiteral("openai")}},
        nullptr, &error));
    QTRY_VERIFY_WITH_TIMEOUT(tab.modelChoices().contains(QStringLiteral("openai-prod/gpt-4o-mini")), 5000);
    // Embedding models cannot chat: not offered.
    QVERIFY2(!tab.modelChoices().contains(QStringLiteral("openai-prod/text-embedding-3-small")),
             qPrintable(tab.modelChoices().join(QLatin1Char(','))));

    // The console's own look-up is not a request in the log.
    QSqlQuery q(fx.db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM request_log")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void TestUiPlaygroundModels::threeColumnsFitTheDefaultWindow()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    PlaygroundTab tab(fx.ctx);
    tab.resize(1100, 640); // the tab inside a 1100×720 window (menu, tabs and status bar take the rest)
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    tab.addColumn(QStringLiteral("a"));
    tab.addColumn(QStringLiteral("b"));
    QCOMPARE(tab.columnCount(), 3);
    auto *scroll = tab.findChild<QScrollArea *>();
    QVERIFY(scroll);
    QTRY_VERIFY(scroll->widget()->width() <= scroll->viewport()->width());
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());
    // The saved comparisons fold out on demand and fold back.
    QVERIFY(!tab.savedList()->isVisible());
    tab.savedToggle()->click();
    QVERIFY(tab.savedList()->isVisible());
    tab.savedToggle()->click();
    QVERIFY(!tab.savedList()->isVisible());
}

QTEST_MAIN(TestUiPlaygroundModels)
#include "tst_ui_playground_models.moc"
