#pragma once

#include "core/storage/LogFilter.h"
#include "core/storage/LogRecord.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <atomic>
#include <functional>
#include <optional>

// Reads request_log newest first with keyset pagination on id, so a page costs
// the same on row 10 as on row 1,000,000 and nothing ever counts the table.
// Scans walk the rowid downwards in bounded id windows: a filter that matches
// rarely still returns to the caller (and its cancel flag) regularly.
class LogQuery final
{
public:
    explicit LogQuery(QSqlDatabase db);

    struct Page
    {
        QList<LogRecord> rows;
        qint64 nextBeforeId = 0; // pass back as beforeId for the next page
        bool exhausted = false;  // nothing older matches
        qint64 newestIdSeen = 0; // highest id the scan considered: the live tail continues above it
    };

    // Rows with id < beforeId (0: from the newest), at most `limit`, without bodies.
    Page fetchPage(const LogFilter &filter, qint64 beforeId, int limit, const std::atomic_bool *cancel = nullptr,
                   QString *error = nullptr) const;
    // Rows with id > afterId, oldest first, at most `limit`, without bodies (live tail).
    QList<LogRecord> fetchNewer(const LogFilter &filter, qint64 afterId, int limit, QString *error = nullptr) const;
    // One row with its bodies.
    std::optional<LogRecord> find(qint64 id) const;
    qint64 maxId() const;

    // Every matching row newest first, bodies excluded; stops when `visit`
    // returns false. Returns false on a database error.
    bool forEach(const LogFilter &filter, const std::function<bool(const LogRecord &)> &visit,
                 const std::atomic_bool *cancel = nullptr, QString *error = nullptr) const;

    // "WHERE"-less predicate for `filter` ("1" when empty) plus its bind values.
    static QString predicate(const LogFilter &filter, QVariantList *binds);

private:
    QSqlDatabase m_db;
};
