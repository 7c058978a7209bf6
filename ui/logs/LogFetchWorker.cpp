#include "ui/logs/LogFetchWorker.h"

#include "core/storage/Database.h"

LogFetchWorker::LogFetchWorker(Database &db)
    : m_db(db)
{
}

void LogFetchWorker::fetchPage(quint64 generation, const LogFilter &filter, qint64 beforeId, int limit,
                               std::shared_ptr<std::atomic_bool> cancel)
{
    if (cancel && cancel->load())
        return;
    QString error;
    const LogQuery::Page page = LogQuery(m_db.connection()).fetchPage(filter, beforeId, limit, cancel.get(), &error);
    if (cancel && cancel->load())
        return;
    Q_EMIT pageReady(generation, page.rows, page.nextBeforeId, page.exhausted, page.newestIdSeen, error);
}

void LogFetchWorker::fetchNewer(quint64 generation, const LogFilter &filter, qint64 afterId, int limit)
{
    Q_EMIT newerReady(generation, LogQuery(m_db.connection()).fetchNewer(filter, afterId, limit));
}
