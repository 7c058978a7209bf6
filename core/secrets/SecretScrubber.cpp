#include "core/secrets/SecretScrubber.h"

#include <cstring>
#include <utility>

SecretScrubber::SecretScrubber(const QByteArray &secret)
{
    if (secret.size() < kMinLength)
        return;
    m_secret = secret;
    m_mask = mask(secret.size());
    m_matcher.setPattern(m_secret);
}

QByteArray SecretScrubber::mask(qsizetype length)
{
    static const QByteArray word = QByteArrayLiteral("[redacted]");
    if (length <= 0)
        return {};
    if (length < word.size())
        return QByteArray(length, '*');
    QByteArray out = word;
    out.append(length - word.size(), '*');
    return out;
}

qsizetype SecretScrubber::find(const char *data, qsizetype size, qsizetype from) const
{
    // The skip table is built once per key; glibc's memmem builds its own on
    // every call, which made it 5x slower on SSE-sized reads (bench_scrubber).
    return m_matcher.indexIn(data, size, from);
}

void SecretScrubber::maskAll(QByteArray &buffer) const
{
    qsizetype at = find(buffer.constData(), buffer.size(), 0);
    if (at < 0)
        return;
    char *data = buffer.data(); // detaches once
    while (at >= 0) {
        std::memcpy(data + at, m_mask.constData(), size_t(m_mask.size()));
        at = find(buffer.constData(), buffer.size(), at + m_secret.size());
    }
}

qsizetype SecretScrubber::prefixTail(QByteArrayView data) const
{
    const qsizetype n = data.size();
    const qsizetype longest = qMin(n, m_secret.size() - 1);
    const char first = m_secret.at(0);
    const char *begin = data.data();
    const char *p = begin + (n - longest);
    const char *end = begin + n;
    // The earliest start is the longest tail; usually the secret's first byte
    // is not among the last few bytes at all and this is one memchr.
    while (p < end) {
        p = static_cast<const char *>(std::memchr(p, first, size_t(end - p)));
        if (!p)
            return 0;
        if (std::memcmp(p, m_secret.constData(), size_t(end - p)) == 0)
            return end - p;
        ++p;
    }
    return 0;
}

QByteArray SecretScrubber::scrub(QByteArray text) const
{
    // Most header values are shorter than any key: nothing to search.
    if (active() && text.size() >= m_secret.size())
        maskAll(text);
    return text;
}

QString SecretScrubber::scrub(QString text) const
{
    if (active() && text.size() >= m_secret.size())
        text.replace(QString::fromUtf8(m_secret), QString::fromUtf8(m_mask));
    return text;
}

bool SecretScrubber::contains(QByteArrayView text) const
{
    return active() && text.size() >= m_secret.size() && find(text.data(), text.size(), 0) >= 0;
}

QByteArrayView SecretScrubber::feed(QByteArrayView chunk)
{
    if (!active())
        return chunk;
    if (m_held.isEmpty()) {
        // The hot path: nothing pending, so only whole occurrences inside this
        // chunk and a tail that might begin one matter.
        if (find(chunk.data(), chunk.size(), 0) < 0) {
            const qsizetype tail = prefixTail(chunk);
            if (tail == 0)
                return chunk;
            m_held = chunk.last(tail).toByteArray();
            return chunk.first(chunk.size() - tail);
        }
    }
    m_out.clear();
    m_out.reserve(m_held.size() + chunk.size());
    m_out.append(m_held);
    m_out.append(chunk);
    m_held.clear();
    maskAll(m_out);
    const qsizetype tail = prefixTail(m_out);
    if (tail > 0) {
        m_held = m_out.right(tail);
        m_out.chop(tail);
    }
    return m_out;
}

QByteArrayView SecretScrubber::finish()
{
    m_out = std::exchange(m_held, QByteArray());
    return m_out;
}
