#pragma once

#include "core/net/HttpClient.h"
#include "core/net/SseParser.h"
#include "core/protocol/StreamError.h"
#include "core/protocol/TokenUsage.h"
#include "core/secrets/SecretScrubber.h"
#include "server/RequestPlanner.h"

#include <QElapsedTimer>
#include <QJsonArray>
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
    // Routing (PRODUCT.md "Routing"): the targets in the order they are
    // tried, retries before the first byte reached the client.
    bool chooseOrder();
    bool startNextAttempt();
    bool mayRetry(const QString &reason) const;
    void endAttempt(int status, const QString &error);
    bool retryOrGiveUp(const QString &reason, int status, const QString &error);
    void replayHeld();
    void failAllUnavailable();
    HttpHeaders routingHeaders() const;

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

    QList<int> m_order; // indexes into m_plan.routing.targets, in the order they are tried
    int m_orderPos = 0; // next entry of m_order
    int m_current = -1; // the target now being tried
    int m_attempt = 0;  // tries started so far
    bool m_attemptOpen = false;
    qint64 m_attemptStartNs = 0;
    QJsonArray m_attempts; // {provider, model, status, error, ms} per try, for the log
    // A retryable answer held back (head and a capped body) in case no
    // other target can be tried: then it is relayed after all.
    bool m_holding = false;
    HttpResponseHead m_heldHead;
    QByteArray m_heldBody;
    qint64 m_coolUntilMs = 0; // from the held answer's Retry-After
    QTimer *m_backoffTimer = nullptr;
};
