#include "core/net/SseParser.h"

#include <cstring>

namespace {

// Position just past the blank line ending the first event in `buf`, searching
// from `from`, or -1. Adds the bytes it looked at to *scanned.
qsizetype eventEnd(const QByteArray &buf, qsizetype from, qint64 *scanned)
{
    const char *d = buf.constData();
    const qsizetype n = buf.size();
    qsizetype i = from;
    while (i + 1 < n) {
        const void *lf = std::memchr(d + i, '\n', size_t(n - 1 - i));
        if (!lf) {
            i = n - 1;
            break;
        }
        i = static_cast<const char *>(lf) - d;
        if (d[i + 1] == '\n') {
            *scanned += i + 2 - from;
            return i + 2;
        }
        if (d[i + 1] == '\r' && i + 2 < n && d[i + 2] == '\n') {
            *scanned += i + 3 - from;
            return i + 3;
        }
        ++i;
    }
    *scanned += qMax<qsizetype>(0, i - from);
    return -1;
}

void parseFields(QByteArrayView raw, SseParser::Event &event)
{
    qsizetype start = 0;
    while (start < raw.size()) {
        qsizetype end = raw.indexOf('\n', start);
        if (end < 0)
            end = raw.size();
        QByteArrayView line = raw.sliced(start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        start = end + 1;
        if (line.isEmpty() || line.startsWith(':'))
            continue;
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView field = colon < 0 ? line : line.first(colon);
        QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
        if (field == "data") {
            if (!event.data.isNull())
                event.data.append('\n');
            event.data.append(value.data(), value.size());
        } else if (field == "event") {
            event.name = value;
        }
    }
}

} // namespace

void SseParser::feed(QByteArrayView bytes, const std::function<void(const Event &)> &onEvent)
{
    if (m_overflowed)
        return;
    m_buffer.append(bytes.data(), bytes.size());
    qsizetype begin = 0;
    for (;;) {
        // An event's blank line may start with the previous event's last '\n'.
        const qsizetype end = eventEnd(m_buffer, qMax(begin, m_scanFrom), &m_scanned);
        if (end < 0)
            break;
        if (m_maxEventBytes > 0 && end - begin > m_maxEventBytes) {
            overflow();
            return;
        }
        Event event;
        event.raw = QByteArrayView(m_buffer).sliced(begin, end - begin);
        parseFields(event.raw, event);
        onEvent(event);
        begin = end;
        m_scanFrom = end;
    }
    const qsizetype unfinished = m_buffer.size() - begin;
    if (m_maxEventBytes > 0 && unfinished > m_maxEventBytes) {
        overflow();
        return;
    }
    // Everything before the last two bytes is known not to end the event (a
    // blank line is at most three bytes: '\n' '\r' '\n').
    m_scanFrom = qMax(begin, m_buffer.size() - 2) - begin;
    if (begin > 0) {
        m_moved += unfinished;
        m_buffer.remove(0, begin);
    }
}

void SseParser::clear()
{
    m_buffer.clear();
    m_scanFrom = 0;
    m_overflowed = false;
}

void SseParser::overflow()
{
    m_overflowed = true;
    m_buffer = QByteArray(); // releases the memory, not just the size
    m_scanFrom = 0;
}
