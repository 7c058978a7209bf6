#pragma once

#include <QByteArray>
#include <QTcpSocket>

// A client connection whose incoming bytes the connection layer hands to
// QHttpServer one whole request at a time. QHttpServer 6.4 reads whatever the
// socket holds and dispatches every request it finds at once; here it reads
// only what release() gave it, so requests are answered one after another in
// the order they came. The bytes from the client are taken with takeRaw().
//
// It also reframes answers for HTTP/1.0 clients, which cannot read chunked
// transfer coding: the chunks are unwrapped and the body ends with the
// connection instead.
class GuardedSocket final : public QTcpSocket
{
    Q_OBJECT
public:
    explicit GuardedSocket(QObject *parent = nullptr);

    // Everything the client sent that has not been taken yet.
    QByteArray takeRaw();
    // The next bytes QHttpServer reads: exactly one request.
    void release(QByteArray bytes);
    // Drops whatever QHttpServer left unread of the request it was given.
    qint64 discardUnread();
    // The next answer goes to an HTTP/1.0 client.
    void setHttp10Answer(bool on);

    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void unchunk(const char *data, qint64 size);

    QByteArray m_release;
    qsizetype m_releasePos = 0;
    bool m_raw = false; // takeRaw() is reading: QHttpServer's bytes stay out of it

    enum class Out { Pass, Head, ChunkSize, ChunkData, ChunkEnd, Trailer, Done };
    Out m_out = Out::Pass;
    QByteArray m_outLine; // a response head or chunk line being assembled
    qint64 m_outRemaining = 0;
};
