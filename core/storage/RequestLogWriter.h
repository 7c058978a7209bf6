#pragma once

#include "core/storage/LogRecord.h"

#include <QMutex>
#include <QObject>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class Database;
class QSqlDatabase;

// Writes request-log records to SQLite in batches on its own thread, so the
// request path only appends to a queue. A batch is written every flush
// interval (<= 1 s, so a crash loses at most that) or as soon as it is large;
// stop() writes everything that is left.
class RequestLogWriter final : public QObject
{
    Q_OBJECT
public:
    explicit RequestLogWriter(Database &db, QObject *parent = nullptr);
    ~RequestLogWriter() override;
    Q_DISABLE_COPY_MOVE(RequestLogWriter)

    void start(int flushIntervalMs = 250);
    // Retention, enforced in the background on the writer thread: rows older
    // than `days` go, then the oldest rows while the log holds more than `megabytes`.
    void setRetention(int days, int megabytes);
    // Runs one pruning pass now (tests); returns rows deleted.
    int pruneNow();
    // Flushes what is queued and joins the thread.
    void stop();

    // Thread-safe; never blocks on SQLite.
    void append(LogRecord record);
    // Blocks until everything appended so far is on disk (tests, shutdown).
    void flush();

    qint64 written() const { return m_written.load(); }
    int pending() const;

    static constexpr int kBodyLimit = 64 * 1024;
    static QByteArray truncateBody(const QByteArray &body);

    // Inserts `records` into request_log on `db`, inside the transaction the
    // caller holds (bodies cut to kBodyLimit, key_id NULL without a key).
    // `written` (optional) sees each record whose row went in, with its id;
    // a record that fails is logged and skipped. Returns the rows written.
    static int insertRecords(const QSqlDatabase &db, const std::vector<LogRecord> &records,
                             const std::function<void(const LogRecord &, qint64 id)> &written = {});

Q_SIGNALS:
    // Emitted from the writer thread after each batch; `lastId` is the newest row id.
    void batchWritten(qint64 lastId, int count);

private:
    void run();
    bool writeBatch(std::vector<LogRecord> &batch);
    int prune();

    Database &m_db;
    std::unique_ptr<QThread> m_thread;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_drained;
    std::vector<LogRecord> m_queue;
    bool m_stopping = false;
    bool m_running = false;
    quint64 m_appended = 0;
    quint64 m_done = 0;
    int m_intervalMs = 250;
    std::atomic<int> m_retentionDays{30};
    std::atomic<int> m_retentionMb{1024};
    qint64 m_lastPruneMs = 0;
    std::atomic<qint64> m_written{0};
};
