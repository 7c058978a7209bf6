#pragma once

#include <QSqlDatabase>
#include <QString>

// How one model (as clients call it) did over a window: read from request_log
// for the model detail page's Overview.
struct ModelStats
{
    qint64 calls = 0;
    qint64 errors = 0; // status >= 400
    double p50LatencyMs = 0;
    double p95LatencyMs = 0;
    double avgTtfbMs = 0;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double costUsd = 0;

    double errorRate() const { return calls > 0 ? double(errors) / double(calls) : 0; }

    // Requests for `model` at or after `sinceMs`.
    static ModelStats load(const QSqlDatabase &db, const QString &model, qint64 sinceMs, QString *error = nullptr);
};
