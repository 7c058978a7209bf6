#include "tests/support/ConsoleFixture.h"
#include "ui/keys/SnippetBuilder.h"
#include "ui/models/AliasDialog.h"
#include "ui/models/ModelsTab.h"

#include <QDialogButtonBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

class TestUiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void groupsDiscoveredModels();
    void publishAliasFromDiscoveredModel();
    void aliasDialogValidatesInline();
    void filterHidesModels();
    void snippetsDoNotWrapMidUrl();
    void aliasTableFitsWithoutScrolling();
    void aliasDialogChecklistGatesSave();
    void snippetsUseListenAddress_data();
    void snippetsUseListenAddress();
    void aliasesShowEffectivePriceAndSource();

private:
    QTreeWidgetItem *findModel(ModelsTab &tab, const QString &modelId);
    ConsoleFixture *m_fx = nullptr;
    qint64 m_providerId = 0;
};

void TestUiModels::init()
{
    m_fx = new ConsoleFixture;
    QVERIFY(m_fx->open());
    Provider p;
    p.name = QStringLiteral("openai-prod");
    p.kind = QStringLiteral("openai");
    p.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    QString error;
    QVERIFY2(m_fx->providers.create(p, &error), qPrintable(error));
    m_providerId = p.id;
    QVERIFY(m_fx->models.applyDiscovery(
        p.id,
        {{QStringLiteral("gpt-4o-mini"), QStringLiteral("chat"), QStringLiteral("openai")},
         {QStringLiteral("text-embedding-3-small"), QStringLiteral("embedding"), QStringLiteral("openai")},
         {QStringLiteral("old-model"), QStringLiteral("chat"), QStringLiteral("openai")}},
        nullptr, &error));
    // old-model disappears upstream: offline, not deleted.
    QVERIFY(m_fx->models.applyDiscovery(
        p.id,
        {{QStringLiteral("gpt-4o-mini"), QStringLiteral("chat"), QStringLiteral("openai")},
         {QStringLiteral("text-embedding-3-small"), QStringLiteral("embedding"), QStringLiteral("openai")}},
        nullptr, &error));
}

void TestUiModels::cleanup()
{
    delete m_fx;
}

QTreeWidgetItem *TestUiModels::findModel(ModelsTab &tab, const QString &modelId)
{
    const auto items = tab.discoveredView()->findItems(modelId, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return items.isEmpty() ? nullptr : items.first();
}

void TestUiModels::groupsDiscoveredModels()
{
    ModelsTab tab(m_fx->ctx);
    QTreeWidget *tree = tab.discoveredView();
    QCOMPARE(tree->topLevelItemCount(), 1);
    QTreeWidgetItem *group = tree->topLevelItem(0);
    QCOMPARE(group->text(0), QStringLiteral("openai-prod"));
    QCOMPARE(group->childCount(), 3);
    QVERIFY(group->text(1).startsWith(QLatin1String("2 online")));
    QTreeWidgetItem *old = findModel(tab, QStringLiteral("old-model"));
    QVERIFY(old);
    QCOMPARE(old->text(1), QStringLiteral("offline"));
}

void TestUiModels::publishAliasFromDiscoveredModel()
{
    ModelsTab tab(m_fx->ctx);
    tab.show();
    QTreeWidgetItem *item = findModel(tab, QStringLiteral("gpt-4o-mini"));
    QVERIFY(item);
    tab.discoveredView()->setCurrentItem(item);
    // Before publishing, the snippet calls provider/model (expose_all).
    QVERIFY(tab.snippet(0).contains(QLatin1String("\"openai-prod/gpt-4o-mini\"")));

    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<AliasDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        seen = true;
        auto *alias = dialog->findChild<QLineEdit *>(QStringLiteral("alias"));
        QCOMPARE(alias->text(), QStringLiteral("gpt-4o-mini")); // suggested from the model id
        alias->setText(QStringLiteral("fast"));
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("defaults"))
            ->setPlainText(QStringLiteral("{\"temperature\": 0.2}"));
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    });
    tab.publishSelected();
    QVERIFY(seen);

    const auto alias = m_fx->aliases.find(QStringLiteral("fast"));
    QVERIFY(alias);
    QCOMPARE(alias->providerId, m_providerId);
    QCOMPARE(alias->modelId, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(alias->defaults.value(QStringLiteral("temperature")).toDouble(), 0.2);
    QCOMPARE(tab.aliasView()->rowCount(), 1);
    QCOMPARE(tab.aliasView()->item(0, ModelsTab::AliasName)->text(), QStringLiteral("fast"));

    QCOMPARE(tab.snippetModel(), QStringLiteral("fast"));
    const QString curl = tab.snippet(0);
    QVERIFY(curl.contains(QLatin1String("\"model\": \"fast\"")));
    QVERIFY(curl.contains(QLatin1String("http://127.0.0.1:4242/v1/chat/completions")));
    QVERIFY(curl.contains(QLatin1String("$TOLLGATE_KEY")));
    QVERIFY(tab.snippet(1).contains(QLatin1String("model=\"fast\"")));
    QVERIFY(tab.snippet(2).contains(QLatin1String("model: \"fast\"")));

    // The active switch writes through.
    tab.aliasView()->item(0, ModelsTab::AliasActive)->setCheckState(Qt::Unchecked);
    QVERIFY(!m_fx->aliases.find(QStringLiteral("fast"))->active);
}

void TestUiModels::aliasDialogValidatesInline()
{
    AliasDialog dialog(m_fx->ctx, std::nullopt);
    dialog.setTarget(m_providerId, QStringLiteral("gpt-4o-mini"), QStringLiteral("chat"));
    dialog.show();
    auto *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("defaults"))->setPlainText(QStringLiteral("{temperature: }"));
    save->click();
    QVERIFY(dialog.isVisible());
    QVERIFY(error->isVisible());
    // What and where, in words: not the parser's "illegal value (at character 2)".
    QVERIFY2(error->text().contains(QLatin1String("Line 1, column 3")), qPrintable(error->text()));
    QVERIFY2(!error->text().contains(QLatin1String("character")), qPrintable(error->text()));
    QCOMPARE(dialog.findChild<QPlainTextEdit *>(QStringLiteral("defaults"))->textCursor().position(), 2);
    QVERIFY(!m_fx->aliases.find(QStringLiteral("gpt-4o-mini")));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("defaults"))
        ->setPlainText(QStringLiteral("{\n  \"temperature\": 0.2\n  \"max_tokens\": 5\n}"));
    save->click();
    QVERIFY2(error->text().contains(QLatin1String("Line 3")) && error->text().contains(QLatin1String("comma")),
             qPrintable(error->text()));

    dialog.findChild<QPlainTextEdit *>(QStringLiteral("defaults"))->setPlainText(QStringLiteral("[1]"));
    save->click();
    QVERIFY(dialog.isVisible());

    dialog.findChild<QPlainTextEdit *>(QStringLiteral("defaults"))->clear();
    dialog.findChild<QLineEdit *>(QStringLiteral("alias"))->setText(QStringLiteral("bad name!"));
    save->click();
    QVERIFY(dialog.isVisible());
    QVERIFY(m_fx->aliases.list().isEmpty());

    dialog.findChild<QLineEdit *>(QStringLiteral("alias"))->setText(QStringLiteral("ok"));
    save->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(m_fx->aliases.find(QStringLiteral("ok")));
}

void TestUiModels::filterHidesModels()
{
    ModelsTab tab(m_fx->ctx);
    tab.show();
    tab.findChild<QLineEdit *>(QStringLiteral("modelFilter"))->setText(QStringLiteral("embed"));
    QVERIFY(findModel(tab, QStringLiteral("gpt-4o-mini"))->isHidden());
    QVERIFY(!findModel(tab, QStringLiteral("text-embedding-3-small"))->isHidden());
    tab.findChild<QLineEdit *>(QStringLiteral("modelFilter"))->clear();
    QVERIFY(!findModel(tab, QStringLiteral("gpt-4o-mini"))->isHidden());
}

void TestUiModels::snippetsUseListenAddress_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("base");
    QTest::newRow("default") << "127.0.0.1:4242"
                             << "http://127.0.0.1:4242/v1";
    QTest::newRow("wildcard") << "0.0.0.0:8080"
                              << "http://127.0.0.1:8080/v1";
    QTest::newRow("lan") << "192.168.1.5:4242"
                         << "http://192.168.1.5:4242/v1";
    QTest::newRow("ipv6") << "[::1]:4242"
                          << "http://[::1]:4242/v1";
}

void TestUiModels::snippetsUseListenAddress()
{
    QFETCH(QString, listen);
    QFETCH(QString, base);
    QCOMPARE(SnippetBuilder::gatewayBaseUrl(listen), base);
    QVERIFY(SnippetBuilder::curl(base, QStringLiteral("emb"), QStringLiteral("embedding"))
                .contains(base + QStringLiteral("/embeddings")));
}

void TestUiModels::aliasesShowEffectivePriceAndSource()
{
    QString error;
    Alias bundled;
    bundled.alias = QStringLiteral("a-bundled");
    bundled.providerId = m_providerId;
    bundled.modelId = QStringLiteral("gpt-4o-mini");
    QVERIFY2(m_fx->aliases.create(bundled, &error), qPrintable(error));
    Alias overridden = bundled;
    overridden.alias = QStringLiteral("b-override");
    overridden.pricing = {1.0, 4.0, 0.0};
    QVERIFY2(m_fx->aliases.create(overridden, &error), qPrintable(error));
    Alias unknown = bundled;
    unknown.alias = QStringLiteral("c-unknown");
    unknown.modelId = QStringLiteral("old-model");
    QVERIFY2(m_fx->aliases.create(unknown, &error), qPrintable(error));

    ModelsTab tab(m_fx->ctx);
    tab.reload();
    QTableWidget *view = tab.aliasView();
    QCOMPARE(view->rowCount(), 3);
    auto text = [view](int row, int column) { return view->item(row, column)->text(); };
    const QLocale locale;
    // No pricing block: the bundled gpt-4o-mini price (0.15 / 0.60 / 0.075).
    QCOMPARE(text(0, ModelsTab::AliasIn), locale.toString(0.15, 'f', 2));
    QCOMPARE(text(0, ModelsTab::AliasCached), locale.toString(0.075, 'f', 4));
    QCOMPARE(text(0, ModelsTab::AliasPriceSource), QStringLiteral("bundled 2026-08-21"));
    // The override as given, its free cache reads included.
    QCOMPARE(text(1, ModelsTab::AliasIn), locale.toString(1.0, 'f', 2));
    QCOMPARE(text(1, ModelsTab::AliasCached), locale.toString(0.0, 'f', 2));
    QCOMPARE(text(1, ModelsTab::AliasPriceSource), QStringLiteral("override"));
    QVERIFY(text(2, ModelsTab::AliasPriceSource).contains(QLatin1String("unpriced")));

    // A discovered model says what provider/model calls cost.
    QTreeWidgetItem *mini = findModel(tab, QStringLiteral("gpt-4o-mini"));
    QVERIFY(mini);
    QVERIFY2(mini->toolTip(0).contains(QLatin1String("bundled 2026-08-21")), qPrintable(mini->toolTip(0)));
}

void TestUiModels::snippetsDoNotWrapMidUrl()
{
    ModelsTab tab(m_fx->ctx);
    for (auto *edit : tab.findChild<QTabWidget *>(QStringLiteral("snippets"))->findChildren<QPlainTextEdit *>())
        QCOMPARE(edit->lineWrapMode(), QPlainTextEdit::NoWrap);
}

void TestUiModels::aliasTableFitsWithoutScrolling()
{
    Alias a;
    a.alias = QStringLiteral("a-rather-long-alias-name-for-the-team");
    a.providerId = m_providerId;
    a.modelId = QStringLiteral("gpt-4o-mini");
    a.defaults = QJsonObject{{QStringLiteral("temperature"), 0.2},
                             {QStringLiteral("max_tokens"), 1024},
                             {QStringLiteral("top_p"), 0.95},
                             {QStringLiteral("seed"), 42}};
    QString error;
    QVERIFY2(m_fx->aliases.create(a, &error), qPrintable(error));
    ModelsTab tab(m_fx->ctx);
    tab.resize(1600, 900);
    tab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tab));
    auto *table = tab.findChild<QTableWidget *>(QStringLiteral("aliases"));
    QVERIFY(table);
    QTRY_COMPARE(table->rowCount(), 1);
    int total = 0;
    for (int c = 0; c < table->columnCount(); ++c)
        total += table->columnWidth(c);
    QVERIFY2(total <= table->viewport()->width(),
             qPrintable(QStringLiteral("%1 > %2").arg(total).arg(table->viewport()->width())));
    QVERIFY(!table->horizontalScrollBar()->isVisible());
}

void TestUiModels::aliasDialogChecklistGatesSave()
{
    AliasDialog dialog(m_fx->ctx, std::nullopt);
    auto *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    dialog.setTarget(m_providerId, QStringLiteral("gpt-4o-mini"), QStringLiteral("chat"));
    AliasDialog::Checks c = dialog.checks();
    QVERIFY(c.providerActive && c.modelOnline && c.nameGiven);
    QVERIFY(!c.priced); // advisory only
    QVERIFY(save->isEnabled());
    const QString list = dialog.findChild<QLabel *>(QStringLiteral("checklist"))->text();
    QVERIFY2(list.contains(QLatin1String("No pricing")), qPrintable(list));

    // old-model went offline: publishing it would give clients a dead alias.
    dialog.setTarget(m_providerId, QStringLiteral("old-model"), QStringLiteral("chat"));
    QVERIFY(!dialog.checks().modelOnline);
    QVERIFY(!save->isEnabled());
    dialog.setTarget(m_providerId, QStringLiteral("gpt-4o-mini"), QStringLiteral("chat"));
    dialog.findChild<QLineEdit *>(QStringLiteral("alias"))->clear();
    QVERIFY(!save->isEnabled());
    dialog.findChild<QLineEdit *>(QStringLiteral("alias"))->setText(QStringLiteral("mini"));
    QVERIFY(save->isEnabled());

    // An errored provider blocks too.
    QVERIFY(m_fx->providers.setStatus(m_providerId, QStringLiteral("errored"), QStringLiteral("boom"), true));
    AliasDialog again(m_fx->ctx, std::nullopt);
    again.setTarget(m_providerId, QStringLiteral("gpt-4o-mini"), QStringLiteral("chat"));
    QVERIFY(!again.checks().providerActive);
    QVERIFY(!again.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->isEnabled());
}

QTEST_MAIN(TestUiModels)
#include "tst_ui_models.moc"
