#include "tests/support/ConsoleFixture.h"
#include "ui/MainWindow.h"
#include "ui/SingleInstance.h"
#include "ui/ThemeTone.h"
#include "ui/WelcomePage.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QThread>
#include <QTimer>

// The console window as a process sees it: quitting, the tray, keyboard
// navigation between tabs, and colours that follow the palette.
class TestUiWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void quitEndsTheEventLoopWhileClosingHidesToTray();
    void closingHidesToTrayAndSaysSoOnce();
    void closingQuitsWhenCloseToTrayIsOff();
    void ctrlTabAndCtrlPageDownSwitchTabs();
    void settingsHasAShortcutOnLinux();
    void trayMenuShowsGatewayStateAndOpensTabs();
    void statusTonesReadOnDarkAndLightPalettes();
    void singleInstanceAnswersASecondStart();
    void firstKeyStaysReachableUntilConfirmedSaved();
};

void TestUiWindow::init()
{
    QSettings().clear();
}

void TestUiWindow::quitEndsTheEventLoopWhileClosingHidesToTray()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    MainWindow window(fx.ctx);
    window.setHidesToTray(true);
    QSignalSpy told(&window, &MainWindow::trayNoticeShown);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // What SIGTERM/SIGINT and Quit do. A plain QCoreApplication::quit() first sends the window
    // a close event, which hides it to the tray ("still running") instead of quitting.
    QTimer::singleShot(0, &window, &MainWindow::quitConsole);
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, qApp, [] { QCoreApplication::exit(99); });
    guard.start(5000);
    QCOMPARE(QApplication::exec(), 0);
    QVERIFY(!window.isVisible());
    QCOMPARE(told.count(), 0); // quitting is not "hidden to the tray"
}

void TestUiWindow::closingHidesToTrayAndSaysSoOnce()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    MainWindow window(fx.ctx);
    window.setHidesToTray(true);
    QSignalSpy told(&window, &MainWindow::trayNoticeShown);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.close() == false);
    QVERIFY(!window.isVisible());
    QCOMPARE(told.count(), 1);
    QVERIFY(told.at(0).at(0).toString().contains(QLatin1String("tray")));
    window.show();
    QVERIFY(!window.close());
    QCOMPARE(told.count(), 1); // once, not on every close

    // A new window (next start) remembers the notice was given.
    MainWindow next(fx.ctx);
    next.setHidesToTray(true);
    QSignalSpy toldNext(&next, &MainWindow::trayNoticeShown);
    next.show();
    QVERIFY(!next.close());
    QCOMPARE(toldNext.count(), 0);
}

void TestUiWindow::closingQuitsWhenCloseToTrayIsOff()
{
    QSettings().setValue(MainWindow::closeToTrayKey(), false);
    ConsoleFixture fx;
    QVERIFY(fx.open());
    MainWindow window(fx.ctx);
    window.setHidesToTray(true);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTimer::singleShot(0, &window, &QWidget::close);
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, qApp, [] { QCoreApplication::exit(99); });
    guard.start(5000);
    QCOMPARE(QApplication::exec(), 0);
    QVERIFY(!window.isVisible());
}

void TestUiWindow::ctrlTabAndCtrlPageDownSwitchTabs()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QVERIFY(fx.settings.setValue(Settings::FirstRunDone, true));
    MainWindow window(fx.ctx);
    window.show();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.tabs()->setCurrentIndex(MainWindow::ProvidersPage);
    QWidget *focus = window.tabs()->currentWidget();
    focus->setFocus();
    QTest::keyClick(&window, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ModelsPage));
    QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::KeysPage));
    QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ModelsPage));
    QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
    QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentIndex(), window.tabs()->count() - 1); // wraps around
}

void TestUiWindow::settingsHasAShortcutOnLinux()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    MainWindow window(fx.ctx);
    QVERIFY(window.settingsAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)));
}

void TestUiWindow::trayMenuShowsGatewayStateAndOpensTabs()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QVERIFY(fx.settings.setValue(Settings::FirstRunDone, true));
    fx.monitor.setState(GatewayMonitor::State::Running, QStringLiteral("127.0.0.1:4343"), QString());
    MainWindow window(fx.ctx);
    window.updateGatewayStatus();
    QMenu *menu = window.trayMenu();
    QVERIFY(menu);
    auto *state = menu->findChild<QAction *>(QStringLiteral("trayGatewayState"));
    auto *address = menu->findChild<QAction *>(QStringLiteral("trayGatewayAddress"));
    QVERIFY(state && address);
    QVERIFY2(state->text().contains(QLatin1String("running")), qPrintable(state->text()));
    QVERIFY2(address->text().contains(QLatin1String("127.0.0.1:4343")), qPrintable(address->text()));

    auto *copy = menu->findChild<QAction *>(QStringLiteral("trayCopyUrl"));
    QVERIFY(copy);
    QApplication::clipboard()->clear();
    copy->trigger();
    QCOMPARE(QApplication::clipboard()->text(), address->text());

    auto *open = menu->findChild<QMenu *>(QStringLiteral("trayOpenMenu"));
    QVERIFY(open);
    QCOMPARE(open->actions().size(), window.tabs()->count());
    QVERIFY(!window.isVisible());
    open->actions().at(MainWindow::LogsPage)->trigger();
    QVERIFY(window.isVisible());
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::LogsPage));

    bool hasQuit = false;
    for (QAction *a : menu->actions())
        hasQuit = hasQuit || a->text().remove(QLatin1Char('&')) == QLatin1String("Quit");
    QVERIFY(hasQuit);
}

void TestUiWindow::statusTonesReadOnDarkAndLightPalettes()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1b));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::Base, Qt::white);
    for (const QPalette &p : {dark, light}) {
        for (auto tone : {ThemeTone::Tone::Success, ThemeTone::Tone::Warning, ThemeTone::Tone::Error}) {
            const QColor fg = ThemeTone::foreground(tone, p);
            QVERIFY2(ThemeTone::contrast(fg, p.color(QPalette::Window)) >= 4.5, qPrintable(fg.name()));
            QVERIFY2(ThemeTone::contrast(fg, ThemeTone::background(tone, p)) >= 3.0, qPrintable(fg.name()));
        }
    }
    // A dark theme gets no light fill (the old #dcedc8 glared).
    QVERIFY(ThemeTone::background(ThemeTone::Tone::Success, dark).lightness() < 100);
}

void TestUiWindow::singleInstanceAnswersASecondStart()
{
    QTemporaryDir dir;
    SingleInstance first(dir.path());
    QVERIFY(!first.askRunningInstanceToRaise(500)); // nobody runs yet
    QVERIFY(first.listen());
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);
    // The second start runs its blocking handshake while the first serves its event loop.
    bool answered = false;
    QThread *thread = QThread::create([&] {
        SingleInstance second(dir.path());
        answered = second.askRunningInstanceToRaise(5000);
    });
    thread->start();
    QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 10000);
    thread->wait();
    delete thread;
    QVERIFY(answered);
    QCOMPARE(raised.count(), 1);
    QTemporaryDir other;
    QVERIFY(SingleInstance(other.path()).serverName() != first.serverName());
}

void TestUiWindow::firstKeyStaysReachableUntilConfirmedSaved()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    fx.ctx.firstRunKey = QStringLiteral("tg-first-key-for-the-test");
    MainWindow window(fx.ctx);
    window.show();
    QVERIFY(window.welcomePage());
    auto *stack = qobject_cast<QStackedWidget *>(window.centralWidget());
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget(), window.welcomePage());

    // "Add a provider…" and then Cancel: the key must still be there to copy.
    QTimer::singleShot(0, &window, [] {
        if (QWidget *dialog = QApplication::activeModalWidget())
            dialog->close();
    });
    QTest::mouseClick(window.welcomePage()->findChild<QPushButton *>(QStringLiteral("addPreset")), Qt::LeftButton);
    QCOMPARE(stack->currentWidget(), window.tabs());
    window.welcomeAction()->trigger();
    QCOMPARE(stack->currentWidget(), window.welcomePage());
    QCOMPARE(window.welcomePage()->shownKey(), QStringLiteral("tg-first-key-for-the-test"));

    // Leaving without confirming keeps it too.
    QTest::mouseClick(window.welcomePage()->findChild<QPushButton *>(QStringLiteral("continue")), Qt::LeftButton);
    QCOMPARE(stack->currentWidget(), window.tabs());
    QVERIFY(fx.settings.value(Settings::FirstRunDone).toBool());
    window.welcomeAction()->trigger();
    QCOMPARE(window.welcomePage()->shownKey(), QStringLiteral("tg-first-key-for-the-test"));

    // Confirmed: leaving forgets it; the Welcome page itself stays reachable.
    window.welcomePage()->confirmBox()->setChecked(true);
    QTest::mouseClick(window.welcomePage()->findChild<QPushButton *>(QStringLiteral("continue")), Qt::LeftButton);
    window.welcomeAction()->trigger();
    QCOMPARE(stack->currentWidget(), window.welcomePage());
    QVERIFY(window.welcomePage()->shownKey().isEmpty());
}

QTEST_MAIN(TestUiWindow)
#include "tst_ui_window.moc"
