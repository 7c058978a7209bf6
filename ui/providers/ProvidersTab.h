#pragma once

#include "ui/ConsoleContext.h"

#include <QWidget>

class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTableWidget;
struct ProviderPreset;

// Providers with their status, model count and last sync; add/edit/delete,
// "Sync now" and the selected provider's sync history.
class ProvidersTab final : public QWidget
{
    Q_OBJECT
public:
    explicit ProvidersTab(ConsoleContext &context, QWidget *parent = nullptr);

    enum Column {
        NameColumn,
        KindColumn,
        StatusColumn,
        ModelsColumn,
        LastSyncColumn,
        ErrorColumn,
        UrlColumn,
        ColumnCount
    };

    QTableView *view() const { return m_view; }
    qint64 selectedProviderId() const;

public Q_SLOTS:
    void reload();
    void addProvider();
    void addProviderFromPreset(const ProviderPreset &preset);
    void editSelected();
    void syncSelected();
    void deleteSelected();

private:
    void reloadHistory();
    void updateSyncProgress();
    void updateErrorBanner();

    ConsoleContext &m_ctx;
    QStandardItemModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QTableWidget *m_history = nullptr;
    QLabel *m_historyTitle = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_sync = nullptr;
    QPushButton *m_delete = nullptr;
    QProgressBar *m_progress = nullptr;
    QFrame *m_errorBanner = nullptr;
    QLabel *m_errorText = nullptr;
    QLabel *m_progressLabel = nullptr;
    QSet<qint64> m_syncing;
};
