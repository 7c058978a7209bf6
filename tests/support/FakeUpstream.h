#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

class QTcpServer;
class QTcpSocket;

// A real HTTP/1.1 server on 127.0.0.1 that speaks just enough of the OpenAI,
// Anthropic, Gemini and Azure APIs for discovery and gateway tests. It runs on
// the thread that owns it (usually the test thread), never blocks, keeps
// connections alive and serves hundreds of them at once.
class FakeUpstream final : public QObject
{
    Q_OBJECT
public:
    enum Mode {
        Normal,
        Unauthorized,  // 401 JSON error for everything
        Garbage,       // 200 text/html, not JSON
        MalformedJson, // 200 application/json, truncated
        WrongShape,    // 200 valid JSON of the wrong shape
        Hang,          // accept and read, never answer
        Reset,         // close the connection at once
        ServerError,   // 500 JSON error
        RateLimited,   // 429 JSON error with Retry-After
    };
    Q_ENUM(Mode)

    struct RecordedRequest
    {
        QByteArray method;
        QByteArray path; // the request target as sent, including any query
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const; // case-insensitive, first match
    };

    // Usage numbers every canned answer reports.
    static constexpr int kPromptTokens = 12;
    static constexpr int kCompletionTokens = 7;
    static constexpr int kCachedTokens = 2;

    explicit FakeUpstream(QObject *parent = nullptr);
    ~FakeUpstream() override;
    Q_DISABLE_COPY_MOVE(FakeUpstream)

    // port 0: a random free port.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QString baseUrl() const; // "http://127.0.0.1:<port>/v1"

    void setModels(const QStringList &models);
    QStringList models() const { return m_models; }
    // Empty: no key needed. Accepted as Bearer, x-api-key, api-key or x-goog-api-key.
    void setRequiredKey(const QString &key);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setResponseDelayMs(int ms);
    void setStreamChunks(int count, int intervalMs);
    void setDieMidStream(bool die);
    // Closes the connection after this many stream events (the head and those
    // events sent, no terminating chunk); -1: off.
    void setStreamBreakAfter(int events);
    // After this many stream events, sends an error event in the route's shape
    // (OpenAI `data: {"error":...}`, Anthropic `event: error`) and ends the
    // stream there; -1: off. The error's type, e.g. "server_error" or "overloaded_error".
    void setStreamErrorAfter(int events, const QString &type = QStringLiteral("server_error"));
    // Prefixes every stream event with an SSE comment ": sent_us <epoch µs>",
    // so a benchmark client can measure how long the gateway took to relay it.
    void setStreamTimestamps(bool on);
    // Paced: a stream is written only while the gateway takes it (at most
    // 64 KiB queued in this socket), like a real server, instead of all at once.
    void setStreamPaced(bool on);
    // The first content event is sent this many extra times: long streams
    // without holding them in memory.
    void setStreamRepeat(int times);
    // Keeping every request costs memory in long benchmarks; on by default.
    void setRecording(bool on);
    // Extra headers on every non-streamed answer (e.g. rate-limit headers).
    void setResponseHeaders(const QList<QPair<QByteArray, QByteArray>> &headers);
    // > 0: every stream carries, as its second event, one SSE event of about
    // this many bytes (`data: {"pad":"xxx…"}`), for the gateway's event limit.
    void setHugeStreamEventBytes(qsizetype bytes);

    // Echo the key the request presented (Bearer, x-api-key, api-key or
    // x-goog-api-key) back, as careless providers and debug proxies do. Flags
    // combine; the stream and body echoes put the key across two separate
    // writes (setStreamChunks' interval apart, at least 20 ms).
    enum Echo {
        EchoNothing = 0,
        EchoInErrorBody = 1, // every request: 401 "Incorrect API key provided: <key>."
        EchoInHeader = 2,    // every response: "X-Debug-Authorization: Bearer <key>"
        EchoInStream = 4,    // streams: one more event whose text holds the key, split mid-key
                             // (with setDieMidStream: the connection breaks after the first half)
        EchoInBody = 8,      // chat completions: the key in the text, the body split mid-key
    };
    void setEchoKey(int echo);
    // Anthropic answers report these cache writes (cache_creation_input_tokens,
    // and when oneHour > 0 the cache_creation split into 5-minute and 1-hour parts).
    void setAnthropicCacheWrites(int total, int oneHour = 0);

    QList<RecordedRequest> requests() const { return m_requests; }
    void clearRequests();
    int requestCount() const { return m_requestCount; }
    // Connections accepted so far (shows whether a client reuses them).
    int connectionCount() const { return m_connectionCount; }
    int openConnections() const { return int(m_connections.size()); }
    // Responses written out to the last byte (a stream: its final chunk), so a
    // test can wait for "the upstream has said everything" instead of sleeping.
    int responsesFinished() const { return m_responsesFinished; }

Q_SIGNALS:
    void requestReceived();

private:
    struct Connection;
    struct Request;

    void onNewConnection();
    void onReadyRead(Connection *c);
    void dropConnection(Connection *c);
    void abortConnection(Connection *c);
    bool parseRequest(Connection *c, Request *request);
    void handle(Connection *c, const Request &request);
    void respond(Connection *c, const Request &request);
    void writeResponse(Connection *c, int status, const QByteArray &contentType, const QByteArray &body,
                       const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    void startStream(Connection *c, QList<QByteArray> events);
    QByteArray streamErrorEvent(const QByteArray &firstEvent) const;
    void streamNext(Connection *c);
    void finishResponse(Connection *c);
    bool authorized(const Request &request) const;
    static QByteArray presentedKey(const Request &request);
    QList<QByteArray> withEchoedKey(QList<QByteArray> events, const Request &request, bool anthropic) const;
    void writeSplitAt(Connection *c, const QByteArray &response, qsizetype at);

    QByteArray modelsBody(const Request &request) const;
    QByteArray chatCompletion(const QByteArray &model) const;
    QByteArray textCompletion(const QByteArray &model) const;
    // Chat completions (chat) or legacy text completions.
    QList<QByteArray> openAiStream(const QByteArray &model, bool chat, bool includeUsage) const;
    QJsonObject anthropicUsage(int outputTokens) const;
    QByteArray anthropicMessage(const QByteArray &model) const;
    QList<QByteArray> anthropicStream(const QByteArray &model) const;
    QByteArray responsesObject(const QByteArray &model) const;
    QList<QByteArray> responsesStream(const QByteArray &model) const;
    QByteArray embeddings(const QByteArray &model, int inputs) const;
    QByteArray piece(int i) const;
    QByteArray cached(const QByteArray &route, const QByteArray &model,
                      QByteArray (FakeUpstream::*make)(const QByteArray &) const) const;

    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, Connection *> m_connections;
    QStringList m_models;
    QString m_requiredKey;
    Mode m_mode = Normal;
    int m_delayMs = 0;
    int m_streamChunks = 5;
    int m_streamIntervalMs = 0;
    bool m_dieMidStream = false;
    int m_streamBreakAfter = -1;
    bool m_streamPaced = false;
    int m_streamRepeat = 0;
    int m_streamErrorAfter = -1;
    QString m_streamErrorType;
    bool m_streamTimestamps = false;
    bool m_recording = true;
    qsizetype m_hugeEventBytes = 0;
    int m_echo = EchoNothing;
    int m_cacheWrites = 0;
    int m_cacheWrites1h = 0;
    QList<RecordedRequest> m_requests;
    QList<QPair<QByteArray, QByteArray>> m_responseHeaders;
    // Canned non-streaming bodies by route and model: benchmarks hammer this path.
    mutable QHash<QByteArray, QByteArray> m_cache;
    int m_requestCount = 0;
    int m_connectionCount = 0;
    int m_responsesFinished = 0;
    quint64 m_serial = 0;
};
