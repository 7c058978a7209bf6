#include "server/HttpRequestReader.h"

#include <QCoreApplication>

#include <cstring>

namespace {

// RFC 9110 tchar: the characters of a method or a field name.
bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

// Control characters other than HTAB have no place in a field value.
bool isBadValueChar(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7f;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && isOws(v.front()))
        v = v.sliced(1);
    while (!v.isEmpty() && isOws(v.back()))
        v.chop(1);
    return v;
}

bool equalsLower(QByteArrayView v, const char *lower)
{
    return v.compare(QByteArrayView(lower), Qt::CaseInsensitive) == 0;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("HttpRequestReader", text);
}

constexpr qsizetype kMaxChunkLine = 1024;
constexpr qsizetype kMaxRequestLine = 16 * 1024;

} // namespace

HttpRequestReader::HttpRequestReader(const Limits &limits)
    : m_limits(limits)
{
}

void HttpRequestReader::reset()
{
    const Limits limits = m_limits;
    *this = HttpRequestReader(limits);
}

HttpRequestReader::State HttpRequestReader::fail(GatewayError error, const QString &message)
{
    m_error = error;
    m_message = message;
    return State::Failed;
}

WireProtocol HttpRequestReader::protocolHint(const QByteArray &buf)
{
    qsizetype i = 0;
    while (i < buf.size() && (buf[i] == '\r' || buf[i] == '\n'))
        ++i;
    const qsizetype space = buf.indexOf(' ', i);
    if (space < 0 || space - i > 32)
        return WireProtocol::OpenAI;
    const QByteArrayView target = QByteArrayView(buf).sliced(space + 1);
    return target.startsWith("/v1/messages") ? WireProtocol::Anthropic : WireProtocol::OpenAI;
}

HttpRequestReader::State HttpRequestReader::scan(const QByteArray &buf)
{
    if (m_headEnd < 0) {
        // Blank lines before a request line are tolerated (RFC 9112 2.2).
        while (m_start < buf.size() && (buf[m_start] == '\r' || buf[m_start] == '\n'))
            ++m_start;
        if (m_searchFrom < m_start)
            m_searchFrom = m_start;
        const char *data = buf.constData();
        if (!m_lineChecked) {
            // The method is judged as soon as it arrives: bytes left over from
            // a mis-framed body are refused at once rather than waited on.
            for (qsizetype i = m_start; i < buf.size() && i < m_start + 33; ++i) {
                if (data[i] == ' ')
                    break;
                if (!isTchar(data[i]) || i == m_start + 32)
                    return fail(GatewayError::BadRequest, tr("The request line is not valid HTTP."));
            }
            const char *nl = static_cast<const char *>(std::memchr(data + m_start, '\n', buf.size() - m_start));
            if (nl) {
                const char *end = nl;
                if (end > data + m_start && end[-1] == '\r')
                    --end;
                if (!parseRequestLine(data + m_start, end))
                    return State::Failed;
                m_lineChecked = true;
            } else if (buf.size() - m_start > kMaxRequestLine) {
                return fail(GatewayError::HeadersTooLarge,
                            tr("The request line is longer than %1 KiB.").arg(kMaxRequestLine / 1024));
            }
        }
        // The head ends at the first empty line: "\n\n" or "\n\r\n".
        qsizetype from = m_searchFrom;
        for (;;) {
            const char *nl = static_cast<const char *>(std::memchr(data + from, '\n', buf.size() - from));
            if (!nl)
                break;
            const qsizetype i = nl - data;
            if (i > m_start
                && (data[i - 1] == '\n' || (data[i - 1] == '\r' && i - 2 >= m_start && data[i - 2] == '\n'))) {
                m_headEnd = i + 1;
                break;
            }
            from = i + 1;
        }
        if (m_headEnd < 0) {
            m_searchFrom = buf.size();
            if (buf.size() - m_start > m_limits.headerBytes)
                return fail(GatewayError::HeadersTooLarge,
                            tr("The request headers are larger than %1 KiB.").arg(m_limits.headerBytes / 1024));
            return State::NeedMore;
        }
        if (m_headEnd - m_start > m_limits.headerBytes)
            return fail(GatewayError::HeadersTooLarge,
                        tr("The request headers are larger than %1 KiB.").arg(m_limits.headerBytes / 1024));
        const State head = parseHead(buf);
        if (head == State::Failed)
            return head;
        m_pos = m_headEnd;
    }
    if (m_request.chunked)
        return scanChunked(buf);
    const qint64 length = qMax<qint64>(0, m_request.contentLength);
    if (buf.size() - m_headEnd < length)
        return State::NeedMore;
    m_frameEnd = m_headEnd + length;
    return State::Complete;
}

bool HttpRequestReader::parseRequestLine(const char *begin, const char *end)
{
    const QByteArrayView line(begin, end - begin);
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1) {
        fail(GatewayError::BadRequest, tr("The request line is not valid HTTP."));
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    for (const char c : method) {
        if (!isTchar(c)) {
            fail(GatewayError::BadRequest, tr("The request line is not valid HTTP."));
            return false;
        }
    }
    for (const char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            fail(GatewayError::BadRequest, tr("The request target is not valid."));
            return false;
        }
    }
    if (version == "HTTP/1.1") {
        m_request.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        m_request.minorVersion = 0;
    } else {
        fail(GatewayError::BadRequest, tr("Only HTTP/1.0 and HTTP/1.1 are spoken here."));
        return false;
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    const qsizetype query = m_request.target.indexOf('?');
    const QByteArrayView path = QByteArrayView(m_request.target).first(query < 0 ? m_request.target.size() : query);
    m_request.protocol = path.startsWith("/v1/messages") ? WireProtocol::Anthropic : WireProtocol::OpenAI;
    return true;
}

HttpRequestReader::State HttpRequestReader::parseHead(const QByteArray &buf)
{
    const char *data = buf.constData();
    qsizetype pos = m_start;
    bool first = true;
    bool closeToken = false;
    bool sawLength = false;
    QByteArray transferEncoding;
    int count = 0;
    while (pos < m_headEnd) {
        const char *nl = static_cast<const char *>(std::memchr(data + pos, '\n', m_headEnd - pos));
        const qsizetype lineEnd = nl - data;
        qsizetype end = lineEnd;
        if (end > pos && data[end - 1] == '\r')
            --end;
        const QByteArrayView line(data + pos, end - pos);
        pos = lineEnd + 1;
        if (first) {
            first = false; // checked by parseRequestLine already
            continue;
        }
        if (line.isEmpty())
            break;
        if (isOws(line.front()))
            return fail(GatewayError::BadRequest, tr("Folded header lines are not accepted."));
        if (++count > m_limits.maxHeaders)
            return fail(GatewayError::HeadersTooLarge,
                        tr("The request has more than %1 header fields.").arg(m_limits.maxHeaders));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(GatewayError::BadRequest, tr("A header line has no field name."));
        const QByteArrayView name = line.first(colon);
        for (const char c : name) {
            if (!isTchar(c))
                return fail(GatewayError::BadRequest, tr("A header field name is not valid."));
        }
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        for (const char c : value) {
            if (isBadValueChar(static_cast<unsigned char>(c)))
                return fail(GatewayError::BadRequest, tr("A header field value holds a control character."));
        }
        if (equalsLower(name, "content-length")) {
            bool ok = !value.isEmpty() && value.size() <= 18;
            for (const char c : value)
                ok = ok && c >= '0' && c <= '9';
            if (!ok)
                return fail(GatewayError::BadRequest, tr("The Content-Length header is not a number."));
            const qint64 n = value.toLongLong();
            if (sawLength && n != m_request.contentLength)
                return fail(GatewayError::BadRequest, tr("The request has two different Content-Length headers."));
            sawLength = true;
            m_request.contentLength = n;
        } else if (equalsLower(name, "transfer-encoding")) {
            if (!transferEncoding.isEmpty())
                transferEncoding += ',';
            transferEncoding += value.toByteArray().toLower();
        } else if (equalsLower(name, "connection")) {
            for (const QByteArray &token : value.toByteArray().split(',')) {
                if (equalsLower(trimmed(token), "close"))
                    closeToken = true;
            }
        } else if (equalsLower(name, "expect")) {
            m_request.expectContinue = equalsLower(value, "100-continue");
        } else if (equalsLower(name, "host") && m_request.host.isEmpty()) {
            m_request.host = value.toByteArray();
        }
        m_request.headers.append({name.toByteArray(), value.toByteArray()});
    }
    if (!transferEncoding.isEmpty()) {
        // Two framings at once is the classic smuggling shape: refuse, as nginx does.
        if (sawLength)
            return fail(GatewayError::BadRequest,
                        tr("The request has both Content-Length and Transfer-Encoding headers."));
        if (m_request.minorVersion == 0)
            return fail(GatewayError::BadRequest, tr("HTTP/1.0 requests cannot use Transfer-Encoding."));
        if (trimmed(transferEncoding) != "chunked")
            return fail(GatewayError::BadRequest, tr("Only the chunked transfer coding is accepted."));
        m_request.chunked = true;
    }
    if (m_request.contentLength > m_limits.bodyBytes)
        return fail(GatewayError::BodyTooLarge,
                    tr("The request body is larger than the %1 MiB limit.").arg(m_limits.bodyBytes / (1024 * 1024)));
    // HTTP/1.0 gets one answer per connection, whatever it asks for.
    m_request.keepAlive = m_request.minorVersion == 1 && !closeToken;
    return State::NeedMore;
}

HttpRequestReader::State HttpRequestReader::scanChunked(const QByteArray &buf)
{
    const char *data = buf.constData();
    for (;;) {
        switch (m_chunk) {
        case Chunk::Size:
        case Chunk::Trailer: {
            const char *nl = static_cast<const char *>(std::memchr(data + m_pos, '\n', buf.size() - m_pos));
            if (!nl) {
                if (buf.size() - m_pos > kMaxChunkLine)
                    return fail(GatewayError::BadRequest, tr("A chunk header line is too long."));
                return State::NeedMore;
            }
            const qsizetype lineEnd = nl - data;
            qsizetype end = lineEnd;
            if (end > m_pos && data[end - 1] == '\r')
                --end;
            const QByteArrayView line(data + m_pos, end - m_pos);
            m_pos = lineEnd + 1;
            if (m_chunk == Chunk::Trailer) {
                // Trailer fields are read past and dropped.
                if (line.isEmpty()) {
                    m_frameEnd = m_pos;
                    return State::Complete;
                }
                m_trailerBytes += line.size();
                if (m_trailerBytes > m_limits.headerBytes)
                    return fail(GatewayError::HeadersTooLarge, tr("The request trailer fields are too large."));
                continue;
            }
            if (line.size() > kMaxChunkLine)
                return fail(GatewayError::BadRequest, tr("A chunk header line is too long."));
            qsizetype digits = 0;
            qint64 size = 0;
            while (digits < line.size()) {
                const char c = line[digits];
                int v;
                if (c >= '0' && c <= '9')
                    v = c - '0';
                else if (c >= 'a' && c <= 'f')
                    v = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    v = c - 'A' + 10;
                else
                    break;
                if (++digits > 15)
                    return fail(GatewayError::BodyTooLarge, tr("A chunk is larger than the body limit."));
                size = size * 16 + v;
            }
            QByteArrayView rest = line.sliced(digits);
            while (!rest.isEmpty() && isOws(rest.front()))
                rest = rest.sliced(1);
            if (digits == 0 || (!rest.isEmpty() && rest.front() != ';'))
                return fail(GatewayError::BadRequest, tr("A chunk size is not valid."));
            if (size == 0) {
                m_chunk = Chunk::Trailer;
                continue;
            }
            if (m_decoded.size() + size > m_limits.bodyBytes)
                return fail(
                    GatewayError::BodyTooLarge,
                    tr("The request body is larger than the %1 MiB limit.").arg(m_limits.bodyBytes / (1024 * 1024)));
            m_remaining = size;
            m_chunk = Chunk::Data;
            continue;
        }
        case Chunk::Data: {
            const qint64 take = qMin<qint64>(m_remaining, buf.size() - m_pos);
            m_decoded.append(data + m_pos, take);
            m_pos += take;
            m_remaining -= take;
            if (m_remaining > 0)
                return State::NeedMore;
            m_chunk = Chunk::DataEnd;
            continue;
        }
        case Chunk::DataEnd:
            if (m_pos >= buf.size())
                return State::NeedMore;
            if (data[m_pos] == '\n') {
                m_pos += 1;
            } else if (data[m_pos] == '\r') {
                if (m_pos + 1 >= buf.size())
                    return State::NeedMore;
                if (data[m_pos + 1] != '\n')
                    return fail(GatewayError::BadRequest, tr("A chunk does not end where its size says."));
                m_pos += 2;
            } else {
                return fail(GatewayError::BadRequest, tr("A chunk does not end where its size says."));
            }
            m_chunk = Chunk::Size;
            continue;
        }
    }
}
