#pragma once

#include "core/net/HttpClient.h"

#include <QByteArray>
#include <QString>

// What the gateway copied out of a QHttpServerRequest (which QHttpServer
// reuses for the next request on the connection).
struct InboundRequest
{
    QByteArray method; // "GET", "POST", ...
    QByteArray path;   // without the query
    QByteArray query;  // without '?'
    HttpHeaders headers;
    QByteArray body;
    QString client; // peer address
    bool loopback = true;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};
