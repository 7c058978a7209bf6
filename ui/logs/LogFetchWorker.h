#pragma once

#include "core/storage/LogQuery.h"

#include <QObject>

#include <atomic>
#include <memory>

class Database;

// Runs LogQuery on its own thread with that thread's database connection, so
// a slow filter never freezes the console. Results come back as signals,
// tagged with the generation of the request.
class LogFetchWorker final : public QObject
{
    Q_OBJECT
public:
    explicit LogFetchWorker(Database &db);

    void fetchPage(quint64 generation, const LogFilter &filter, qint64 beforeId, int limit,
                   std::shared_ptr<std::atomic_bool> cancel);
    void fetchNewer(quint64 generation, const LogFilter &filter, qint64 afterId, int limit);

Q_SIGNALS:
    void pageReady(quint64 generation, const QList<LogRecord> &rows, qint64 nextBeforeId, bool exhausted,
                   qint64 newestIdSeen, const QString &error);
    void newerReady(quint64 generation, const QList<LogRecord> &rows);

private:
    Database &m_db;
};
