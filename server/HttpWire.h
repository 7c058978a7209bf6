#pragma once

#include "core/net/HttpClient.h"

#include <QByteArray>
#include <QByteArrayView>

// HTTP/1.1 response framing written straight onto a client socket.
namespace HttpWire {

QByteArrayView reasonPhrase(int status);

// Status line and headers. contentLength < 0 means chunked transfer encoding.
QByteArray head(int status, QByteArrayView contentType, const HttpHeaders &extra, qint64 contentLength, bool close);
// A whole response with a body.
QByteArray whole(int status, QByteArrayView contentType, const HttpHeaders &extra, const QByteArray &body, bool close);
// One chunk of a chunked body, appended to `out`.
void appendChunk(QByteArray &out, const char *data, qsizetype size);
inline QByteArrayView lastChunk()
{
    return QByteArrayView("0\r\n\r\n");
}

} // namespace HttpWire
