#pragma once

#include <QByteArray>
#include <QString>

// One gateway request, as the request log stores it.
struct LogRecord
{
    qint64 id = 0;
    qint64 timeMs = 0; // request start, ms since epoch UTC
    qint64 keyId = 0;
    QString keyName;
    QString route;
    QString model; // as requested
    QString provider;
    QString upstreamModel;
    bool stream = false;
    int status = 0;
    QString error;
    double latencyMs = 0;
    double ttfbMs = 0;
    qint64 promptTokens = 0;     // all input: uncached, cache reads and cache writes
    qint64 completionTokens = 0; // all output, reasoning included
    qint64 cachedTokens = 0;     // cache reads
    qint64 cacheWriteTokens = 0;
    qint64 reasoningTokens = 0;
    double costUsd = 0;
    bool costEstimated = false; // counted from relayed text: the upstream reported no (final) usage
    QString client;
    QString source = QStringLiteral("api"); // api | playground
    QString attempts;       // JSON list of {provider, model, status, error, ms}, one per try; empty when not routed
    QByteArray requestBody; // truncated at 64 KiB; empty when body logging is off
    QByteArray responseBody;
};
