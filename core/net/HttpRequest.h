#pragma once

#include "core/net/HttpHeaders.h"

#include <QByteArray>

// One outgoing request for HttpClient.
struct HttpRequest
{
    QByteArray method = "GET";
    QByteArray url;
    HttpHeaders headers;
    QByteArray body;
    int connectTimeoutMs = 10000;
    int firstByteTimeoutMs = 300000; // no response head by then: Timeout
    int totalTimeoutMs = 0;          // 0: none
    int readBufferBytes = 0;         // libcurl's read size (CURLOPT_BUFFERSIZE); 0: its default, 16 KiB
};
