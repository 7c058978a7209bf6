#pragma once

#include "ui/ConsoleContext.h"

#include <QMainWindow>

class KeysTab;
class LogsTab;
class ModelsTab;
class ProvidersTab;
class QLabel;
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

public Q_SLOTS:
    void showConsole();
    void openSettings();
    void updateGatewayStatus();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setupMenus();
    void setupTray();
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
    bool m_quitting = false;
};
