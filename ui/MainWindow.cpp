#include "ui/MainWindow.h"

#include "core/gateway/GatewayMonitor.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Settings.h"
#include "ui/SettingsDialog.h"
#include "ui/WelcomePage.h"
#include "ui/keys/KeysTab.h"
#include "ui/keys/SnippetBuilder.h"
#include "ui/logs/LogsTab.h"
#include "ui/models/ModelDetailDialog.h"
#include "ui/models/ModelsTab.h"
#include "ui/playground/PlaygroundPlaceholder.h"
#include "ui/providers/ProvidersTab.h"
#include "ui/usage/UsageTab.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>

namespace {

QString stateText(GatewayMonitor::State state)
{
    switch (state) {
    case GatewayMonitor::State::Stopped:
        return MainWindow::tr("stopped");
    case GatewayMonitor::State::Starting:
        return MainWindow::tr("starting");
    case GatewayMonitor::State::Running:
        return MainWindow::tr("running");
    case GatewayMonitor::State::PortInUse:
        return MainWindow::tr("port in use");
    case GatewayMonitor::State::Failed:
        return MainWindow::tr("failed");
    }
    return {};
}

} // namespace

MainWindow::MainWindow(ConsoleContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_ctx(context)
{
    setWindowTitle(tr("Tollgate"));
    // The icon lives in the app's resources; libraries and tests run without them.
    if (QFile::exists(QStringLiteral(":/icons/tollgate.svg")))
        setWindowIcon(QIcon(QStringLiteral(":/icons/tollgate.svg")));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    m_providers = new ProvidersTab(m_ctx, m_tabs);
    m_models = new ModelsTab(m_ctx, m_tabs);
    m_keys = new KeysTab(m_ctx, m_tabs);
    m_logs = new LogsTab(m_ctx, m_tabs);
    m_usage = new UsageTab(m_ctx, m_tabs);
    m_tabs->addTab(m_providers, tr("&Providers"));
    m_tabs->addTab(m_models, tr("&Models"));
    m_tabs->addTab(m_keys, tr("&Keys"));
    m_tabs->addTab(new PlaygroundPlaceholder(m_tabs), tr("Pla&yground"));
    m_tabs->addTab(m_logs, tr("&Logs"));
    m_tabs->addTab(m_usage, tr("&Usage"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        QSettings().setValue(QStringLiteral("console/lastTab"), index);
        if (index == UsagePage)
            m_usage->refresh();
    });

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_tabs);
    if (!m_ctx.firstRunKey.isEmpty()) {
        createWelcomePage(m_ctx.firstRunKey);
        m_stack->setCurrentWidget(m_welcome);
        // Shown once: the context forgets the key as soon as the page holds it.
        m_ctx.firstRunKey.clear();
    }
    setCentralWidget(m_stack);

    m_address = new QLabel(this);
    m_address->setObjectName(QStringLiteral("gatewayAddress"));
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("gatewayState"));
    m_rpm = new QLabel(this);
    m_rpm->setObjectName(QStringLiteral("requestsPerMinute"));
    statusBar()->addWidget(m_address);
    statusBar()->addWidget(m_state);
    statusBar()->addPermanentWidget(m_rpm);
    connect(&m_ctx.monitor, &GatewayMonitor::stateChanged, this, &MainWindow::updateGatewayStatus);
    auto *rpmTimer = new QTimer(this);
    rpmTimer->setInterval(2000);
    connect(rpmTimer, &QTimer::timeout, this, &MainWindow::updateGatewayStatus);
    rpmTimer->start();

    connect(m_models, &ModelsTab::modelDetailRequested, this,
            [this](const QString &model, const QString &category) { openModelDetail(model, category); });
    setupMenus();
    setupTrayMenu();
    setupTabShortcuts();
    setupTray();
    updateGatewayStatus();
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_settingsAction = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    // QKeySequence::Preferences is empty on most Linux desktops: Ctrl+, is the common fallback.
    QList<QKeySequence> settingsKeys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!settingsKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        settingsKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setShortcuts(settingsKeys);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &MainWindow::quitConsole);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    m_welcomeAction = help->addAction(tr("&Welcome page"), this, &MainWindow::showWelcome);
    m_welcomeAction->setObjectName(QStringLiteral("showWelcome"));
    help->addAction(tr("&About Tollgate"), this, [this] {
        QMessageBox::about(this, tr("About Tollgate"),
                           tr("<b>Tollgate %1</b><p>An OpenAI-compatible LLM gateway with a native admin console.</p>")
                               .arg(QStringLiteral(TOLLGATE_VERSION)));
    });
}

void MainWindow::setupTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(this);
    QIcon icon = windowIcon();
    if (icon.isNull())
        icon = style()->standardIcon(QStyle::SP_ComputerIcon);
    m_tray->setIcon(icon);
    m_tray->setContextMenu(m_trayMenu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger) {
            setVisible(!isVisible());
            if (isVisible())
                activateWindow();
        }
    });
    m_tray->show();
    m_hidesToTray = true;
}

void MainWindow::setupTrayMenu()
{
    m_trayMenu = new QMenu(this);
    m_trayMenu->setObjectName(QStringLiteral("trayMenu"));
    m_trayState = m_trayMenu->addAction(QString());
    m_trayState->setObjectName(QStringLiteral("trayGatewayState"));
    m_trayState->setEnabled(false);
    m_trayAddress = m_trayMenu->addAction(QString());
    m_trayAddress->setObjectName(QStringLiteral("trayGatewayAddress"));
    m_trayAddress->setEnabled(false);
    QAction *copy = m_trayMenu->addAction(tr("&Copy gateway URL"), this,
                                          [this] { QApplication::clipboard()->setText(m_gatewayUrl); });
    copy->setObjectName(QStringLiteral("trayCopyUrl"));
    m_trayMenu->addSeparator();
    m_trayMenu->addAction(tr("&Show Tollgate"), this, &MainWindow::raiseConsole);
    QMenu *open = m_trayMenu->addMenu(tr("&Open"));
    open->setObjectName(QStringLiteral("trayOpenMenu"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        open->addAction(m_tabs->tabText(i), this, [this, i] {
            showConsole();
            m_tabs->setCurrentIndex(i);
            raiseConsole();
        });
    }
    m_trayMenu->addAction(tr("S&ettings…"), this, [this] {
        raiseConsole();
        openSettings();
    });
    m_trayMenu->addSeparator();
    m_trayMenu->addAction(tr("&Quit"), this, &MainWindow::quitConsole);
}

void MainWindow::setupTabShortcuts()
{
    // Ctrl+Tab and Ctrl+PgDn step through the tabs from anywhere in the window, wrapping around.
    const auto step = [this](int delta) {
        if (m_stack->currentWidget() != m_tabs || m_tabs->count() == 0)
            return;
        m_tabs->setCurrentIndex((m_tabs->currentIndex() + delta + m_tabs->count()) % m_tabs->count());
    };
    const QList<QPair<QKeySequence, int>> keys = {
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), 1},
        {QKeySequence(Qt::CTRL | Qt::Key_PageDown), 1},
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), -1},
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), -1},
        {QKeySequence(Qt::CTRL | Qt::Key_PageUp), -1},
    };
    for (const auto &[sequence, delta] : keys) {
        auto *shortcut = new QShortcut(sequence, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [step, delta = delta] { step(delta); });
    }
}

void MainWindow::updateTrayMenu(const QString &url, const QString &state)
{
    m_gatewayUrl = url;
    m_trayState->setText(tr("Gateway: %1").arg(state));
    m_trayAddress->setText(url);
}

QString MainWindow::closeToTrayKey()
{
    return QStringLiteral("console/closeToTray");
}

QString MainWindow::trayNoticeShownKey()
{
    return QStringLiteral("console/trayNoticeShown");
}

void MainWindow::raiseConsole()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::quitConsole()
{
    // Qt 6's quit() first closes the windows and gives up if one refuses: closing must not hide.
    m_quitting = true;
    close();
    QApplication::quit();
}

void MainWindow::restoreState()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("console/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1100, 720);
    const int tab = settings.value(QStringLiteral("console/lastTab"), int(ProvidersPage)).toInt();
    if (tab >= 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QStringLiteral("console/geometry"), saveGeometry());
    QSettings settings;
    if (m_hidesToTray && !m_quitting && settings.value(closeToTrayKey(), true).toBool()) {
        // The gateway keeps serving; the tray brings the window back. Said once, so it is not a surprise.
        hide();
        event->ignore();
        if (!settings.value(trayNoticeShownKey(), false).toBool()) {
            settings.setValue(trayNoticeShownKey(), true);
            const QString text = tr("Tollgate keeps serving the gateway in the tray. Use Quit in the tray menu "
                                    "to stop it; Settings can make closing the window quit instead.");
            if (m_tray)
                m_tray->showMessage(tr("Tollgate is still running"), text, QSystemTrayIcon::Information, 8000);
            Q_EMIT trayNoticeShown(text);
        }
        return;
    }
    if (m_hidesToTray && !m_quitting) {
        // Close-to-tray is off: closing the window quits, even though a tray exists.
        m_quitting = true;
        QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::createWelcomePage(const QString &key)
{
    m_welcome = new WelcomePage(SnippetBuilder::gatewayBaseUrl(m_ctx.gatewayAddress()), key, this);
    m_stack->addWidget(m_welcome);
    connect(m_welcome, &WelcomePage::continueRequested, this, &MainWindow::showConsole);
    connect(m_welcome, &WelcomePage::presetChosen, this, [this](const ProviderPreset &preset) {
        showConsole();
        m_tabs->setCurrentIndex(ProvidersPage);
        m_providers->addProviderFromPreset(preset);
    });
}

void MainWindow::showConsole()
{
    if (m_welcome && m_stack->currentWidget() == m_welcome) {
        // The one-time key stays on the (hidden) page until the user says it is saved.
        if (m_welcome->keyConfirmed())
            m_welcome->forgetKey();
        m_ctx.settings.setValue(Settings::FirstRunDone, true);
    }
    m_stack->setCurrentWidget(m_tabs);
}

ModelDetailDialog *MainWindow::openModelDetail(const QString &model, const QString &category)
{
    auto *dialog = new ModelDetailDialog(m_ctx, model, category, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ModelDetailDialog::openInPlaygroundRequested, m_models, &ModelsTab::openInPlaygroundRequested);
    connect(dialog, &ModelDetailDialog::openInPlaygroundRequested, dialog, &QDialog::accept);
    // The alias dialog works on the Models tab's selection: the row that was double-clicked.
    connect(dialog, &ModelDetailDialog::editAliasRequested, this, [this](const QString &name) {
        if (m_ctx.aliases.find(name))
            m_models->editAlias();
        else
            m_models->publishSelected();
    });
    dialog->show();
    return dialog;
}

void MainWindow::showWelcome()
{
    if (!m_welcome)
        createWelcomePage(QString());
    m_stack->setCurrentWidget(m_welcome);
    raiseConsole();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_ctx, this);
    if (dialog.exec() == QDialog::Accepted)
        updateGatewayStatus();
}

void MainWindow::setPlaygroundWidget(QWidget *widget)
{
    QWidget *old = m_tabs->widget(PlaygroundPage);
    const QString label = m_tabs->tabText(PlaygroundPage);
    m_tabs->removeTab(PlaygroundPage);
    m_tabs->insertTab(PlaygroundPage, widget, label);
    delete old;
}

QString MainWindow::statusText() const
{
    return QStringList{m_address->text(), m_state->text(), m_rpm->text()}.join(QLatin1String(" | "));
}

void MainWindow::updateGatewayStatus()
{
    const GatewayMonitor &monitor = m_ctx.monitor;
    const QString address = monitor.address().isEmpty() ? m_ctx.settings.listenAddress() : monitor.address();
    const QString url = SnippetBuilder::gatewayBaseUrl(address);
    m_address->setText(tr("Gateway %1").arg(url));
    QString state = stateText(monitor.state());
    if (!monitor.errorText().isEmpty() && monitor.state() != GatewayMonitor::State::Running)
        state = tr("%1: %2").arg(state, monitor.errorText());
    m_state->setText(state);
    m_state->setToolTip(monitor.errorText());
    m_rpm->setText(tr("%n request(s)/min", nullptr, monitor.requestsPerMinute()));
    updateTrayMenu(url, state);
    if (m_tray)
        m_tray->setToolTip(tr("Tollgate: %1 (%2)").arg(url, stateText(monitor.state())));
}
