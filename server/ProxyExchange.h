#pragma once

#include "core/net/HttpClient.h"
#include "core/net/SseParser.h"
#include "core/protocol/StreamError.h"
#include "core/protocol/TokenUsage.h"
#include "core/secrets/SecretScrubber.h"
#include "server/RequestPlanner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

class QTimer;
struct GatewayRuntime;

// One request on its way through the gateway: sends the planned request
// upstream (or to the demo model), relays every byte to the client as it
// arrives, reads usage on the side, and writes the log record at the end.
// Deletes itself when done.
class ProxyExchange final : public QObject
{
    Q_OBJECT
public:
    ProxyExchange(GatewayRuntime &runtime, QTcpSocket *socket, RequestPlan plan, bool closeAfter);

    void start();
    // The gateway is stopping: cancel the upstream, log the request, stay alive until deleted.
    void abortForShutdown();
    bool isFinished() const { return m_finished; }

private:
    void startUpstream();
    void startMock();
    void onHead(const HttpResponseHead &head);
    void onData(const char *data, qsizetype size);
    void onDone(const HttpResult &result);
    void onClientGone();
    void cancelSource(); // stops the upstream transfer or the demo model's timer
    void relay(const char *data, qsizetype size);
    void relaySse(const char *data, qsizetype size);
    void writeToClient(const QByteArray &bytes);
    void applyBackpressure();
    void onClientDrained(); // bytesWritten: resume the source once the client caught up
    void onClientStalled(); // the client read nothing for stallTimeoutSec
    void noteStreamError(const SseParser::Event &event);
    void endBrokenResponse(const HttpResult &result);
    void failBeforeHead(GatewayError error, const QString &message);
    void failOversizedEvent();
    void finish(int status, const QString &error);
    void captureResponse(const char *data, qsizetype size);
    void flushScrubber();

    GatewayRuntime &m_rt;
    QPointer<QTcpSocket> m_socket;
    RequestPlan m_plan;
    SecretScrubber m_scrubber; // the provider's key, out of everything relayed and logged
    bool m_closeAfter = false;
    HttpClient::TransferId m_transfer = 0;
    QElapsedTimer m_clock;
    qint64 m_ttfbNs = -1;
    int m_status = 0;
    bool m_headWritten = false;
    bool m_chunked = true;
    bool m_isSse = false;
    bool m_paused = false;
    bool m_finished = false;
    SseParser m_sse;
    TokenUsage m_usage;
    qsizetype m_relayedChars = 0; // generated text relayed so far: the estimate when usage never comes
    QByteArray m_responseHead;    // first bytes of the response body, for the log and usage
    QByteArray m_responseTail;    // last bytes, where non-streaming usage lives
    QTimer *m_stallTimer = nullptr;
    QTimer *m_mockTimer = nullptr;
    QList<QByteArray> m_mockEvents;
    std::optional<StreamError> m_streamError; // the upstream's own error event, first one wins
};
