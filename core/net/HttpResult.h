#pragma once

#include "core/net/HttpError.h"

#include <QString>

// How a transfer of HttpClient ended.
struct HttpResult
{
    HttpError error = HttpError::None;
    QString message; // readable, never contains request headers
    int status = 0;
    qint64 bytesReceived = 0;
    bool ok() const { return error == HttpError::None; }
};
