#include "ui/logs/LogTableModel.h"

#include "core/storage/Database.h"
#include "core/time/Clock.h"
#include "ui/StatusBadgeDelegate.h"
#include "ui/logs/LogFetchWorker.h"
#include "ui/logs/LogText.h"

#include <QDateTime>
#include <QLocale>
#include <QThread>

LogTableModel::LogTableModel(Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("log-fetch"));
    m_worker = new LogFetchWorker(db);
    m_worker->moveToThread(m_thread);
    // Runs on the worker thread just before it ends: Qt Sql connections are per thread.
    connect(
        m_thread, &QThread::finished, m_worker, [&db] { db.closeThreadConnection(); }, Qt::DirectConnection);
    connect(m_worker, &LogFetchWorker::pageReady, this, &LogTableModel::onPage);
    connect(m_worker, &LogFetchWorker::newerReady, this, &LogTableModel::onNewer);
    m_thread->start();
}

LogTableModel::~LogTableModel()
{
    m_cancel->store(true);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KeyColumn:
        return tr("Key");
    case RouteColumn:
        return tr("Route");
    case ModelColumn:
        return tr("Model");
    case ProviderColumn:
        return tr("Provider");
    case StatusColumn:
        return tr("Status");
    case LatencyColumn:
        return tr("Latency");
    case TokensColumn:
        return tr("Tokens in/out");
    case CostColumn:
        return tr("Cost");
    }
    return {};
}

QVariant LogTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const LogRecord &r = m_rows.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role == StatusBadgeDelegate::StatusRole && index.column() == StatusColumn)
        return QString::number(r.status);
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == LatencyColumn || index.column() == TokensColumn || index.column() == CostColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == StatusColumn && !r.error.isEmpty())
            return LogText::tidyError(r.error);
        if (index.column() == ModelColumn && !r.upstreamModel.isEmpty())
            return tr("Upstream: %1").arg(r.upstreamModel);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(r.timeMs).toLocalTime().toString(
            QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case KeyColumn:
        return LogText::keyLabel(r);
    case RouteColumn:
        return r.stream ? tr("%1 (stream)").arg(r.route) : r.route;
    case ModelColumn:
        return r.model;
    case ProviderColumn:
        return r.provider;
    case StatusColumn:
        return QString::number(r.status);
    case LatencyColumn:
        return tr("%1 ms").arg(QLocale().toString(r.latencyMs, 'f', 0));
    case TokensColumn:
        return QStringLiteral("%1 / %2").arg(r.promptTokens).arg(r.completionTokens);
    case CostColumn:
        return QStringLiteral("$%1").arg(QLocale().toString(r.costUsd, 'f', 5));
    }
    return {};
}

bool LogTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void LogTableModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted || m_loading)
        return;
    if (!m_started)
        m_started = true;
    setLoading(true);
    const quint64 generation = m_generation;
    const LogFilter filter = m_filter;
    const qint64 before = m_nextBeforeId;
    const int limit = m_pageSize;
    auto cancel = m_cancel;
    LogFetchWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [=] { worker->fetchPage(generation, filter, before, limit, cancel); }, Qt::QueuedConnection);
}

void LogTableModel::setFilter(const LogFilter &filter)
{
    m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    ++m_generation;
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    m_nextBeforeId = 0;
    m_newestId = 0;
    m_exhausted = false;
    m_loading = false;
    m_polling = false;
    m_pagesFetched = 0;
    endResetModel();
    fetchMore(QModelIndex());
}

void LogTableModel::pollNewer()
{
    // Until the first page is in, the first page is the tail.
    if (m_polling || m_pagesFetched == 0 || (m_filter.toMs > 0 && m_filter.toMs <= Clock::nowMs()))
        return;
    m_polling = true;
    const quint64 generation = m_generation;
    const LogFilter filter = m_filter;
    const qint64 after = m_newestId;
    LogFetchWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [=] { worker->fetchNewer(generation, filter, after, 1000); }, Qt::QueuedConnection);
}

void LogTableModel::onPage(quint64 generation, const QList<LogRecord> &rows, qint64 nextBeforeId, bool exhausted,
                           qint64 newestIdSeen, const QString &error)
{
    if (generation != m_generation)
        return;
    ++m_pagesFetched;
    if (!rows.isEmpty()) {
        beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
        m_rows.append(rows);
        endInsertRows();
    }
    if (m_pagesFetched == 1)
        m_newestId = newestIdSeen;
    m_nextBeforeId = nextBeforeId;
    m_exhausted = exhausted;
    setLoading(false);
    if (!error.isEmpty())
        Q_EMIT loadFailed(error);
    Q_EMIT pageLoaded(int(rows.size()));
}

void LogTableModel::onNewer(quint64 generation, const QList<LogRecord> &rows)
{
    if (generation != m_generation)
        return;
    m_polling = false;
    if (rows.isEmpty())
        return;
    // rows arrive oldest first; the table shows newest first.
    beginInsertRows(QModelIndex(), 0, int(rows.size() - 1));
    QList<LogRecord> merged;
    merged.reserve(rows.size() + m_rows.size());
    for (auto it = rows.crbegin(); it != rows.crend(); ++it)
        merged.append(*it);
    merged.append(m_rows);
    m_rows.swap(merged);
    endInsertRows();
    m_newestId = qMax(m_newestId, rows.last().id);
    Q_EMIT newerLoaded(int(rows.size()));
}

void LogTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}
