#pragma once

#include "core/net/HttpHeaders.h"
#include "server/ErrorReply.h"

#include <QByteArray>
#include <QString>

// One request head as the client sent it, checked and understood.
struct WireRequest
{
    QByteArray method;
    QByteArray target;
    int minorVersion = 1; // HTTP/1.<minor>
    HttpHeaders headers;  // in order, names as spelled
    qint64 contentLength = -1;
    bool chunked = false;
    bool keepAlive = true; // false: close the connection after the answer
    bool expectContinue = false;
    QByteArray host;
    WireProtocol protocol = WireProtocol::OpenAI; // envelope of errors made before routing
};

struct HttpRequestLimits
{
    int headerBytes = 64 * 1024; // request line, fields and the blank line
    qint64 bodyBytes = qint64(32) * 1024 * 1024;
    int maxHeaders = 1024; // well past the 100 QHttpServer 6.4 keeps
};

// A serial HTTP/1.1 request reader: finds where the request at the front of
// a connection's buffer ends, by RFC 9112 rules and nothing looser, so that
// every request boundary the gateway acts on is one no other parser would
// draw differently (no request smuggling). Incremental: bytes already scanned
// are not scanned again when more arrive. Pure; no I/O.
class HttpRequestReader
{
public:
    using Limits = HttpRequestLimits;
    enum class State { NeedMore, Complete, Failed };

    explicit HttpRequestReader(const Limits &limits = Limits());

    // Scans the request at the front of `buf`, which only ever grows between
    // calls until reset().
    State scan(const QByteArray &buf);
    void reset();

    bool headComplete() const { return m_headEnd >= 0; }
    // Valid once headComplete().
    const WireRequest &request() const { return m_request; }
    WireRequest takeRequest() { return std::move(m_request); }
    // Complete: how many bytes of `buf` the request takes (leading blank lines included).
    qsizetype frameSize() const { return m_frameEnd; }
    qsizetype bodyStart() const { return m_headEnd; }
    // Complete and chunked: the decoded body.
    QByteArray takeDecodedBody() { return std::move(m_decoded); }

    // Failed: what to answer.
    GatewayError error() const { return m_error; }
    QString errorMessage() const { return m_message; }

    // The envelope for an error about the request at the front of `buf`,
    // even when its request line is not complete yet.
    static WireProtocol protocolHint(const QByteArray &buf);

private:
    State fail(GatewayError error, const QString &message);
    bool parseRequestLine(const char *begin, const char *end);
    State parseHead(const QByteArray &buf);
    State scanChunked(const QByteArray &buf);

    Limits m_limits;
    WireRequest m_request;
    qsizetype m_start = 0;      // first byte of the request line (after blank lines)
    qsizetype m_searchFrom = 0; // where the search for the end of the head resumes
    bool m_lineChecked = false; // the request line was checked on its own already
    qsizetype m_headEnd = -1;   // first body byte
    qsizetype m_frameEnd = -1;

    enum class Chunk { Size, Data, DataEnd, Trailer };
    Chunk m_chunk = Chunk::Size;
    qsizetype m_pos = 0;    // chunked: next byte to read
    qint64 m_remaining = 0; // chunked: bytes left of the current chunk
    qsizetype m_trailerBytes = 0;
    QByteArray m_decoded;

    GatewayError m_error = GatewayError::BadRequest;
    QString m_message;
};
