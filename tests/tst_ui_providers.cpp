#include "core/net/HttpClient.h"
#include "core/providers/SyncService.h"
#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/ProviderKeys.h"
#include "tests/support/ConsoleFixture.h"
#include "tests/support/FakeUpstream.h"
#include "ui/providers/DurationSpinBox.h"
#include "ui/providers/ProviderDialog.h"
#include "ui/providers/ProviderPreset.h"
#include "ui/providers/ProvidersTab.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

namespace {
const QString kSecret = QStringLiteral("sk-ui-test-4f1c9a");
}

class TestUiProviders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void addProviderThroughDialog();
    void testConnectionShowsModels();
    void validatesInline();
    void presetsFillKindAndUrl();
    void deleteNamesDependents();
    void testConnectionCanBeStoppedAndTimesOut();
    void azureAsksForApiVersion();
    void envReferenceShownLiteralKeyMasked();
    void mnemonicsAreUnique();
    void syncIntervalReadsInMinutes();
    void addProviderOffersThePresets();
    void erroredProviderOffersEditAndSync();

private:
    bool databaseContains(const QString &needle);
    ConsoleFixture *m_fx = nullptr;
    KeychainSecretStore *m_secrets = nullptr;
    ProviderKeys *m_keys = nullptr;
    HttpClient *m_http = nullptr;
    SyncService *m_sync = nullptr;
    FakeUpstream *m_upstream = nullptr;
};

void TestUiProviders::init()
{
    m_fx = new ConsoleFixture;
    QVERIFY(m_fx->open());
    m_secrets = new KeychainSecretStore;
    m_keys = new ProviderKeys(*m_secrets);
    m_http = new HttpClient;
    m_sync = new SyncService(m_fx->providers, m_fx->models, *m_keys, *m_http);
    m_fx->ctx.sync = m_sync;
    m_fx->ctx.providerKeys = m_keys;
    m_upstream = new FakeUpstream;
    QVERIFY(m_upstream->listen());
    m_upstream->setModels({QStringLiteral("llama-3-8b"), QStringLiteral("qwen-2.5-7b")});
    m_upstream->setRequiredKey(kSecret);
}

void TestUiProviders::cleanup()
{
    delete m_sync;
    delete m_http;
    delete m_keys;
    delete m_secrets;
    delete m_upstream;
    delete m_fx;
}

bool TestUiProviders::databaseContains(const QString &needle)
{
    QSqlQuery q(m_fx->db.connection());
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    QStringList tables;
    while (q.next())
        tables << q.value(0).toString();
    for (const QString &table : tables) {
        QSqlQuery rows(m_fx->db.connection());
        rows.exec(QStringLiteral("SELECT * FROM %1").arg(table));
        while (rows.next()) {
            for (int c = 0; c < rows.record().count(); ++c) {
                if (rows.value(c).toString().contains(needle))
                    return true;
            }
        }
    }
    return false;
}

void TestUiProviders::addProviderThroughDialog()
{
    ProvidersTab tab(m_fx->ctx);
    tab.show();
    bool seen = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<ProviderDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        seen = true;
        auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("kind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("openai")));
        dialog->findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("local-vllm"));
        dialog->findChild<QLineEdit *>(QStringLiteral("baseUrl"))->setText(m_upstream->baseUrl());
        auto *key = dialog->findChild<QLineEdit *>(QStringLiteral("apiKey"));
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        key->setText(kSecret);
        auto *reveal = dialog->findChild<QPushButton *>(QStringLiteral("reveal"));
        reveal->click();
        QCOMPARE(key->echoMode(), QLineEdit::Normal);
        reveal->click();
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    });
    tab.addProvider();
    QVERIFY(seen);

    const auto provider = m_fx->providers.findByName(QStringLiteral("local-vllm"));
    QVERIFY(provider);
    QCOMPARE(provider->keyRef, ProviderKeys::keychainRef());
    QVERIFY(!databaseContains(kSecret));

    // Discovery ran against the fake upstream with the key from the keychain.
    QTRY_COMPARE_WITH_TIMEOUT(m_fx->models.list(provider->id).size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(tab.view()->model()->index(0, ProvidersTab::ModelsColumn).data().toString(),
                              QStringLiteral("2"), 5000);
    QCOMPARE(tab.view()->model()->index(0, ProvidersTab::NameColumn).data().toString(), QStringLiteral("local-vllm"));
    tab.view()->selectRow(0);
    auto *history = tab.findChild<QTableWidget *>(QStringLiteral("syncHistory"));
    QTRY_VERIFY(history->rowCount() >= 1);
    QCOMPARE(history->item(0, 1)->text(), QStringLiteral("2"));

    // Editing never shows the stored key.
    ProviderDialog edit(m_fx->ctx, *m_fx->providers.find(provider->id));
    QVERIFY(edit.findChild<QLineEdit *>(QStringLiteral("apiKey"))->text().isEmpty());
}

void TestUiProviders::testConnectionShowsModels()
{
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    dialog.show();
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("probe"));
    dialog.findChild<QLineEdit *>(QStringLiteral("baseUrl"))->setText(m_upstream->baseUrl());
    dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(QStringLiteral("wrong-key"));
    QSignalSpy spy(&dialog, &ProviderDialog::probeFinished);
    dialog.testConnection();
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.last().at(0).toBool(), false);

    dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(kSecret);
    dialog.testConnection();
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.last().at(0).toBool(), true);
    const QString text = dialog.findChild<QLabel *>(QStringLiteral("testResult"))->text();
    QVERIFY2(text.contains(QLatin1String("llama-3-8b")), qPrintable(text));
    // A probe writes nothing.
    QVERIFY(m_fx->providers.list().isEmpty());
}

void TestUiProviders::validatesInline()
{
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    dialog.show();
    auto *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    save->click();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("nameError"))->isVisible());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("urlHint"))->isVisible());

    // A URL without the version path gets the driver's hint inline.
    auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("kind"));
    kind->setCurrentIndex(kind->findData(QStringLiteral("openai")));
    dialog.findChild<QLineEdit *>(QStringLiteral("baseUrl"))->setText(QStringLiteral("http://localhost:8000"));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("urlHint"))->isVisible());
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("urlHint"))->text().isEmpty());

    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("x"));
    dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(QStringLiteral("env:1BAD"));
    save->click();
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("keyNote"))->isVisible());
    QVERIFY(m_fx->providers.list().isEmpty());

    // env:NAME is stored as a reference and is not secret.
    dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(QStringLiteral("env:TOLLGATE_UI_TEST_KEY"));
    dialog.findChild<QLineEdit *>(QStringLiteral("baseUrl"))->setText(QStringLiteral("http://localhost:8000/v1"));
    save->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(m_fx->providers.findByName(QStringLiteral("x"))->keyRef, QStringLiteral("env:TOLLGATE_UI_TEST_KEY"));
}

void TestUiProviders::presetsFillKindAndUrl()
{
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    dialog.applyPreset(ProviderPreset::byId(QStringLiteral("ollama")));
    QCOMPARE(dialog.currentProvider().baseUrl, QStringLiteral("http://localhost:11434/v1"));
    QCOMPARE(dialog.currentProvider().kind, QStringLiteral("openai"));
    dialog.applyPreset(ProviderPreset::byId(QStringLiteral("anthropic")));
    QCOMPARE(dialog.currentProvider().kind, QStringLiteral("anthropic"));
    QCOMPARE(dialog.currentProvider().baseUrl, QStringLiteral("https://api.anthropic.com/v1"));
}

void TestUiProviders::deleteNamesDependents()
{
    Provider p;
    p.name = QStringLiteral("doomed");
    p.kind = QStringLiteral("openai");
    p.baseUrl = m_upstream->baseUrl();
    QString error;
    QVERIFY(m_fx->providers.create(p, &error));
    QVERIFY2(m_fx->models.applyDiscovery(p.id, {{QStringLiteral("m1"), QStringLiteral("chat"), QStringLiteral("")}},
                                         nullptr, &error),
             qPrintable(error));
    Alias a;
    a.alias = QStringLiteral("fast");
    a.providerId = p.id;
    a.modelId = QStringLiteral("m1");
    QVERIFY(m_fx->aliases.create(a, &error));

    ProvidersTab tab(m_fx->ctx);
    tab.show();
    tab.view()->selectRow(0);
    QString shownText;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        shownText = box->informativeText();
        for (QAbstractButton *b : box->buttons()) {
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
        }
    });
    tab.deleteSelected();
    QVERIFY2(shownText.contains(QLatin1String("1 published alias")), qPrintable(shownText));
    QVERIFY(shownText.contains(QLatin1String("1 discovered model")));
    QVERIFY(!m_fx->providers.findByName(QStringLiteral("doomed")));
}

void TestUiProviders::testConnectionCanBeStoppedAndTimesOut()
{
    // A host that accepts the connection and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    dialog.show();
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("silent"));
    dialog.findChild<QLineEdit *>(QStringLiteral("baseUrl"))
        ->setText(QStringLiteral("http://127.0.0.1:%1/v1").arg(silent.serverPort()));
    dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(QStringLiteral("sk-test"));
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    auto *test = dialog.findChild<QPushButton *>(QStringLiteral("testConnection"));
    auto *spinner = dialog.findChild<QWidget *>(QStringLiteral("testSpinner"));
    auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResult"));
    QVERIFY(buttons && test && spinner && result);

    dialog.testConnection();
    QVERIFY(dialog.isTesting());
    QVERIFY(spinner->isVisible());
    QVERIFY(!buttons->button(QDialogButtonBox::Save)->isEnabled());
    QVERIFY(buttons->button(QDialogButtonBox::Cancel)->isEnabled()); // the dialog can always be left
    QVERIFY(test->isEnabled());
    QSignalSpy finished(&dialog, &ProviderDialog::probeFinished);
    QTest::mouseClick(test, Qt::LeftButton); // "Stop test"
    QVERIFY(!dialog.isTesting());
    QVERIFY(!spinner->isVisible());
    QVERIFY(buttons->button(QDialogButtonBox::Save)->isEnabled());
    QCOMPARE(finished.count(), 1);
    QVERIFY(result->text().contains(QLatin1String("cancelled")));

    dialog.setTestTimeoutMs(300);
    dialog.testConnection();
    QVERIFY(finished.wait(5000));
    QVERIFY(!dialog.isTesting());
    QVERIFY2(result->text().contains(QLatin1String("No answer")), qPrintable(result->text()));
    QVERIFY(result->wordWrap());
    QVERIFY(result->textInteractionFlags() & Qt::TextSelectableByMouse);
}

void TestUiProviders::azureAsksForApiVersion()
{
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    dialog.show();
    auto *version = dialog.findChild<QLineEdit *>(QStringLiteral("apiVersion"));
    QVERIFY(version);
    QVERIFY(!version->isVisible()); // only for Azure
    dialog.applyPreset(ProviderPreset::byId(QStringLiteral("azure")));
    QVERIFY(version->isVisible());
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("azure-eu"));
    dialog.findChild<QLineEdit *>(QStringLiteral("baseUrl"))
        ->setText(QStringLiteral("https://example.openai.azure.com/openai"));
    dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(QStringLiteral("env:AZURE_OPENAI_KEY"));
    version->setText(QStringLiteral("2025-01-01-preview"));
    dialog.save();
    QTRY_COMPARE(m_fx->providers.list().size(), 1);
    QCOMPARE(m_fx->providers.list().first().options.value(QLatin1String("api_version")).toString(),
             QStringLiteral("2025-01-01-preview"));
}

void TestUiProviders::envReferenceShownLiteralKeyMasked()
{
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    auto *key = dialog.findChild<QLineEdit *>(QStringLiteral("apiKey"));
    key->setText(QStringLiteral("sk-literal"));
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    key->setText(QStringLiteral("env:OPENAI_API_KEY"));
    QCOMPARE(key->echoMode(), QLineEdit::Normal);
    key->setText(QStringLiteral("sk-again"));
    QCOMPARE(key->echoMode(), QLineEdit::Password);
}

void TestUiProviders::mnemonicsAreUnique()
{
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    dialog.applyPreset(ProviderPreset::byId(QStringLiteral("azure"))); // every row shown
    dialog.show();
    QStringList texts;
    for (QLabel *l : dialog.findChildren<QLabel *>())
        if (l->buddy() && l->isVisible())
            texts << l->text();
    for (QAbstractButton *b : dialog.findChildren<QAbstractButton *>())
        if (b->isVisible())
            texts << b->text();
    QHash<QChar, QString> seen;
    for (const QString &t : std::as_const(texts)) {
        const int amp = int(t.indexOf(QLatin1Char('&')));
        if (amp < 0 || amp + 1 >= t.size() || t.at(amp + 1) == QLatin1Char('&'))
            continue;
        const QChar c = t.at(amp + 1).toLower();
        QVERIFY2(!seen.contains(c), qPrintable(QStringLiteral("%1 and %2 share Alt+%3").arg(seen.value(c), t, c)));
        seen.insert(c, t);
    }
}

void TestUiProviders::syncIntervalReadsInMinutes()
{
    QCOMPARE(DurationSpinBox::format(300), QStringLiteral("5 min"));
    QCOMPARE(DurationSpinBox::format(45), QStringLiteral("45 s"));
    QCOMPARE(DurationSpinBox::format(7200), QStringLiteral("2 h"));
    QCOMPARE(DurationSpinBox::parse(QStringLiteral("5m")), 300);
    QCOMPARE(DurationSpinBox::parse(QStringLiteral("5 min")), 300);
    ProviderDialog dialog(m_fx->ctx, std::nullopt);
    auto *spin = dialog.findChild<QSpinBox *>(QStringLiteral("syncInterval"));
    spin->setValue(300);
    QCOMPARE(spin->text(), QStringLiteral("5 min"));
}

void TestUiProviders::addProviderOffersThePresets()
{
    ProvidersTab tab(m_fx->ctx);
    auto *add = tab.findChild<QPushButton *>(QStringLiteral("addProvider"));
    QVERIFY(add && add->menu());
    QStringList labels;
    for (QAction *a : add->menu()->actions())
        labels << a->text();
    for (const ProviderPreset &p : ProviderPreset::all())
        QVERIFY2(labels.contains(p.label), qPrintable(p.label));
}

void TestUiProviders::erroredProviderOffersEditAndSync()
{
    Provider p;
    p.name = QStringLiteral("broken");
    p.kind = QStringLiteral("openai");
    p.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    QString error;
    QVERIFY2(m_fx->providers.create(p, &error), qPrintable(error));
    QVERIFY(m_fx->providers.setStatus(p.id, QStringLiteral("errored"), QStringLiteral("connection refused"), true));
    ProvidersTab tab(m_fx->ctx);
    tab.show();
    tab.view()->selectRow(0);
    auto *banner = tab.findChild<QFrame *>(QStringLiteral("errorBanner"));
    QVERIFY(banner);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(tab.findChild<QLabel *>(QStringLiteral("errorText"))->text().contains(QLatin1String("connection refused")));
    QVERIFY(tab.findChild<QPushButton *>(QStringLiteral("errorEdit"))->isVisible());
    QVERIFY(tab.findChild<QPushButton *>(QStringLiteral("errorSync"))->isEnabled());
    // Fixed: the banner goes.
    QVERIFY(m_fx->providers.setStatus(p.id, QStringLiteral("active"), QString(), true));
    QTRY_VERIFY(!banner->isVisible());
}

QTEST_MAIN(TestUiProviders)
#include "tst_ui_providers.moc"
