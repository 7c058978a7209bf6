#pragma once

#include "core/storage/LogQuery.h"

#include <QAbstractTableModel>

#include <atomic>
#include <memory>

class Database;
class LogFetchWorker;
class QThread;

// The request log as a lazily filled table, newest first. Pages of rows are
// fetched on a worker thread (keyset pagination on id: no COUNT(*), no
// OFFSET) when the view scrolls near the end; newer rows are prepended by
// pollNewer() for the live tail.
class LogTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        KeyColumn,
        RouteColumn,
        ModelColumn,
        ProviderColumn,
        StatusColumn,
        LatencyColumn,
        TokensColumn,
        CostColumn,
        ColumnCount
    };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit LogTableModel(Database &db, QObject *parent = nullptr);
    ~LogTableModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Drops every row and starts over with a new filter.
    void setFilter(const LogFilter &filter);
    LogFilter filter() const { return m_filter; }
    // Asks for rows newer than the newest one shown (live tail).
    void pollNewer();

    const LogRecord &record(int row) const { return m_rows.at(row); }
    bool isLoading() const { return m_loading; }
    bool isExhausted() const { return m_exhausted; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = rows; }
    int pagesFetched() const { return m_pagesFetched; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageLoaded(int rows); // after each page, with the rows it added
    void newerLoaded(int rows);
    void loadFailed(const QString &error);

private:
    void onPage(quint64 generation, const QList<LogRecord> &rows, qint64 nextBeforeId, bool exhausted,
                qint64 newestIdSeen, const QString &error);
    void onNewer(quint64 generation, const QList<LogRecord> &rows);
    void setLoading(bool loading);

    Database &m_db;
    QThread *m_thread = nullptr;
    LogFetchWorker *m_worker = nullptr;
    LogFilter m_filter;
    QList<LogRecord> m_rows;
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    qint64 m_nextBeforeId = 0;
    qint64 m_newestId = 0;
    bool m_exhausted = false;
    bool m_loading = false;
    bool m_polling = false;
    bool m_started = false;
    int m_pageSize = 200;
    int m_pagesFetched = 0;
};
