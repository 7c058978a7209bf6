#pragma once

#include "core/storage/LogQuery.h"
#include "core/storage/LogRecord.h"
#include "ui/ConsoleContext.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class LogDetailPane;
class LogExportWorker;
class LogTableModel;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QMenu;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

// The request log: filters, a lazily loading table with a live tail, the
// selected request's details, and CSV/JSONL export of what the filter shows.
class LogsTab final : public QWidget
{
    Q_OBJECT
public:
    explicit LogsTab(ConsoleContext &context, QWidget *parent = nullptr);
    ~LogsTab() override;

    enum TimeRange { Last15Minutes, LastHour, LastDay, LastWeek, LastMonth, AllTime, CustomRange };

    LogTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    LogDetailPane *detail() const { return m_detail; }
    LogFilter currentFilter() const;

    // Background export; finished via exportFinished.
    bool startExport(const QString &path, bool jsonLines);

public Q_SLOTS:
    void applyFilters();
    void refreshFilterChoices();

    // The row's context menu (Copy as curl, Open in Playground, Copy request/response);
    // the caller owns it. Null for no row.
    QMenu *contextMenuFor(const QModelIndex &index);

Q_SIGNALS:
    void exportFinished(bool ok, qint64 rows, const QString &error);
    void openInPlaygroundRequested(const QString &model);

private:
    void showSelected();
    void showContextMenu(const QPoint &pos);
    std::optional<LogRecord> recordAt(const QModelIndex &index) const;
    void updateStatus();
    void chooseExport(bool jsonLines);

    ConsoleContext &m_ctx;
    LogTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    LogDetailPane *m_detail = nullptr;
    QComboBox *m_range = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QComboBox *m_modelFilter = nullptr;
    QComboBox *m_keyFilter = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QComboBox *m_sourceFilter = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_live = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_busy = nullptr;
    QProgressBar *m_exportProgress = nullptr;
    QPushButton *m_exportCancel = nullptr;
    QPushButton *m_export = nullptr;
    QTimer *m_textDebounce = nullptr;
    QTimer *m_tail = nullptr;
    QThread *m_exportThread = nullptr;
    LogExportWorker *m_exportWorker = nullptr;
};
