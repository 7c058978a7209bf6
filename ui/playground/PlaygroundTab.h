#pragma once

#include "ui/ConsoleContext.h"

#include <QWidget>

class ChatStreamClient;
class ComparisonStore;
class HttpClient;
class PlaygroundColumn;
class PlaygroundSession;
class QCheckBox;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;
class QToolButton;

// The Playground: one prompt to up to six models side by side, streamed
// through the local gateway with the console's own key; follow-ups, keep
// column, saved comparisons and Markdown/JSON export.
class PlaygroundTab final : public QWidget
{
    Q_OBJECT
public:
    explicit PlaygroundTab(ConsoleContext &context, QWidget *parent = nullptr);
    ~PlaygroundTab() override;

    enum class ExportFormat { Markdown, Json };

    // Where the gateway really listens (the console may override the configured address).
    void setGatewayUrl(const QString &baseUrl);
    QString gatewayUrl() const { return m_gatewayUrl; }

    PlaygroundSession *session() const { return m_session; }
    ComparisonStore *store() const { return m_store; }
    int columnCount() const;
    PlaygroundColumn *column(int index) const;
    QPlainTextEdit *systemEdit() const { return m_system; }
    QPlainTextEdit *messageEdit() const { return m_message; }
    QTableWidget *historyTable() const { return m_history; }
    QCheckBox *historyToggle() const { return m_historyToggle; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopAllButton() const { return m_stopAll; }
    QPushButton *addColumnButton() const { return m_addColumn; }
    QCheckBox *sameParametersBox() const { return m_same; }
    QListWidget *savedList() const { return m_saved; }
    QToolButton *savedToggle() const { return m_savedToggle; }
    QStringList modelChoices() const { return m_modelChoices; }
    QString lastError() const { return m_lastError; }

public Q_SLOTS:
    // "Open in Playground": a fresh one-column session bound to `model`.
    void openModel(const QString &model);
    void addColumn(const QString &model = QString());
    // Runs the message as a new comparison, or as a follow-up when there is a conversation.
    bool send();
    bool newComparison();
    void stopAll();
    void refreshModels();
    // Saves the current comparison (a new row the first time, then updates); false with lastError().
    bool saveComparison(const QString &title = QString());
    bool openSaved(qint64 id);
    bool rerun();
    bool exportTo(const QString &path, ExportFormat format);

Q_SIGNALS:
    void modelsRefreshed();

private:
    void buildUi();
    void rebuildColumns();
    void refreshColumn(int index);
    void refreshMetrics();
    void refreshControls();
    void reloadSaved();
    void syncPromptToSession();
    void showPrompt();
    void setModelChoices(const QStringList &models);
    void loadModels();
    bool ensureEndpoint();
    void report(const QString &error);
    void exportInteractive(ExportFormat format);
    void deleteSelectedSaved();

    ConsoleContext &m_ctx;
    HttpClient *m_http = nullptr;
    ChatStreamClient *m_client = nullptr;
    PlaygroundSession *m_session = nullptr;
    ComparisonStore *m_store = nullptr;
    QString m_gatewayUrl;
    QString m_key;
    QStringList m_modelChoices;
    QString m_lastError;
    bool m_modelsRetried = false;
    QTimer *m_modelsTimer = nullptr;

    QPlainTextEdit *m_system = nullptr;
    QTableWidget *m_history = nullptr;
    QCheckBox *m_historyToggle = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stopAll = nullptr;
    QPushButton *m_addColumn = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_save = nullptr;
    QToolButton *m_export = nullptr;
    QCheckBox *m_same = nullptr;
    QLabel *m_notice = nullptr;
    QListWidget *m_saved = nullptr;
    QWidget *m_savedBox = nullptr;
    QToolButton *m_savedToggle = nullptr;
    QPushButton *m_openSaved = nullptr;
    QPushButton *m_rerunSaved = nullptr;
    QPushButton *m_deleteSaved = nullptr;
    QHBoxLayout *m_columnsLayout = nullptr;
    QList<PlaygroundColumn *> m_columns;
    QTimer *m_ticker = nullptr;   // live metrics while anything streams
    QTimer *m_renderer = nullptr; // coalesces Markdown re-rendering of streaming text
    QList<int> m_dirty;
};
