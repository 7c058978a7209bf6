#include "core/storage/KeyStore.h"
#include "tests/support/ConsoleFixture.h"
#include "ui/SecretClipboard.h"
#include "ui/StatusBadgeDelegate.h"
#include "ui/keys/KeyCreateDialog.h"
#include "ui/keys/KeysTab.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

class TestUiKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void createShowsKeyOnce();
    void createValidatesInline();
    void revokeAsksFirst();

private:
    ConsoleFixture *m_fx = nullptr;
};

void TestUiKeys::init()
{
    m_fx = new ConsoleFixture;
    QVERIFY(m_fx->open());
}

void TestUiKeys::cleanup()
{
    delete m_fx;
    m_fx = nullptr;
}

void TestUiKeys::createShowsKeyOnce()
{
    KeysTab tab(m_fx->ctx);
    tab.show();
    QApplication::clipboard()->clear();
    QString shown;
    bool dialogSeen = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<KeyCreateDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialogSeen = true;
        dialog->findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("ci"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("create")), Qt::LeftButton);
        auto *keyField = dialog->findChild<QLineEdit *>(QStringLiteral("shownKey"));
        QVERIFY(keyField->isVisible());
        shown = keyField->text();
        dialog->accept();
    });
    tab.createKey();
    QVERIFY(dialogSeen);
    QVERIFY2(shown.startsWith(QLatin1String("tg-")), qPrintable(shown));
    QVERIFY(shown.size() >= 3 + 32); // >= 192 bits of base64url

    // Only the hash is stored.
    const auto stored = m_fx->keys.findByName(QStringLiteral("ci"));
    QVERIFY(stored);
    QCOMPARE(stored->hash, KeyStore::hashSecret(shown));
    QSqlQuery q(m_fx->db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM gateway_keys WHERE hash = '%1' OR prefix = '%1' OR name = '%1'")
                       .arg(shown)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);

    // Copied, marked as secret for clipboard managers.
    QCOMPARE(QApplication::clipboard()->text(), shown);
    QVERIFY(SecretClipboard::isMarkedSecret());

    // The table never shows it again.
    QTableWidget *view = tab.view();
    QCOMPARE(view->rowCount(), 1);
    for (int c = 0; c < view->columnCount(); ++c)
        QVERIFY(!view->item(0, c)->text().contains(shown));
    QCOMPARE(view->item(0, KeysTab::NameColumn)->text(), QStringLiteral("ci"));
    QCOMPARE(view->item(0, KeysTab::StatusColumn)->data(StatusBadgeDelegate::StatusRole).toString(),
             QStringLiteral("active"));
}

void TestUiKeys::createValidatesInline()
{
    KeyCreateDialog dialog(m_fx->ctx);
    dialog.show();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("create")), Qt::LeftButton);
    auto *error = dialog.findChild<QLabel *>(QStringLiteral("error"));
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.created());

    // Restricting models without ticking one is refused too.
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("restricted"));
    dialog.findChild<QCheckBox *>(QStringLiteral("allModels"))->setChecked(false);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("create")), Qt::LeftButton);
    QVERIFY(!dialog.created());
    QVERIFY(!m_fx->keys.findByName(QStringLiteral("restricted")));

    // A duplicate name shows the store's message inline.
    QString error2;
    QVERIFY(!m_fx->keys.create(ConsoleFixture::keySpec(QStringLiteral("dup")), &error2).isEmpty());
    dialog.findChild<QCheckBox *>(QStringLiteral("allModels"))->setChecked(true);
    dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("dup"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("create")), Qt::LeftButton);
    QVERIFY(!dialog.created());
    QVERIFY(error->text().contains(QLatin1String("dup")));
}

void TestUiKeys::revokeAsksFirst()
{
    QString error;
    QVERIFY(!m_fx->keys.create(ConsoleFixture::keySpec(QStringLiteral("old")), &error).isEmpty());
    KeysTab tab(m_fx->ctx);
    tab.show();
    tab.view()->setCurrentCell(0, 0);

    // Cancel keeps the key.
    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
    });
    tab.revokeSelected();
    QVERIFY(m_fx->keys.findByName(QStringLiteral("old"))->revokedAt.isEmpty());

    QTimer::singleShot(0, this, [] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        QVERIFY(box->text().contains(QLatin1String("old")));
        for (QAbstractButton *b : box->buttons()) {
            if (box->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
        }
    });
    tab.revokeSelected();
    QVERIFY(!m_fx->keys.findByName(QStringLiteral("old"))->revokedAt.isEmpty());
    QCOMPARE(tab.view()->item(0, KeysTab::StatusColumn)->data(StatusBadgeDelegate::StatusRole).toString(),
             QStringLiteral("revoked"));
}

QTEST_MAIN(TestUiKeys)
#include "tst_ui_keys.moc"
