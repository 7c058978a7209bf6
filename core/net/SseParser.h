#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

// Splits a Server-Sent Events byte stream into whole events, whatever the
// chunk boundaries (an event may arrive split across many reads, several may
// arrive in one). Events end with a blank line (LF LF or CRLF CRLF).
//
// Linear in the bytes fed: the search for an event's end resumes where the
// last read stopped, and buffered bytes move only when an event completes.
// One event may hold at most maxEventBytes(); a larger one stops the parser
// (overflowed()), drops what it buffered and ignores every later byte, so a
// hostile or broken upstream cannot make it buffer without bound.
class SseParser final
{
public:
    static constexpr qsizetype kDefaultMaxEventBytes = qsizetype(16) * 1024 * 1024;

    struct Event
    {
        QByteArrayView raw;  // the whole event including its terminating blank line
        QByteArrayView name; // "event:" field, empty if none
        QByteArray data;     // "data:" lines joined with '\n'
    };

    // Calls onEvent for every event completed by these bytes.
    void feed(QByteArrayView bytes, const std::function<void(const Event &)> &onEvent);
    // Bytes of an unfinished event.
    QByteArray pending() const { return m_buffer; }
    void clear();

    // The largest event, blank line included; 0: no limit.
    void setMaxEventBytes(qsizetype bytes) { m_maxEventBytes = bytes; }
    qsizetype maxEventBytes() const { return m_maxEventBytes; }
    // An event grew past maxEventBytes(): the stream cannot be followed any further.
    bool overflowed() const { return m_overflowed; }

    // Work done so far, so tests can prove it linear without timing it: bytes
    // looked at while searching for event ends, and bytes moved inside the buffer.
    qint64 bytesScanned() const { return m_scanned; }
    qint64 bytesMoved() const { return m_moved; }

private:
    void overflow();

    QByteArray m_buffer;
    qsizetype m_scanFrom = 0; // where the search for the unfinished event's end resumes
    qsizetype m_maxEventBytes = kDefaultMaxEventBytes;
    bool m_overflowed = false;
    qint64 m_scanned = 0;
    qint64 m_moved = 0;
};
