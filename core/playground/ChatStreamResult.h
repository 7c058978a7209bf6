#pragma once

#include "core/playground/ChatMetrics.h"

#include <QMetaType>
#include <QString>

// How a streamed chat answer ended.
struct ChatStreamResult
{
    enum class Error {
        None,
        Cancelled,    // stop() / cancel()
        Unauthorized, // 401: the console key is wrong or revoked
        Forbidden,    // 403: the key may not use this model
        NotFound,     // 404: no such model
        BadRequest,   // other 4xx
        RateLimited,  // 429 from the gateway or the provider
        Upstream,     // 5xx, or an error event inside the stream
        Timeout,      // no answer in time
        Unreachable,  // the gateway is not listening
        Broken,       // the connection or the stream broke mid-answer
    };

    Error error = Error::None;
    int httpStatus = 0;
    QString message; // readable, for the column; empty when ok
    QString text;    // everything that arrived, also when the answer failed midway
    QString finishReason;
    ChatMetrics metrics;

    bool ok() const { return error == Error::None; }
    static QString errorName(Error error);
};

Q_DECLARE_METATYPE(ChatStreamResult)
