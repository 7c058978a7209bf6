#pragma once

#include "core/playground/ChatMessage.h"
#include "core/playground/ChatParameters.h"
#include "core/playground/ChatStreamResult.h"

#include <QHash>
#include <QObject>
#include <QString>

class HttpClient;

// Streams chat completions from the local gateway, exactly as any client
// would: POST /v1/chat/completions with stream:true and include_usage, so the
// gateway's authentication, alias defaults, logging and pricing all apply.
// Many streams may run at once; each is identified by the id start() returns.
class ChatStreamClient final : public QObject
{
    Q_OBJECT
public:
    using StreamId = quint64;

    explicit ChatStreamClient(HttpClient &http, QObject *parent = nullptr);
    ~ChatStreamClient() override;
    Q_DISABLE_COPY_MOVE(ChatStreamClient)

    // baseUrl like "http://127.0.0.1:4242"; key: a gateway key (the console's own).
    void setEndpoint(const QString &baseUrl, const QString &key);
    QString baseUrl() const { return m_baseUrl; }
    // No response head in firstByteMs, or no end in totalMs (0: none): Timeout.
    void setTimeouts(int connectMs, int firstByteMs, int totalMs);

    // The request body start() sends (tests and the saved comparison show it).
    static QJsonObject requestBody(const QString &model, const ChatHistory &messages, const ChatParameters &parameters);

    StreamId start(const QString &model, const ChatHistory &messages, const ChatParameters &parameters);
    // Ends the stream at once; finished() follows with Error::Cancelled.
    void cancel(StreamId id);
    bool isRunning(StreamId id) const { return m_streams.contains(id); }
    int runningCount() const { return int(m_streams.size()); }

    // Maps a failed response (status + body) to an error and a readable message.
    static ChatStreamResult::Error errorForStatus(int status);
    static QString messageFromBody(const QByteArray &body);

Q_SIGNALS:
    void firstToken(ChatStreamClient::StreamId id, qint64 ttftMs);
    void textReceived(ChatStreamClient::StreamId id, const QString &delta);
    void usageReceived(ChatStreamClient::StreamId id, const ChatMetrics &metrics);
    void finished(ChatStreamClient::StreamId id, const ChatStreamResult &result);

private:
    struct Stream;
    void onHead(StreamId id, int status);
    void onData(StreamId id, const char *data, qsizetype size);
    void onDone(StreamId id, bool transportOk, int httpError, const QString &message);
    void handleEvent(Stream &s, const QByteArray &data);
    void finish(StreamId id, ChatStreamResult::Error error, const QString &message);

    HttpClient &m_http;
    QString m_baseUrl;
    QString m_key;
    int m_connectMs = 5000;
    int m_firstByteMs = 120000;
    int m_totalMs = 0;
    StreamId m_nextId = 1;
    QHash<StreamId, Stream *> m_streams;
};
