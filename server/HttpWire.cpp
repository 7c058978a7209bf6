#include "server/HttpWire.h"

QByteArrayView HttpWire::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 402:
        return "Payment Required";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 529:
        return "Overloaded";
    default:
        return status < 400 ? QByteArrayView("OK") : QByteArrayView("Error");
    }
}

QByteArray HttpWire::head(int status, QByteArrayView contentType, const HttpHeaders &extra, qint64 contentLength,
                          bool close)
{
    QByteArray out;
    out.reserve(160 + extra.size() * 48);
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
    if (!contentType.isEmpty()) {
        out += "Content-Type: ";
        out += contentType;
        out += "\r\n";
    }
    for (const auto &h : extra) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    if (contentLength >= 0) {
        out += "Content-Length: ";
        out += QByteArray::number(contentLength);
        out += "\r\n";
    } else {
        out += "Transfer-Encoding: chunked\r\n";
    }
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    return out;
}

QByteArray HttpWire::whole(int status, QByteArrayView contentType, const HttpHeaders &extra, const QByteArray &body,
                           bool close)
{
    QByteArray out = head(status, contentType, extra, body.size(), close);
    out += body;
    return out;
}

void HttpWire::appendChunk(QByteArray &out, const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    out += QByteArray::number(qulonglong(size), 16);
    out += "\r\n";
    out.append(data, size);
    out += "\r\n";
}
