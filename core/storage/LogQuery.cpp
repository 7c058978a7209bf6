#include "core/storage/LogQuery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

const char kColumns[] =
    "id, time_ms, key_id, key_name, route, model, provider, upstream_model, stream, status, error, "
    "latency_ms, ttfb_ms, prompt_tokens, completion_tokens, cached_tokens, cost_usd, client, source, "
    "cache_write_tokens, reasoning_tokens, cost_estimated, attempts";

// Ids scanned per step when walking backwards through a filtered log.
constexpr qint64 kWindow = 65536;

LogRecord fromQuery(const QSqlQuery &q, bool withBodies)
{
    LogRecord r;
    r.id = q.value(0).toLongLong();
    r.timeMs = q.value(1).toLongLong();
    r.keyId = q.value(2).toLongLong();
    r.keyName = q.value(3).toString();
    r.route = q.value(4).toString();
    r.model = q.value(5).toString();
    r.provider = q.value(6).toString();
    r.upstreamModel = q.value(7).toString();
    r.stream = q.value(8).toBool();
    r.status = q.value(9).toInt();
    r.error = q.value(10).toString();
    r.latencyMs = q.value(11).toDouble();
    r.ttfbMs = q.value(12).toDouble();
    r.promptTokens = q.value(13).toLongLong();
    r.completionTokens = q.value(14).toLongLong();
    r.cachedTokens = q.value(15).toLongLong();
    r.costUsd = q.value(16).toDouble();
    r.client = q.value(17).toString();
    r.source = q.value(18).toString();
    r.cacheWriteTokens = q.value(19).toLongLong();
    r.reasoningTokens = q.value(20).toLongLong();
    r.costEstimated = q.value(21).toBool();
    r.attempts = q.value(22).toString();
    if (withBodies) {
        r.requestBody = q.value(23).toByteArray();
        r.responseBody = q.value(24).toByteArray();
    }
    return r;
}

void setError(QString *error, const QSqlQuery &q)
{
    if (error)
        *error = q.lastError().text();
}

QString escapeLike(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('%'), QLatin1String("\\%"));
    text.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return text;
}

} // namespace

bool LogFilter::isEmpty() const
{
    return fromMs == 0 && toMs == 0 && model.isEmpty() && key.isEmpty() && provider.isEmpty() && status == Status::Any
           && text.isEmpty() && source.isEmpty();
}

LogQuery::LogQuery(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString LogQuery::predicate(const LogFilter &filter, QVariantList *binds)
{
    // Unary + keeps SQLite from choosing a secondary index and then sorting:
    // walking the rowid backwards is what makes keyset pages cheap.
    QStringList parts;
    if (filter.fromMs > 0) {
        parts << QStringLiteral("+time_ms >= ?");
        binds->append(filter.fromMs);
    }
    if (filter.toMs > 0) {
        parts << QStringLiteral("+time_ms < ?");
        binds->append(filter.toMs);
    }
    if (!filter.model.isEmpty()) {
        parts << QStringLiteral("+model = ?");
        binds->append(filter.model);
    }
    if (!filter.key.isEmpty()) {
        parts << QStringLiteral("+key_name = ?");
        binds->append(filter.key);
    }
    if (!filter.provider.isEmpty()) {
        parts << QStringLiteral("+provider = ?");
        binds->append(filter.provider);
    }
    if (!filter.source.isEmpty()) {
        parts << QStringLiteral("+source = ?");
        binds->append(filter.source);
    }
    switch (filter.status) {
    case LogFilter::Status::Any:
        break;
    case LogFilter::Status::Success:
        parts << QStringLiteral("status BETWEEN 200 AND 399");
        break;
    case LogFilter::Status::ClientError:
        parts << QStringLiteral("status BETWEEN 400 AND 499");
        break;
    case LogFilter::Status::ServerError:
        parts << QStringLiteral("status >= 500");
        break;
    case LogFilter::Status::AnyError:
        parts << QStringLiteral("(status >= 400 OR status < 100)");
        break;
    }
    if (!filter.text.isEmpty()) {
        parts << QStringLiteral(
            "(route LIKE ?1x ESCAPE '\\' OR model LIKE ?1x ESCAPE '\\' OR upstream_model LIKE ?1x ESCAPE '\\' "
            "OR provider LIKE ?1x ESCAPE '\\' OR key_name LIKE ?1x ESCAPE '\\' OR error LIKE ?1x ESCAPE '\\')");
        const QString pattern = QLatin1Char('%') + escapeLike(filter.text) + QLatin1Char('%');
        QString &last = parts.last();
        // Positional binds only: repeat the pattern once per column.
        int n = 0;
        while (last.contains(QLatin1String("?1x"))) {
            last.replace(last.indexOf(QLatin1String("?1x")), 3, QStringLiteral("?"));
            ++n;
        }
        for (int i = 0; i < n; ++i)
            binds->append(pattern);
    }
    return parts.isEmpty() ? QStringLiteral("1") : parts.join(QLatin1String(" AND "));
}

LogQuery::Page LogQuery::fetchPage(const LogFilter &filter, qint64 beforeId, int limit, const std::atomic_bool *cancel,
                                   QString *error) const
{
    Page page;
    QVariantList filterBinds;
    const QString where = predicate(filter, &filterBinds);
    qint64 cursor = beforeId > 0 ? beforeId : maxId() + 1;
    page.newestIdSeen = cursor - 1;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (filter.isEmpty()) {
        // No filter: one indexed range read, no windows needed.
        q.prepare(QStringLiteral("SELECT %1 FROM request_log WHERE id < ? ORDER BY id DESC LIMIT ?")
                      .arg(QLatin1String(kColumns)));
        q.addBindValue(cursor);
        q.addBindValue(limit);
        if (!q.exec()) {
            setError(error, q);
            page.exhausted = true;
            return page;
        }
        while (q.next())
            page.rows.append(fromQuery(q, false));
        page.exhausted = page.rows.size() < limit;
        page.nextBeforeId = page.rows.isEmpty() ? cursor : page.rows.last().id;
        return page;
    }

    q.prepare(QStringLiteral("SELECT %1 FROM request_log WHERE id < ? AND id >= ? AND %2 ORDER BY id DESC LIMIT ?")
                  .arg(QLatin1String(kColumns), where));
    while (page.rows.size() < limit && cursor > 1) {
        if (cancel && cancel->load())
            break;
        const qint64 low = qMax<qint64>(1, cursor - kWindow);
        const int want = limit - int(page.rows.size());
        q.addBindValue(cursor);
        q.addBindValue(low);
        for (const QVariant &v : filterBinds)
            q.addBindValue(v);
        q.addBindValue(want);
        if (!q.exec()) {
            setError(error, q);
            page.exhausted = true;
            return page;
        }
        int got = 0;
        qint64 lastId = 0;
        while (q.next()) {
            page.rows.append(fromQuery(q, false));
            lastId = page.rows.last().id;
            ++got;
        }
        q.finish();
        cursor = got == want ? lastId : low;
    }
    page.nextBeforeId = cursor;
    page.exhausted = cursor <= 1;
    return page;
}

QList<LogRecord> LogQuery::fetchNewer(const LogFilter &filter, qint64 afterId, int limit, QString *error) const
{
    QList<LogRecord> out;
    QVariantList binds;
    const QString where = predicate(filter, &binds);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM request_log WHERE id > ? AND %2 ORDER BY id ASC LIMIT ?")
                  .arg(QLatin1String(kColumns), where));
    q.addBindValue(afterId);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    q.addBindValue(limit);
    if (!q.exec()) {
        setError(error, q);
        return out;
    }
    while (q.next())
        out.append(fromQuery(q, false));
    return out;
}

std::optional<LogRecord> LogQuery::find(qint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1, request_body, response_body FROM request_log WHERE id = ?")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromQuery(q, true);
    return std::nullopt;
}

qint64 LogQuery::maxId() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT MAX(id) FROM request_log")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

bool LogQuery::forEach(const LogFilter &filter, const std::function<bool(const LogRecord &)> &visit,
                       const std::atomic_bool *cancel, QString *error) const
{
    qint64 before = 0;
    for (;;) {
        QString pageError;
        const Page page = fetchPage(filter, before, 1000, cancel, &pageError);
        if (!pageError.isEmpty()) {
            if (error)
                *error = pageError;
            return false;
        }
        for (const LogRecord &r : page.rows) {
            if (!visit(r))
                return true;
        }
        if (page.exhausted || (cancel && cancel->load()))
            return true;
        before = page.nextBeforeId;
    }
}
