#include "core/storage/RequestLogWriter.h"

#include "core/ledger/SpendLedger.h"
#include "core/storage/Database.h"
#include "core/storage/SqlText.h"
#include "core/time/Clock.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcLogWriter, "tollgate.logwriter")

namespace {
constexpr size_t kBatchWakeSize = 2000;
}

RequestLogWriter::RequestLogWriter(Database &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
}

RequestLogWriter::~RequestLogWriter()
{
    stop();
}

QByteArray RequestLogWriter::truncateBody(const QByteArray &body)
{
    return body.size() > kBodyLimit ? body.left(kBodyLimit) : body;
}

void RequestLogWriter::start(int flushIntervalMs)
{
    QMutexLocker lock(&m_mutex);
    if (m_running)
        return;
    m_intervalMs = qBound(10, flushIntervalMs, 1000);
    // First background pruning ten seconds after start, then hourly.
    m_lastPruneMs = Clock::nowMs() - 3600 * 1000 + 10000;
    m_stopping = false;
    m_running = true;
    lock.unlock();
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("tollgate-log-writer"));
    m_thread->start();
}

void RequestLogWriter::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_running)
            return;
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
    QMutexLocker lock(&m_mutex);
    m_running = false;
}

void RequestLogWriter::setRetention(int days, int megabytes)
{
    m_retentionDays = days;
    m_retentionMb = megabytes;
}

int RequestLogWriter::pruneNow()
{
    return prune();
}

int RequestLogWriter::prune()
{
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    int deleted = 0;
    const int days = m_retentionDays.load();
    if (days > 0) {
        const qint64 cutoff = Clock::nowMs() - qint64(days) * 86400000;
        // Small steps, so gateway writes and console reads are never held up for long.
        for (int step = 0; step < 1000; ++step) {
            q.prepare(QStringLiteral("DELETE FROM request_log WHERE id IN "
                                     "(SELECT id FROM request_log WHERE time_ms < ? ORDER BY id LIMIT 5000)"));
            q.addBindValue(cutoff);
            if (!q.exec() || q.numRowsAffected() <= 0)
                break;
            deleted += q.numRowsAffected();
        }
    }
    const qint64 limitBytes = qint64(m_retentionMb.load()) * 1024 * 1024;
    if (limitBytes > 0) {
        auto logBytes = [&]() -> qint64 {
            // Pages in use (freelist excluded): what the rows really take.
            if (q.exec(QStringLiteral("SELECT (SELECT page_count FROM pragma_page_count()) - "
                                      "(SELECT freelist_count FROM pragma_freelist_count()), "
                                      "(SELECT page_size FROM pragma_page_size())"))
                && q.next())
                return q.value(0).toLongLong() * q.value(1).toLongLong();
            return 0;
        };
        for (int step = 0; step < 1000 && logBytes() > limitBytes; ++step) {
            q.finish();
            // Oldest first, a few hundred rows at a time, re-measuring in between.
            if (!q.exec(QStringLiteral("DELETE FROM request_log WHERE id IN "
                                       "(SELECT id FROM request_log ORDER BY id LIMIT 200)"))
                || q.numRowsAffected() <= 0)
                break;
            deleted += q.numRowsAffected();
        }
    }
    q.finish();
    if (deleted > 0)
        qCInfo(lcLogWriter) << "retention removed" << deleted << "old request-log rows";
    return deleted;
}

void RequestLogWriter::append(LogRecord record)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(std::move(record));
    ++m_appended;
    if (m_queue.size() >= kBatchWakeSize)
        m_wake.wakeOne();
}

void RequestLogWriter::flush()
{
    QMutexLocker lock(&m_mutex);
    if (!m_running)
        return;
    const quint64 target = m_appended;
    m_wake.wakeOne();
    while (m_done < target && m_running)
        m_drained.wait(&m_mutex, 100);
}

int RequestLogWriter::pending() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

void RequestLogWriter::run()
{
    std::vector<LogRecord> batch;
    for (;;) {
        bool stopping = false;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex, m_intervalMs);
            batch.swap(m_queue);
            stopping = m_stopping;
        }
        if (!batch.empty()) {
            const size_t n = batch.size();
            writeBatch(batch);
            batch.clear();
            QMutexLocker lock(&m_mutex);
            m_done += n;
            m_drained.wakeAll();
        }
        if (stopping) {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty())
                break;
            continue;
        }
        const qint64 now = Clock::nowMs();
        if (now - m_lastPruneMs > 3600 * 1000) {
            m_lastPruneMs = now;
            prune();
        }
    }
    m_db.closeThreadConnection();
}

int RequestLogWriter::insertRecords(const QSqlDatabase &db, const std::vector<LogRecord> &records,
                                    const std::function<void(const LogRecord &, qint64 id)> &written)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO request_log (time_ms, key_id, key_name, route, model, provider, upstream_model, stream, status, "
        "error, latency_ms, ttfb_ms, prompt_tokens, completion_tokens, cached_tokens, cost_usd, client, source, "
        "request_body, response_body, cache_write_tokens, reasoning_tokens, cost_estimated, attempts) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    int count = 0;
    for (const LogRecord &r : records) {
        q.addBindValue(r.timeMs);
        q.addBindValue(r.keyId > 0 ? QVariant(r.keyId) : QVariant(QMetaType::fromType<qint64>()));
        q.addBindValue(sqlText(r.keyName));
        q.addBindValue(sqlText(r.route));
        q.addBindValue(sqlText(r.model));
        q.addBindValue(sqlText(r.provider));
        q.addBindValue(sqlText(r.upstreamModel));
        q.addBindValue(r.stream ? 1 : 0);
        q.addBindValue(r.status);
        q.addBindValue(sqlText(r.error));
        q.addBindValue(r.latencyMs);
        q.addBindValue(r.ttfbMs);
        q.addBindValue(r.promptTokens);
        q.addBindValue(r.completionTokens);
        q.addBindValue(r.cachedTokens);
        q.addBindValue(r.costUsd);
        q.addBindValue(sqlText(r.client));
        q.addBindValue(sqlText(r.source));
        q.addBindValue(r.requestBody.isNull() ? QVariant(QMetaType::fromType<QString>())
                                              : QVariant(QString::fromUtf8(truncateBody(r.requestBody))));
        q.addBindValue(r.responseBody.isNull() ? QVariant(QMetaType::fromType<QString>())
                                               : QVariant(QString::fromUtf8(truncateBody(r.responseBody))));
        q.addBindValue(r.cacheWriteTokens);
        q.addBindValue(r.reasoningTokens);
        q.addBindValue(r.costEstimated ? 1 : 0);
        q.addBindValue(sqlText(r.attempts));
        if (!q.exec()) {
            qCWarning(lcLogWriter) << "cannot write a log record:" << q.lastError().text();
            continue;
        }
        ++count;
        if (written)
            written(r, q.lastInsertId().toLongLong());
    }
    q.finish();
    return count;
}

bool RequestLogWriter::writeBatch(std::vector<LogRecord> &batch)
{
    QSqlDatabase db = m_db.connection();
    if (!db.transaction()) {
        qCWarning(lcLogWriter) << "cannot begin a log batch:" << db.lastError().text();
        return false;
    }
    struct KeyUse
    {
        qint64 count = 0;
        qint64 lastMs = 0;
    };
    QHash<qint64, KeyUse> keyUse;
    qint64 lastId = 0;
    insertRecords(db, batch, [&](const LogRecord &r, qint64 id) {
        lastId = id;
        if (r.keyId > 0) {
            KeyUse &use = keyUse[r.keyId];
            ++use.count;
            use.lastMs = qMax(use.lastMs, r.timeMs);
        }
    });
    QSqlQuery k(db);
    k.prepare(QStringLiteral("UPDATE gateway_keys SET requests = requests + ?, last_used = ? WHERE id = ?"));
    for (auto it = keyUse.constBegin(); it != keyUse.constEnd(); ++it) {
        k.addBindValue(it->count);
        k.addBindValue(Clock::msToIso(it->lastMs));
        k.addBindValue(it.key());
        k.exec();
    }
    k.finish();
    // Spend goes to the ledger in the same transaction as the rows it comes from.
    SpendLedger::addBatch(db, batch);
    if (!db.commit()) {
        qCWarning(lcLogWriter) << "cannot commit a log batch:" << db.lastError().text();
        db.rollback();
        return false;
    }
    m_written += qint64(batch.size());
    Q_EMIT batchWritten(lastId, int(batch.size()));
    return true;
}
