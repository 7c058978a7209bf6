#include "core/net/SseParser.h"

namespace {

// Position just past the blank line ending the first event in `buf` from `from`, or -1.
qsizetype eventEnd(const QByteArray &buf, qsizetype from)
{
    for (qsizetype i = from; i + 1 < buf.size(); ++i) {
        if (buf[i] != '\n')
            continue;
        if (buf[i + 1] == '\n')
            return i + 2;
        if (buf[i + 1] == '\r' && i + 2 < buf.size() && buf[i + 2] == '\n')
            return i + 3;
    }
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
    m_buffer.append(bytes.data(), bytes.size());
    qsizetype begin = 0;
    for (;;) {
        // An event's blank line may start with the previous event's last '\n'.
        const qsizetype end = eventEnd(m_buffer, begin);
        if (end < 0)
            break;
        Event event;
        event.raw = QByteArrayView(m_buffer).sliced(begin, end - begin);
        parseFields(event.raw, event);
        onEvent(event);
        begin = end;
    }
    if (begin > 0)
        m_buffer.remove(0, begin);
}
