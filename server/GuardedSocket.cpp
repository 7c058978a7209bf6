#include "server/GuardedSocket.h"

#include <cstring>

GuardedSocket::GuardedSocket(QObject *parent)
    : QTcpSocket(parent)
{
}

QByteArray GuardedSocket::takeRaw()
{
    // A transaction QHttpServer left open would keep every byte in the
    // socket's buffer; what it read is in its own parser state already.
    if (isTransactionStarted())
        commitTransaction();
    // Exactly what is buffered: readAll() would allocate a 16 KiB block per
    // call even when nothing is there, and this runs twice per request.
    const qint64 buffered = QTcpSocket::bytesAvailable();
    if (buffered <= 0)
        return {};
    QByteArray bytes(buffered, Qt::Uninitialized);
    m_raw = true;
    const qint64 n = read(bytes.data(), buffered);
    m_raw = false;
    bytes.truncate(qMax<qint64>(0, n));
    return bytes;
}

void GuardedSocket::release(QByteArray bytes)
{
    if (m_releasePos < m_release.size()) {
        m_release.remove(0, m_releasePos);
        m_release += bytes;
    } else {
        m_release = std::move(bytes);
    }
    m_releasePos = 0;
}

qint64 GuardedSocket::discardUnread()
{
    const qint64 left = (m_release.size() - m_releasePos) + takeRaw().size();
    m_release.clear();
    m_releasePos = 0;
    return left;
}

void GuardedSocket::setHttp10Answer(bool on)
{
    m_out = on ? Out::Head : Out::Pass;
    m_outLine.clear();
    m_outRemaining = 0;
}

qint64 GuardedSocket::bytesAvailable() const
{
    return QTcpSocket::bytesAvailable() + (m_release.size() - m_releasePos);
}

qint64 GuardedSocket::readData(char *data, qint64 maxSize)
{
    // QIODevice serves its own buffer first and calls this when it is empty;
    // the guard drains that buffer in takeRaw(), so QHttpServer's reads end
    // up here and see only released bytes.
    if (!m_raw && m_releasePos < m_release.size()) {
        const qint64 n = qMin<qint64>(maxSize, m_release.size() - m_releasePos);
        std::memcpy(data, m_release.constData() + m_releasePos, size_t(n));
        m_releasePos += n;
        if (m_releasePos == m_release.size()) {
            m_release.clear();
            m_releasePos = 0;
        }
        return n;
    }
    // A buffered QTcpSocket reads nothing here itself (it only re-arms its
    // read notifier), so the client's bytes still reach only takeRaw().
    return QTcpSocket::readData(data, maxSize);
}

qint64 GuardedSocket::writeData(const char *data, qint64 size)
{
    if (m_out == Out::Pass || m_out == Out::Done)
        return QTcpSocket::writeData(data, size);
    unchunk(data, size);
    return size;
}

void GuardedSocket::unchunk(const char *data, qint64 size)
{
    const char *p = data;
    const char *end = data + size;
    while (p < end) {
        switch (m_out) {
        case Out::Pass:
        case Out::Done:
            QTcpSocket::writeData(p, end - p);
            return;
        case Out::Head: {
            const qsizetype before = m_outLine.size();
            m_outLine.append(p, end - p);
            const qsizetype headEnd = m_outLine.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            p += headEnd + 4 - before;
            QByteArray head = m_outLine.left(headEnd + 2); // keeps the last header's CRLF
            m_outLine.clear();
            if (head.startsWith("HTTP/1.1 1")) {
                // An interim answer; the real one follows (none are sent to HTTP/1.0, but be exact).
                QTcpSocket::writeData(head.constData(), head.size());
                QTcpSocket::writeData("\r\n", 2);
                continue;
            }
            const QByteArray lower = head.toLower();
            const qsizetype te = lower.indexOf("\r\ntransfer-encoding: chunked\r\n");
            const bool chunked = te >= 0;
            if (chunked)
                head.remove(te, int(std::strlen("\r\ntransfer-encoding: chunked")));
            if (!lower.contains("\r\nconnection: close\r\n"))
                head += "Connection: close\r\n";
            head += "\r\n";
            QTcpSocket::writeData(head.constData(), head.size());
            m_out = chunked ? Out::ChunkSize : Out::Done;
            continue;
        }
        case Out::ChunkSize:
        case Out::Trailer: {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl) {
                m_outLine.append(p, end - p);
                return;
            }
            m_outLine.append(p, nl - p);
            p = nl + 1;
            if (m_outLine.endsWith('\r'))
                m_outLine.chop(1);
            if (m_out == Out::Trailer) {
                if (m_outLine.isEmpty())
                    m_out = Out::Done; // the body ended; the connection closes next
                m_outLine.clear();
                continue;
            }
            bool ok = false;
            const qsizetype semi = m_outLine.indexOf(';');
            m_outRemaining = (semi < 0 ? m_outLine : m_outLine.left(semi)).trimmed().toLongLong(&ok, 16);
            m_outLine.clear();
            if (!ok || m_outRemaining <= 0) {
                m_outRemaining = 0;
                m_out = Out::Trailer;
            } else {
                m_out = Out::ChunkData;
            }
            continue;
        }
        case Out::ChunkData: {
            const qint64 n = qMin<qint64>(m_outRemaining, end - p);
            QTcpSocket::writeData(p, n);
            p += n;
            m_outRemaining -= n;
            if (m_outRemaining == 0)
                m_out = Out::ChunkEnd;
            continue;
        }
        case Out::ChunkEnd:
            // The CRLF after a chunk's data.
            if (*p == '\n')
                m_out = Out::ChunkSize;
            ++p;
            continue;
        }
    }
}
