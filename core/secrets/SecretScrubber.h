#pragma once

#include <QByteArray>
#include <QByteArrayMatcher>
#include <QByteArrayView>
#include <QString>

// Keeps one secret (the active provider's key) out of bytes the gateway hands
// on: relayed response headers and bodies, its own error messages and the
// request log. Every whole occurrence becomes a mask of the same length
// ("[redacted]" padded with '*'), so a relayed Content-Length stays true and
// JSON stays valid.
//
// As a stream scrubber it finds a key split across two chunks: feed() holds
// back only a chunk's tail that is a proper prefix of the secret (at most
// secret length - 1 bytes, and nothing at all when the chunk ends in anything
// else, e.g. the "\n" of every SSE event), and releases it with the next chunk
// or finish(). A chunk without the secret and without such a tail is handed
// back as it came (no copy).
//
// Secrets shorter than kMinLength are not scrubbed: masking every "abc" in
// ordinary text would corrupt it, and such a key protects nothing anyway.
class SecretScrubber
{
public:
    static constexpr qsizetype kMinLength = 8;

    SecretScrubber() = default;
    explicit SecretScrubber(const QByteArray &secret);

    bool active() const { return !m_secret.isEmpty(); }
    qsizetype secretLength() const { return m_secret.size(); }

    // "[redacted]" cut or padded with '*' to `length` bytes.
    static QByteArray mask(qsizetype length);

    // Every whole occurrence masked: for header values, messages, log fields.
    QByteArray scrub(QByteArray text) const;
    QString scrub(QString text) const;
    bool contains(QByteArrayView text) const;

    // The bytes of `chunk` (after any held-back bytes) that are safe to send
    // now. The view points into `chunk` or into this object and is valid
    // until the next call.
    QByteArrayView feed(QByteArrayView chunk);
    // End of the stream: whatever was held back (never a whole secret).
    QByteArrayView finish();
    qsizetype held() const { return m_held.size(); }

private:
    qsizetype find(const char *data, qsizetype size, qsizetype from) const;
    void maskAll(QByteArray &buffer) const;
    qsizetype prefixTail(QByteArrayView data) const; // length of the longest tail that is a proper prefix

    QByteArray m_secret;
    QByteArray m_mask;
    QByteArrayMatcher m_matcher;
    QByteArray m_held;
    QByteArray m_out;
};
