#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

// Splits a Server-Sent Events byte stream into whole events, whatever the
// chunk boundaries (an event may arrive split across many reads, several may
// arrive in one). Events end with a blank line (LF LF or CRLF CRLF).
class SseParser final
{
public:
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
    void clear() { m_buffer.clear(); }

private:
    QByteArray m_buffer;
};
