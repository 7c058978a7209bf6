#include "server/ProxyExchange.h"

#include "core/pricing/CostCalculator.h"
#include "core/protocol/RateLimitReset.h"
#include "core/protocol/UsageEstimate.h"
#include "core/providers/MockModel.h"
#include "core/routing/TargetHealth.h"
#include "core/storage/RequestLogWriter.h"
#include "core/time/Clock.h"
#include "server/ClientFlowStats.h"
#include "server/GatewayRuntime.h"
#include "server/GuardedTcpServer.h"
#include "server/HttpWire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

Q_LOGGING_CATEGORY(lcExchange, "tollgate.gateway.exchange")

namespace {

constexpr qsizetype kTailKeep = 16 * 1024;
constexpr int kStreamReadBytes = 4 * 1024;

// A short, single-line excerpt of an upstream error body for the log.
QString errorExcerpt(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue err = o.value(QLatin1String("error"));
    QString message = err.isObject() ? err.toObject().value(QLatin1String("message")).toString() : err.toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body.left(200)).simplified();
    return message.left(300);
}

// Appends up to `limit` bytes in all, growing the buffer at most to `limit`:
// QByteArray's own growth would leave up to twice that allocated, per open
// response (it mattered with many slow clients).
void appendCapped(QByteArray &buffer, const char *data, qsizetype size, qsizetype limit)
{
    const qsizetype take = qMin(size, limit - buffer.size());
    if (take <= 0)
        return;
    if (buffer.size() + take > buffer.capacity())
        buffer.reserve(qMin(limit, qMax(2 * buffer.capacity(), buffer.size() + take)));
    buffer.append(data, take);
}

constexpr qsizetype kHeldBodyLimit = 64 * 1024;
constexpr qint64 kCoolWithoutRetryAfterMs = 1000; // a 429 that says nothing about when

// Retry-After in seconds or as an HTTP date; 0 when absent or unreadable.
qint64 retryAfterUntil(const HttpResponseHead &head, qint64 nowMs)
{
    const QByteArray value = head.header("retry-after").trimmed();
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (ok)
        return seconds >= 0 ? nowMs + qint64(seconds * 1000) : 0;
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

} // namespace

ProxyExchange::ProxyExchange(GatewayRuntime &runtime, QTcpSocket *socket, RequestPlan plan, bool closeAfter)
    : m_rt(runtime)
    , m_socket(socket)
    , m_plan(std::move(plan))
    , m_scrubber(m_plan.providerKey)
    , m_closeAfter(closeAfter || runtime.draining) // a draining gateway keeps no connection open
{
    m_clock.start();
    m_sse.setMaxEventBytes(m_rt.options.sseEventLimitBytes);
}

void ProxyExchange::start()
{
    connect(m_socket, &QAbstractSocket::disconnected, this, &ProxyExchange::onClientGone);
    connect(m_socket, &QObject::destroyed, this, &ProxyExchange::onClientGone);
    connect(m_socket, &QIODevice::bytesWritten, this, &ProxyExchange::onClientDrained);
    if (m_plan.action == RequestPlan::Action::Mock) {
        startMock();
    } else if (m_plan.routing.targets.isEmpty()) {
        startUpstream();
    } else if (!chooseOrder() || !startNextAttempt()) {
        failAllUnavailable();
    }
}

bool ProxyExchange::chooseOrder()
{
    const RoutingPlan &routing = m_plan.routing;
    const qint64 now = Clock::nowMs();
    const double random01 = QRandomGenerator::global()->generateDouble();
    for (int g = 0; g < routing.groups.size(); ++g) {
        QList<int> members;
        QStringList keys;
        QList<TargetPicker::View> views;
        for (int i = 0; i < routing.targets.size(); ++i) {
            const PlannedTarget &t = routing.targets.at(i);
            if (t.group != g)
                continue;
            members.append(i);
            keys.append(t.key);
            TargetPicker::View v;
            v.weight = t.weight;
            v.priority = t.priority;
            views.append(v);
        }
        const TargetPicker::Strategy strategy = TargetPicker::parse(routing.groups.at(g).strategy);
        TargetPicker local;
        const QList<int> picked =
            m_rt.health ? m_rt.health->order(routing.groups.at(g).alias, strategy, keys, views, now, random01)
                        : local.order(strategy, views, random01);
        for (int k : picked)
            m_order.append(members.at(k));
    }
    return !m_order.isEmpty();
}

bool ProxyExchange::startNextAttempt()
{
    while (m_orderPos < m_order.size()) {
        const int index = m_order.at(m_orderPos++);
        const PlannedTarget &t = m_plan.routing.targets.at(index);
        if (m_rt.health && !m_rt.health->begin(t.key, Clock::nowMs()))
            continue; // opened or cooled since the order was chosen
        m_current = index;
        ++m_attempt;
        m_attemptOpen = true;
        m_attemptStartNs = m_clock.nsecsElapsed();
        m_status = 0;
        m_coolUntilMs = 0;
        RequestPlanner::applyTarget(m_plan, index, m_rt.options);
        m_scrubber = SecretScrubber(m_plan.providerKey);
        startUpstream();
        return true;
    }
    return false;
}

// Another try is allowed: attempts left, a reason the policy retries on, a
// target left that may start, and time left before the overall deadline.
bool ProxyExchange::mayRetry(const QString &reason) const
{
    const RetryPolicy &retry = m_plan.routing.retry;
    if (m_current < 0 || m_headWritten || m_attempt >= retry.attempts || !retry.on.contains(reason))
        return false;
    if (m_clock.elapsed() >= qint64(m_rt.options.upstreamFirstByteTimeoutSec) * 1000)
        return false;
    const qint64 now = Clock::nowMs();
    for (int i = m_orderPos; i < m_order.size(); ++i) {
        if (!m_rt.health || m_rt.health->available(m_plan.routing.targets.at(m_order.at(i)).key, now))
            return true;
    }
    return false;
}

// Records the try that just ended (for the log and the target's breaker).
// status 0 with an error: no answer (connect error, timeout); -1: not judged
// (the client left), which only frees the slot.
void ProxyExchange::endAttempt(int status, const QString &error)
{
    if (!m_attemptOpen)
        return;
    m_attemptOpen = false;
    const PlannedTarget &t = m_plan.routing.targets.at(m_current);
    const double ms = (m_clock.nsecsElapsed() - m_attemptStartNs) / 1e6;
    QJsonObject a{{QStringLiteral("provider"), t.provider.name},
                  {QStringLiteral("model"), t.upstreamModel},
                  {QStringLiteral("ms"), qRound(ms * 10) / 10.0}};
    if (status > 0)
        a.insert(QStringLiteral("status"), status);
    if (!error.isEmpty())
        a.insert(QStringLiteral("error"), m_scrubber.scrub(error).left(300));
    m_attempts.append(a);
    if (!m_rt.health)
        return;
    const qint64 now = Clock::nowMs();
    // A 429 cools the target so traffic moves elsewhere; with nowhere else
    // to go the caller already has the upstream's own Retry-After.
    if (status < 0 || (status == 429 && m_plan.routing.targets.size() == 1))
        m_rt.health->end(t.key, TargetHealth::Outcome::Released, now);
    else if (status == 429)
        m_rt.health->end(t.key, TargetHealth::Outcome::RateLimited, now, -1,
                         m_coolUntilMs > now ? m_coolUntilMs : now + kCoolWithoutRetryAfterMs);
    else if (status == 0 || status >= 500)
        m_rt.health->end(t.key, TargetHealth::Outcome::Failure, now);
    else
        m_rt.health->end(t.key, TargetHealth::Outcome::Success, now,
                         m_ttfbNs < 0 ? -1 : (m_ttfbNs - m_attemptStartNs) / 1e6, m_coolUntilMs);
}

// A try failed before anything reached the client: schedule the next one
// (true), or say the caller must answer with what it has (false).
bool ProxyExchange::retryOrGiveUp(const QString &reason, int status, const QString &error)
{
    const bool again = mayRetry(reason);
    endAttempt(status, error);
    if (!again)
        return false;
    // Exponential backoff with jitter (50-100 % of the step).
    const int base = qMax(0, m_plan.routing.retry.backoffMs);
    const qint64 step = qint64(base) << qMin(m_attempt - 1, 10);
    const int delay = int(step / 2 + QRandomGenerator::global()->bounded(qint64(step / 2 + 1)));
    qCInfo(lcExchange) << "retrying" << m_plan.log.model << "after" << reason << "in" << delay << "ms";
    if (!m_backoffTimer) {
        m_backoffTimer = new QTimer(this);
        m_backoffTimer->setSingleShot(true);
        connect(m_backoffTimer, &QTimer::timeout, this, [this] {
            if (m_finished)
                return;
            if (!startNextAttempt())
                failAllUnavailable();
        });
    }
    m_backoffTimer->start(delay);
    return true;
}

// No other target may be tried: the held answer goes to the client after all.
void ProxyExchange::replayHeld()
{
    m_holding = false;
    const RetryPolicy keep = m_plan.routing.retry;
    m_plan.routing.retry.attempts = 0; // onHead must not hold it again
    onHead(m_heldHead);
    m_plan.routing.retry = keep;
    if (!m_heldBody.isEmpty() && !m_finished)
        onData(m_heldBody.constData(), m_heldBody.size());
}

void ProxyExchange::failAllUnavailable()
{
    const qint64 now = Clock::nowMs();
    qint64 soonest = 0;
    for (const PlannedTarget &t : std::as_const(m_plan.routing.targets)) {
        const qint64 at = m_rt.health ? m_rt.health->status(t.key, now).availableAt : 0;
        if (at > now && (soonest == 0 || at < soonest))
            soonest = at;
    }
    const QString name = m_plan.routing.groups.isEmpty() ? m_plan.log.model : m_plan.routing.groups.first().alias;
    const qint64 waitSec = soonest > now ? (soonest - now + 999) / 1000 : 1;
    const QString message =
        QStringLiteral("Every target of '%1' is unavailable (circuit open or rate-limited); try again at %2.")
            .arg(name, Clock::msToIso(soonest > now ? soonest : now + 1000));
    const ErrorReply reply = ErrorReply::make(m_plan.protocol, GatewayError::AllTargetsDown, message);
    HttpHeaders headers = routingHeaders();
    headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(waitSec)});
    if (m_socket)
        m_socket->write(HttpWire::whole(reply.status, "application/json", headers, reply.body, m_closeAfter));
    finish(reply.status, message);
}

HttpHeaders ProxyExchange::routingHeaders() const
{
    HttpHeaders h;
    if (m_plan.log.provider.isEmpty())
        return h;
    h.append({QByteArrayLiteral("x-tollgate-target"),
              (m_plan.log.provider + QLatin1Char('/') + m_plan.log.upstreamModel).toUtf8()});
    h.append({QByteArrayLiteral("x-tollgate-attempts"), QByteArray::number(qMax(1, m_attempt))});
    return h;
}

void ProxyExchange::startUpstream()
{
    HttpClient::Handler handler;
    handler.onHead = [this](const HttpResponseHead &head) { onHead(head); };
    handler.onData = [this](const char *data, qsizetype size) { onData(data, size); };
    handler.onDone = [this](const HttpResult &result) { onDone(result); };
    if (m_plan.stream) {
        // Small reads for streams: what one read brings in is held several
        // times over while a slow client's transfer is paused (libcurl's
        // paused data, the SSE parser, the socket's queue); 4 KiB instead of
        // 16 KiB took a stalled client from ~200 KB to ~140 KB
        // (docs/performance.md). SSE events are smaller than that. Other
        // responses keep libcurl's default: smaller reads cost throughput.
        m_plan.upstream.readBufferBytes = kStreamReadBytes;
    }
    m_transfer = m_rt.http->start(m_plan.upstream, std::move(handler));
}

void ProxyExchange::startMock()
{
    // Like an upstream asked for include_usage: the usage chunk is always
    // produced, for accounting, and dropped in relaySse() unless the caller asked.
    MockModel::Reply reply = MockModel::answer(QString::fromLatin1(m_plan.upstreamRoute), m_plan.mockRequest);
    HttpResponseHead head;
    head.status = reply.status;
    head.headers.append({"Content-Type", reply.contentType});
    if (reply.events.isEmpty()) {
        head.headers.append({"Content-Length", QByteArray::number(reply.body.size())});
        onHead(head);
        onData(reply.body.constData(), reply.body.size());
        HttpResult done;
        done.status = reply.status;
        onDone(done);
        return;
    }
    onHead(head);
    m_mockEvents = std::move(reply.events);
    m_mockTimer = new QTimer(this);
    m_mockTimer->setInterval(m_rt.options.mockStreamIntervalMs);
    connect(m_mockTimer, &QTimer::timeout, this, [this] {
        if (m_finished)
            return;
        if (m_mockEvents.isEmpty()) {
            m_mockTimer->stop();
            HttpResult done;
            done.status = 200;
            onDone(done);
            return;
        }
        const QByteArray event = m_mockEvents.takeFirst();
        onData(event.constData(), event.size());
    });
    m_mockTimer->start();
}

void ProxyExchange::onHead(const HttpResponseHead &head)
{
    if (!m_socket) {
        onClientGone();
        return;
    }
    m_status = head.status;
    if (head.status >= 400 && mayRetry(QString::number(head.status))) {
        // Not relayed yet: another target may answer instead.
        m_holding = true;
        m_heldHead = head;
        m_heldBody.clear();
        m_coolUntilMs = retryAfterUntil(head, Clock::nowMs());
        return;
    }
    if (head.status == 429) {
        m_coolUntilMs = retryAfterUntil(head, Clock::nowMs());
    } else if (const qint64 resetMs = RateLimitReset::exhaustedForMs(head.header("x-ratelimit-remaining-requests"),
                                                                     head.header("x-ratelimit-reset-requests"));
               resetMs > 0) {
        m_coolUntilMs = Clock::nowMs() + resetMs; // this one was served; the next would be refused
    }
    HttpHeaders relayed = routingHeaders();
    relayed.reserve(head.headers.size() + 2);
    QByteArray contentType;
    qint64 contentLength = -1;
    for (const auto &h : head.headers) {
        if (h.first.compare("content-type", Qt::CaseInsensitive) == 0) {
            contentType = h.second;
            continue;
        }
        if (h.first.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            contentLength = h.second.trimmed().toLongLong(&ok);
            if (!ok)
                contentLength = -1;
            continue;
        }
        if (!RequestPlanner::isDroppedResponseHeader(h.first))
            relayed.append(h);
    }
    if (m_scrubber.active()) {
        // A debug header that echoes the key ("x-debug-auth: Bearer sk-…").
        for (auto &h : relayed) {
            if (m_scrubber.contains(h.first))
                h.first = m_scrubber.scrub(h.first);
            if (m_scrubber.contains(h.second))
                h.second = m_scrubber.scrub(h.second);
        }
        if (m_scrubber.contains(contentType))
            contentType = m_scrubber.scrub(contentType);
    }
    m_isSse = contentType.startsWith("text/event-stream");
    // Relay with the upstream's length when nothing is filtered out; otherwise chunked.
    m_chunked = contentLength < 0 || (m_isSse && m_plan.dropUsageChunk);
    writeToClient(HttpWire::head(m_status, contentType, relayed, m_chunked ? -1 : contentLength, m_closeAfter));
    m_headWritten = true;
}

void ProxyExchange::onData(const char *data, qsizetype size)
{
    if (m_holding) {
        appendCapped(m_heldBody, data, size, kHeldBodyLimit);
        return;
    }
    if (m_ttfbNs < 0)
        m_ttfbNs = m_clock.nsecsElapsed();
    if (!m_socket) {
        onClientGone();
        return;
    }
    // The key never reaches the client, even split across two reads; a tail
    // that may start it waits for the next read (flushScrubber() at the end).
    const QByteArrayView safe = m_scrubber.feed(QByteArrayView(data, size));
    if (safe.isEmpty())
        return;
    if (m_isSse)
        relaySse(safe.data(), safe.size());
    else
        relay(safe.data(), safe.size());
}

void ProxyExchange::flushScrubber()
{
    const QByteArrayView rest = m_scrubber.finish();
    if (rest.isEmpty() || !m_socket || !m_headWritten)
        return;
    if (m_isSse)
        relaySse(rest.data(), rest.size());
    else
        relay(rest.data(), rest.size());
}

void ProxyExchange::relay(const char *data, qsizetype size)
{
    captureResponse(data, size);
    if (m_chunked) {
        QByteArray out;
        out.reserve(size + 16);
        HttpWire::appendChunk(out, data, size);
        writeToClient(out);
    } else if (m_socket) {
        m_socket->write(data, size);
        applyBackpressure();
    }
}

void ProxyExchange::relaySse(const char *data, qsizetype size)
{
    QByteArray out;
    m_sse.feed(QByteArrayView(data, size), [&](const SseParser::Event &event) {
        m_relayedChars += UsageEstimate::generatedChars(event.data);
        noteStreamError(event);
        // Only events that can carry usage are parsed, and each at most once.
        bool usageOnly = false;
        if (event.data.contains("\"usage\"") || event.name.startsWith("message_")) {
            const QJsonObject o = QJsonDocument::fromJson(event.data).object();
            m_usage.mergeFrom(o);
            // OpenAI: with include_usage the last chunk has empty choices and the usage.
            usageOnly =
                o.value(QLatin1String("usage")).isObject() && o.value(QLatin1String("choices")).toArray().isEmpty();
        }
        if (m_plan.dropUsageChunk && !usageOnly) {
            captureResponse(event.raw.data(), event.raw.size());
            HttpWire::appendChunk(out, event.raw.data(), event.raw.size());
        }
    });
    if (m_sse.overflowed()) {
        failOversizedEvent();
        return;
    }
    if (m_plan.dropUsageChunk) {
        // Whole events only: a partial one waits for its end so it can be judged.
        if (!out.isEmpty())
            writeToClient(out);
        return;
    }
    relay(data, size);
}

// An upstream event larger than the limit cannot be judged or relayed whole:
// the stream ends there (the connection closes, the client sees a cut
// stream) and the log says why.
void ProxyExchange::failOversizedEvent()
{
    cancelSource();
    if (m_socket && m_chunked)
        m_socket->write(HttpWire::lastChunk().data(), HttpWire::lastChunk().size());
    m_closeAfter = true;
    qCWarning(lcExchange) << "upstream SSE event over" << m_sse.maxEventBytes() << "bytes; stream ended";
    finish(502, QStringLiteral("Provider '%1' sent a stream event larger than %2 MiB; the stream was ended there.")
                    .arg(m_plan.provider.name)
                    .arg(double(m_sse.maxEventBytes()) / (1024 * 1024)));
}

void ProxyExchange::captureResponse(const char *data, qsizetype size)
{
    appendCapped(m_responseHead, data, size, RequestLogWriter::kBodyLimit);
    if (!m_isSse) {
        m_responseTail.append(data, size);
        if (m_responseTail.size() > 2 * kTailKeep)
            m_responseTail.remove(0, m_responseTail.size() - kTailKeep);
    }
}

void ProxyExchange::writeToClient(const QByteArray &bytes)
{
    if (!m_socket)
        return;
    m_socket->write(bytes);
    applyBackpressure();
}

void ProxyExchange::applyBackpressure()
{
    // Pause the source while a slow client has more than a little queued, so
    // what one stalled client costs stays small (kernel buffers aside).
    if (!m_socket)
        return;
    const qint64 queued = m_socket->bytesToWrite();
    ClientFlowStats::noteBuffered(queued);
    if (m_paused || queued <= ClientFlowStats::kHighWater)
        return;
    m_paused = true;
    ClientFlowStats::notePaused();
    if (m_transfer)
        m_rt.http->pause(m_transfer);
    else if (m_mockTimer)
        m_mockTimer->stop();
    if (!m_stallTimer) {
        m_stallTimer = new QTimer(this);
        m_stallTimer->setSingleShot(true);
        connect(m_stallTimer, &QTimer::timeout, this, &ProxyExchange::onClientStalled);
    }
    m_stallTimer->start(qMax(1, m_rt.options.stallTimeoutSec) * 1000);
}

void ProxyExchange::onClientDrained()
{
    if (!m_paused || !m_socket || m_socket->bytesToWrite() >= ClientFlowStats::kLowWater)
        return;
    m_paused = false;
    ClientFlowStats::noteResumed();
    if (m_stallTimer)
        m_stallTimer->stop();
    if (m_transfer)
        m_rt.http->resume(m_transfer);
    else if (m_mockTimer)
        m_mockTimer->start();
}

void ProxyExchange::onClientStalled()
{
    cancelSource();
    // Logged first: abort() emits disconnected(), which would log "closed the connection".
    const QPointer<QTcpSocket> socket = m_socket;
    finish(499, QStringLiteral("The client stopped reading the response."));
    if (socket)
        socket->abort();
}

void ProxyExchange::noteStreamError(const SseParser::Event &event)
{
    if (m_streamError)
        return;
    m_streamError = StreamError::fromEvent(event.name, event.data);
}

void ProxyExchange::endBrokenResponse(const HttpResult &result)
{
    // curl's words may quote what the upstream sent.
    const QString message =
        m_scrubber.scrub(QStringLiteral("The upstream connection broke mid-response: %1").arg(result.message));
    if (m_isSse) {
        // A last event in the caller's protocol, so SDKs raise instead of
        // returning a silently truncated answer.
        QByteArray event;
        if (!m_plan.dropUsageChunk && !m_sse.pending().isEmpty())
            event += "\n\n"; // the client already has the cut event's first bytes: end it
        const ErrorReply reply = ErrorReply::make(m_plan.protocol, GatewayError::UpstreamUnreachable, message);
        if (m_plan.protocol == WireProtocol::Anthropic)
            event += "event: error\n";
        event += "data: " + reply.body + "\n\n";
        if (m_chunked) {
            QByteArray out;
            HttpWire::appendChunk(out, event.constData(), event.size());
            out.append(HttpWire::lastChunk().data(), HttpWire::lastChunk().size());
            m_socket->write(out);
        } else {
            m_socket->write(event);
            m_closeAfter = true; // the declared length no longer holds
        }
    } else {
        // No error fits into another body: end the connection without the
        // last chunk, so the client sees the body is incomplete.
        m_closeAfter = true;
    }
    finish(502, message);
}

void ProxyExchange::onDone(const HttpResult &result)
{
    m_transfer = 0;
    if (m_finished)
        return;
    if (m_holding) {
        m_holding = false;
        const int status = m_heldHead.status;
        if (result.ok() && retryOrGiveUp(QString::number(status), status, errorExcerpt(m_heldBody)))
            return;
        replayHeld();
        if (m_finished)
            return;
    }
    if (!m_headWritten && result.error != HttpError::None && result.error != HttpError::Aborted) {
        const QString reason =
            result.error == HttpError::Timeout ? QStringLiteral("timeout") : QStringLiteral("connect");
        if (retryOrGiveUp(reason, 0, result.message))
            return;
    }
    if (!m_headWritten) {
        switch (result.error) {
        case HttpError::Timeout:
            failBeforeHead(GatewayError::UpstreamTimeout,
                           QStringLiteral("Provider '%1' did not answer in time.").arg(m_plan.provider.name));
            return;
        case HttpError::None:
            break;
        default:
            failBeforeHead(
                GatewayError::UpstreamUnreachable,
                QStringLiteral("Provider '%1' could not be reached: %2").arg(m_plan.provider.name, result.message));
            return;
        }
    }
    if (!m_socket) {
        onClientGone();
        return;
    }
    if (!result.ok()) {
        m_scrubber.finish(); // a stream cut inside the key: its first half stays here
        endBrokenResponse(result);
        return;
    }
    flushScrubber();
    if (m_chunked)
        m_socket->write(HttpWire::lastChunk().data(), HttpWire::lastChunk().size());
    if (m_streamError && m_status < 400) {
        // Relayed as the upstream sent it; the log records the failure.
        finish(m_streamError->status, m_streamError->summary());
        return;
    }
    QString error;
    if (m_status >= 400)
        error = errorExcerpt(m_responseHead);
    finish(m_status, error);
}

void ProxyExchange::cancelSource()
{
    if (m_transfer) {
        m_rt.http->abort(m_transfer);
        m_transfer = 0;
    }
    if (m_mockTimer)
        m_mockTimer->stop();
}

void ProxyExchange::abortForShutdown()
{
    if (m_finished)
        return;
    cancelSource();
    // Logged first: abort() emits disconnected(), which would log 499.
    const QPointer<QTcpSocket> socket = m_socket;
    finish(503, QStringLiteral("The gateway shut down before the response was complete."));
    if (socket)
        socket->abort();
}

void ProxyExchange::failBeforeHead(GatewayError error, const QString &text)
{
    const QString message = m_scrubber.scrub(text); // curl's words may quote what the upstream sent
    const ErrorReply reply = ErrorReply::make(m_plan.protocol, error, message);
    if (m_socket)
        m_socket->write(HttpWire::whole(reply.status, "application/json", routingHeaders(), reply.body, m_closeAfter));
    finish(reply.status, message);
}

void ProxyExchange::onClientGone()
{
    if (m_finished)
        return;
    cancelSource();
    finish(499, QStringLiteral("The client closed the connection before the response was complete."));
}

void ProxyExchange::finish(int status, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_paused)
        ClientFlowStats::noteReleased();
    if (m_socket)
        disconnect(m_socket, nullptr, this, nullptr);

    if (m_backoffTimer)
        m_backoffTimer->stop();
    // The try that served (or was cut short by the client) closes the attempts list.
    endAttempt(m_headWritten ? m_status : (m_attemptOpen && status == 499 ? -1 : status),
               m_headWritten && m_status < 400 ? QString() : error);
    if (!m_attempts.isEmpty())
        m_plan.log.attempts = QString::fromUtf8(QJsonDocument(m_attempts).toJson(QJsonDocument::Compact));

    LogRecord &log = m_plan.log;
    log.status = status;
    log.error = error;
    log.latencyMs = m_clock.nsecsElapsed() / 1e6;
    log.ttfbMs = m_ttfbNs < 0 ? 0 : m_ttfbNs / 1e6;
    if (!m_isSse && !m_usage.seen)
        m_usage.mergeFromFragment(m_responseTail.isEmpty() ? m_responseHead : m_responseTail);
    // Cut short (or a stream that never reported usage): charged for what was produced.
    if (m_headWritten && m_status < 400 && (status != m_status || (m_isSse && !m_usage.seen)))
        log.costEstimated = UsageEstimate::fillGaps(m_usage, m_plan.upstream.body, m_relayedChars);
    log.promptTokens = m_usage.prompt;
    log.completionTokens = m_usage.completion;
    log.cachedTokens = m_usage.cached;
    log.cacheWriteTokens = m_usage.cacheWrite;
    log.reasoningTokens = m_usage.reasoning;
    log.costUsd = CostCalculator::cost(m_usage, m_plan.pricing.price);
    if (m_rt.options.logBodies)
        log.responseBody = m_responseHead;
    // The response body was captured after scrubbing (relay() sees only
    // scrubbed bytes); the error text may quote curl or the upstream.
    log.error = m_scrubber.scrub(log.error);
    // The reservation made at admission gives way to what was really spent.
    if (m_plan.reservation.active && m_rt.limits)
        m_rt.limits->settle(m_plan.reservation, log.costUsd, log.promptTokens + log.completionTokens);
    if (m_rt.onFinished)
        m_rt.onFinished(log);
    if (m_rt.log)
        m_rt.log->append(std::move(log));
    if (m_socket && m_rt.listener)
        m_rt.listener->requestFinished(m_socket, m_closeAfter || status == 499);
    deleteLater();
}
