#include "ui/logs/LogExportWorker.h"

#include "core/storage/Database.h"
#include "core/storage/LogRecordJson.h"

#include <QElapsedTimer>
#include <QSaveFile>

LogExportWorker::LogExportWorker(Database &db, LogFilter filter, QString path, Format format)
    : m_db(db)
    , m_filter(std::move(filter))
    , m_path(std::move(path))
    , m_format(format)
{
}

void LogExportWorker::run()
{
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        Q_EMIT finished(false, 0, tr("Cannot write %1: %2").arg(m_path, file.errorString()));
        return;
    }
    if (m_format == Format::Csv)
        file.write(LogRecordJson::csvHeader());
    const LogQuery query(m_db.connection());
    const qint64 top = query.maxId();
    qint64 rows = 0;
    QElapsedTimer sinceReport;
    sinceReport.start();
    QString error;
    const bool ok = query.forEach(
        m_filter,
        [&](const LogRecord &r) {
            file.write(m_format == Format::Csv ? LogRecordJson::toCsvRow(r) : LogRecordJson::toJsonLine(r));
            ++rows;
            if (sinceReport.elapsed() > 100) {
                sinceReport.restart();
                Q_EMIT progress(top > 0 ? int(100 * (top - r.id) / top) : 100, rows);
            }
            return !m_cancel.load();
        },
        &m_cancel, &error);
    m_db.closeThreadConnection();
    if (m_cancel.load()) {
        file.cancelWriting();
        Q_EMIT finished(false, rows, tr("Export cancelled."));
        return;
    }
    if (!ok || !file.commit()) {
        Q_EMIT finished(false, rows, ok ? tr("Cannot write %1: %2").arg(m_path, file.errorString()) : error);
        return;
    }
    Q_EMIT progress(100, rows);
    Q_EMIT finished(true, rows, QString());
}
