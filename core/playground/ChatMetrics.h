#pragma once

#include <QJsonObject>
#include <QMetaType>

// What one streamed answer cost in time, tokens and money.
struct ChatMetrics
{
    qint64 ttftMs = -1;  // time to the first content token; -1: none yet
    qint64 totalMs = -1; // start to end of stream; -1: still running
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 cachedTokens = 0;
    bool usageReported = false; // false: completionTokens is an estimate from the text
    double costUsd = 0;

    // Output tokens per second of generation (after the first token), 0 when unknown.
    double tokensPerSecond() const;

    QJsonObject toJson() const;
    static ChatMetrics fromJson(const QJsonObject &o);
};

Q_DECLARE_METATYPE(ChatMetrics)
