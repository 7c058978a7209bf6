#include "ui/models/ModelStats.h"

#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace {

// The latency at quantile q (nearest rank) of the model's requests in the window.
double latencyAt(const QSqlDatabase &db, const QString &model, qint64 sinceMs, qint64 count, double q)
{
    if (count <= 0)
        return 0;
    const qint64 rank = std::max<qint64>(0, qint64(std::ceil(q * double(count))) - 1);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT latency_ms FROM request_log WHERE model = ? AND time_ms >= ? "
                                 "ORDER BY latency_ms LIMIT 1 OFFSET ?"));
    query.addBindValue(model);
    query.addBindValue(sinceMs);
    query.addBindValue(rank);
    return query.exec() && query.next() ? query.value(0).toDouble() : 0;
}

} // namespace

ModelStats ModelStats::load(const QSqlDatabase &db, const QString &model, qint64 sinceMs, QString *error)
{
    ModelStats s;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(status >= 400), 0), COALESCE(AVG(ttfb_ms), 0), "
                             "COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0), "
                             "COALESCE(SUM(cost_usd), 0) FROM request_log WHERE model = ? AND time_ms >= ?"));
    q.addBindValue(model);
    q.addBindValue(sinceMs);
    if (!q.exec() || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return s;
    }
    s.calls = q.value(0).toLongLong();
    s.errors = q.value(1).toLongLong();
    s.avgTtfbMs = q.value(2).toDouble();
    s.promptTokens = q.value(3).toLongLong();
    s.completionTokens = q.value(4).toLongLong();
    s.costUsd = q.value(5).toDouble();
    s.p50LatencyMs = latencyAt(db, model, sinceMs, s.calls, 0.5);
    s.p95LatencyMs = latencyAt(db, model, sinceMs, s.calls, 0.95);
    return s;
}
