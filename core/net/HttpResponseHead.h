#pragma once

#include "core/net/HttpHeaders.h"

#include <QByteArray>

// Status line and header fields of a response, before any body bytes.
struct HttpResponseHead
{
    int status = 0;
    HttpHeaders headers;                             // names as received
    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
};
