#pragma once

#include "core/storage/LogQuery.h"

#include <QObject>

#include <atomic>

class Database;

// Writes the filtered request log to CSV or JSONL on a worker thread,
// reporting progress as the share of the id range already walked.
class LogExportWorker final : public QObject
{
    Q_OBJECT
public:
    enum class Format { Csv, JsonLines };

    LogExportWorker(Database &db, LogFilter filter, QString path, Format format);

    void run(); // on the worker thread
    void cancel() { m_cancel.store(true); }

Q_SIGNALS:
    void progress(int percent, qint64 rows);
    void finished(bool ok, qint64 rows, const QString &error);

private:
    Database &m_db;
    LogFilter m_filter;
    QString m_path;
    Format m_format;
    std::atomic_bool m_cancel{false};
};
