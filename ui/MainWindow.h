#pragma once

#include "ui/ConsoleContext.h"

#include <QMainWindow>

class KeysTab;
class LogsTab;
class ModelDetailDialog;
class ModelsTab;
class ProvidersTab;
class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class QSystemTrayIcon;
class QTabWidget;
class UsageTab;
class WelcomePage;

// The console: a welcome page on first run, then the tabs; a status bar and
// tray icon that follow the gateway; window geometry and the last tab are
// remembered in QSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ConsoleContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    enum Tab { ProvidersPage, ModelsPage, KeysPage, PlaygroundPage, LogsPage, UsagePage };

    QTabWidget *tabs() const { return m_tabs; }
    WelcomePage *welcomePage() const { return m_welcome; }
    ProvidersTab *providersTab() const { return m_providers; }
    ModelsTab *modelsTab() const { return m_models; }
    KeysTab *keysTab() const { return m_keys; }
    LogsTab *logsTab() const { return m_logs; }
    UsageTab *usageTab() const { return m_usage; }
    QString statusText() const;

    // Replaces the Playground placeholder once the real tab exists.
    void setPlaygroundWidget(QWidget *widget);

    // Closing hides the window instead of quitting while a tray icon can bring it back
    // (and the user keeps "close to tray" on). Set from the tray; tests set it directly.
    void setHidesToTray(bool hides) { m_hidesToTray = hides; }
    bool hidesToTray() const { return m_hidesToTray; }
    // The tray's menu; built even where no tray exists, so it can be inspected.
    QMenu *trayMenu() const { return m_trayMenu; }
    QAction *settingsAction() const { return m_settingsAction; }
    QAction *welcomeAction() const { return m_welcomeAction; }
    // QSettings keys for the close-to-tray choice and the one-time notice about it.
    static QString closeToTrayKey();
    static QString trayNoticeShownKey();

public Q_SLOTS:
    void showConsole();
    // Shows, raises and activates the window (tray, a second `tollgate` start).
    void raiseConsole();
    // Back to the Welcome page (Help menu), with the first key while it is not confirmed saved.
    void showWelcome();
    // The detail page of a model or alias (double-click on the Models tab).
    ModelDetailDialog *openModelDetail(const QString &model, const QString &category);
    // Quits even while closing would hide to the tray (Quit, SIGTERM/SIGINT).
    void quitConsole();
    void openSettings();
    void updateGatewayStatus();

Q_SIGNALS:
    // Emitted the one time closing hides the window, with the text telling the user so.
    void trayNoticeShown(const QString &text);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupMenus();
    void setupTray();
    void setupTrayMenu();
    void createWelcomePage(const QString &key);
    void setupTabShortcuts();
    void updateTrayMenu(const QString &url, const QString &state);
    void restoreState();

    ConsoleContext &m_ctx;
    QStackedWidget *m_stack = nullptr;
    WelcomePage *m_welcome = nullptr;
    QTabWidget *m_tabs = nullptr;
    ProvidersTab *m_providers = nullptr;
    ModelsTab *m_models = nullptr;
    KeysTab *m_keys = nullptr;
    LogsTab *m_logs = nullptr;
    UsageTab *m_usage = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_rpm = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_trayMenu = nullptr;
    QAction *m_trayState = nullptr;
    QAction *m_trayAddress = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_welcomeAction = nullptr;
    QString m_gatewayUrl;
    bool m_hidesToTray = false;
    bool m_quitting = false;
};
