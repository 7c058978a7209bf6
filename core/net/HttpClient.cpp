#include "core/net/HttpClient.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLoggingCategory>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include <curl/curl.h>

#include <algorithm>
#include <limits>
#include <mutex>
#include <vector>

Q_LOGGING_CATEGORY(lcHttp, "tollgate.http")

namespace {

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Easy handles are expensive to create (several KB each); a small pool keeps
// the request path free of that allocation. Connections live in the multi
// handle's cache, not in the easy handle, so recycling does not affect reuse.
constexpr int kEasyPoolLimit = 256;
constexpr long kMaxCachedConnections = 4096;

} // namespace

struct HttpClient::Private
{
    struct Transfer
    {
        TransferId id = 0;
        CURL *easy = nullptr;
        curl_slist *headerList = nullptr;
        HttpRequest request; // keeps the body alive for CURLOPT_POSTFIELDS
        Handler handler;
        HttpResponseHead head;
        qint64 bytesReceived = 0;
        qint64 firstByteDeadline = 0; // monotonic ms; 0 once the head is in
        bool headDelivered = false;
        bool aborted = false;
        bool paused = false;
        Private *owner = nullptr;
        char errorBuffer[CURL_ERROR_SIZE];
    };

    struct Socket
    {
        curl_socket_t fd = CURL_SOCKET_BAD;
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    HttpClient *q = nullptr;
    CURLM *multi = nullptr;
    QTimer curlTimer;     // libcurl's own timeout (CURLMOPT_TIMERFUNCTION)
    QTimer sweepTimer;    // first-byte deadlines
    QTimer deferredTimer; // work that must not run inside libcurl or inside a caller
    qint64 sweepAt = 0;
    QElapsedTimer clock;
    TransferId nextId = 1;
    QHash<TransferId, Transfer *> transfers;
    std::vector<Transfer *> graveyard;   // aborted inside a libcurl callback
    std::vector<Transfer *> pendingAdds; // started inside a libcurl callback
    std::vector<TransferId> pendingResumes;
    std::vector<CURL *> easyPool;
    int inCurl = 0;

    qint64 now() const { return clock.elapsed(); }

    CURL *takeEasy()
    {
        if (!easyPool.empty()) {
            CURL *e = easyPool.back();
            easyPool.pop_back();
            return e;
        }
        return curl_easy_init();
    }

    void releaseTransfer(Transfer *t)
    {
        if (t->easy) {
            if (int(easyPool.size()) < kEasyPoolLimit) {
                curl_easy_reset(t->easy);
                easyPool.push_back(t->easy);
            } else {
                curl_easy_cleanup(t->easy);
            }
            t->easy = nullptr;
        }
        curl_slist_free_all(t->headerList);
        t->headerList = nullptr;
        delete t;
    }

    // Removes from libcurl and frees; never runs user callbacks.
    void dispose(Transfer *t)
    {
        curl_multi_remove_handle(multi, t->easy);
        releaseTransfer(t);
    }

    void scheduleDeferred()
    {
        if (!deferredTimer.isActive())
            deferredTimer.start(0);
    }

    void afterCurl()
    {
        if (inCurl > 0)
            return;
        flushGraveyard();
        if (!pendingAdds.empty()) {
            std::vector<Transfer *> adds;
            adds.swap(pendingAdds);
            for (Transfer *t : adds) {
                if (t->aborted)
                    releaseTransfer(t);
                else
                    curl_multi_add_handle(multi, t->easy);
            }
        }
        readMessages();
    }

    void flushGraveyard()
    {
        while (!graveyard.empty()) {
            std::vector<Transfer *> dead;
            dead.swap(graveyard);
            for (Transfer *t : dead)
                dispose(t);
        }
    }

    void socketAction(curl_socket_t fd, int events)
    {
        int running = 0;
        ++inCurl;
        curl_multi_socket_action(multi, fd, events, &running);
        --inCurl;
        afterCurl();
    }

    void runDeferred()
    {
        if (!pendingResumes.empty()) {
            std::vector<TransferId> ids;
            ids.swap(pendingResumes);
            for (TransferId id : ids) {
                Transfer *t = transfers.value(id);
                if (!t || t->paused)
                    continue;
                // Unpausing may deliver buffered data at once; that counts as
                // being inside libcurl for abort()/start() called from onData.
                ++inCurl;
                curl_easy_pause(t->easy, CURLPAUSE_CONT);
                --inCurl;
            }
        }
        afterCurl();
    }

    static QString describe(Transfer *t, CURLcode code)
    {
        const QString detail = t->errorBuffer[0] ? QString::fromUtf8(t->errorBuffer).trimmed()
                                                 : QString::fromUtf8(curl_easy_strerror(code));
        return detail;
    }

    // Whether any of the request reached the server: false while connecting,
    // resolving or in the TLS handshake, true once headers went out (also on
    // a reused connection).
    static bool requestSent(Transfer *t)
    {
        long sent = 0;
        curl_easy_getinfo(t->easy, CURLINFO_REQUEST_SIZE, &sent);
        return sent > 0;
    }

    HttpResult resultFor(Transfer *t, CURLcode code) const
    {
        HttpResult r;
        r.status = t->head.status;
        r.bytesReceived = t->bytesReceived;
        switch (code) {
        case CURLE_OK:
            r.error = HttpError::None;
            break;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL:
            r.error = HttpError::ConnectFailed;
            r.message = HttpClient::tr("Could not connect to the server: %1").arg(describe(t, code));
            break;
        case CURLE_OPERATION_TIMEDOUT:
            if (!requestSent(t)) {
                // The connect timeout: the server was never reached (502, not 504).
                r.error = HttpError::ConnectFailed;
                r.message = HttpClient::tr("Could not connect to the server: %1").arg(describe(t, code));
                break;
            }
            r.error = HttpError::Timeout;
            r.message = HttpClient::tr("The request timed out: %1").arg(describe(t, code));
            break;
        default:
            r.error = HttpError::Transfer;
            r.message =
                t->headDelivered
                    ? HttpClient::tr("The connection broke during the response: %1").arg(describe(t, code))
                    : HttpClient::tr("The server closed the connection without a response: %1").arg(describe(t, code));
            break;
        }
        return r;
    }

    // Hands the transfer's outcome to its owner. The transfer is gone from
    // every table before onDone runs, so anything the callback does is safe.
    void finish(Transfer *t, const HttpResult &result)
    {
        transfers.remove(t->id);
        const auto pending = std::find(pendingAdds.begin(), pendingAdds.end(), t);
        if (pending != pendingAdds.end())
            pendingAdds.erase(pending);
        else
            curl_multi_remove_handle(multi, t->easy);
        auto onDone = std::move(t->handler.onDone);
        auto keepOnHead = std::move(t->handler.onHead);
        auto keepOnData = std::move(t->handler.onData);
        releaseTransfer(t);
        if (onDone)
            onDone(result);
    }

    void readMessages()
    {
        int left = 0;
        while (CURLMsg *msg = curl_multi_info_read(multi, &left)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CURL *easy = msg->easy_handle;
            const CURLcode code = msg->data.result;
            Transfer *t = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &t);
            if (!t || t->aborted)
                continue;
            finish(t, resultFor(t, code));
        }
    }

    void armSweep(qint64 deadline)
    {
        if (!sweepTimer.isActive() || deadline < sweepAt) {
            sweepAt = deadline;
            sweepTimer.start(int(qMax<qint64>(0, deadline - now())));
        }
    }

    void sweep()
    {
        const qint64 t0 = now();
        std::vector<TransferId> expired;
        qint64 next = std::numeric_limits<qint64>::max();
        for (Transfer *t : std::as_const(transfers)) {
            if (t->headDelivered || t->aborted || t->firstByteDeadline == 0)
                continue;
            if (t->firstByteDeadline <= t0)
                expired.push_back(t->id);
            else
                next = qMin(next, t->firstByteDeadline);
        }
        if (next != std::numeric_limits<qint64>::max())
            armSweep(next);
        for (TransferId id : expired) {
            Transfer *t = transfers.value(id);
            if (!t)
                continue;
            HttpResult r;
            r.bytesReceived = t->bytesReceived;
            if (!requestSent(t)) {
                r.error = HttpError::ConnectFailed;
                r.message = HttpClient::tr("Could not connect to the server within %1 s.")
                                .arg(double(t->request.firstByteTimeoutMs) / 1000.0, 0, 'g', 3);
            } else {
                r.error = HttpError::Timeout;
                r.message = HttpClient::tr("The server sent no response within %1 s.")
                                .arg(double(t->request.firstByteTimeoutMs) / 1000.0, 0, 'g', 3);
            }
            finish(t, r);
        }
    }

    void deliverHead(Transfer *t)
    {
        t->headDelivered = true;
        t->firstByteDeadline = 0;
        if (t->handler.onHead)
            t->handler.onHead(t->head);
    }

    // --- libcurl callbacks -------------------------------------------------

    static size_t headerCallback(char *buffer, size_t size, size_t count, void *userdata)
    {
        auto *t = static_cast<Transfer *>(userdata);
        const size_t bytes = size * count;
        if (t->aborted)
            return 0;
        if (t->headDelivered)
            return bytes; // trailers of a chunked body
        QByteArrayView line(buffer, qsizetype(bytes));
        while (!line.isEmpty() && (line.back() == '\n' || line.back() == '\r'))
            line.chop(1);
        if (line.isEmpty()) {
            // End of a header block. Interim 1xx answers (100 Continue, 103
            // Early Hints) are followed by the real one: start over.
            if (t->head.status >= 100 && t->head.status < 200) {
                t->head = HttpResponseHead();
                return bytes;
            }
            t->owner->deliverHead(t);
            return t->aborted ? 0 : bytes;
        }
        if (line.startsWith("HTTP/")) {
            t->head.headers.clear();
            const qsizetype space = line.indexOf(' ');
            if (space > 0) {
                QByteArrayView rest = line.sliced(space + 1);
                int status = 0;
                for (qsizetype i = 0; i < rest.size() && i < 3; ++i) {
                    const char c = rest[i];
                    if (c < '0' || c > '9')
                        break;
                    status = status * 10 + (c - '0');
                }
                t->head.status = status;
            }
            return bytes;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            t->head.headers.append(
                qMakePair(line.first(colon).trimmed().toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()));
        }
        return bytes;
    }

    static size_t writeCallback(char *data, size_t size, size_t count, void *userdata)
    {
        auto *t = static_cast<Transfer *>(userdata);
        const size_t bytes = size * count;
        if (t->aborted)
            return 0;
        if (t->paused)
            return CURL_WRITEFUNC_PAUSE; // libcurl keeps the bytes and offers them again on resume
        if (!t->headDelivered) {
            t->owner->deliverHead(t);
            if (t->aborted)
                return 0;
        }
        t->bytesReceived += qint64(bytes);
        if (t->handler.onData && bytes > 0)
            t->handler.onData(data, qsizetype(bytes));
        return t->aborted ? 0 : bytes;
    }

    static int socketCallback(CURL *, curl_socket_t fd, int what, void *userp, void *socketp)
    {
        auto *self = static_cast<Private *>(userp);
        auto *s = static_cast<Socket *>(socketp);
        if (what == CURL_POLL_REMOVE) {
            if (s) {
                self->dropSocket(s);
                curl_multi_assign(self->multi, fd, nullptr);
            }
            return 0;
        }
        if (!s) {
            s = new Socket;
            s->fd = fd;
            curl_multi_assign(self->multi, fd, s);
        }
        const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
        const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
        if (wantRead && !s->read) {
            s->read = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, self->q);
            QObject::connect(s->read, &QSocketNotifier::activated, self->q,
                             [self, fd] { self->socketAction(fd, CURL_CSELECT_IN); });
        }
        if (wantWrite && !s->write) {
            s->write = new QSocketNotifier(qintptr(fd), QSocketNotifier::Write, self->q);
            QObject::connect(s->write, &QSocketNotifier::activated, self->q,
                             [self, fd] { self->socketAction(fd, CURL_CSELECT_OUT); });
        }
        if (s->read)
            s->read->setEnabled(wantRead);
        if (s->write)
            s->write->setEnabled(wantWrite);
        return 0;
    }

    void dropSocket(Socket *s)
    {
        // The notifier may be the one whose activated() we are inside of.
        for (QSocketNotifier *n : {s->read, s->write}) {
            if (n) {
                n->setEnabled(false);
                n->deleteLater();
            }
        }
        delete s;
    }

    static int timerCallback(CURLM *, long timeoutMs, void *userp)
    {
        auto *self = static_cast<Private *>(userp);
        if (timeoutMs < 0)
            self->curlTimer.stop();
        else
            self->curlTimer.start(int(qMin<long>(timeoutMs, std::numeric_limits<int>::max())));
        return 0;
    }
};

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    globalInit();
    d->q = this;
    d->clock.start();
    d->multi = curl_multi_init();
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETFUNCTION, &Private::socketCallback);
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETDATA, d.get());
    curl_multi_setopt(d->multi, CURLMOPT_TIMERFUNCTION, &Private::timerCallback);
    curl_multi_setopt(d->multi, CURLMOPT_TIMERDATA, d.get());
    curl_multi_setopt(d->multi, CURLMOPT_MAXCONNECTS, kMaxCachedConnections);
    curl_multi_setopt(d->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
    curl_multi_setopt(d->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0L);
    curl_multi_setopt(d->multi, CURLMOPT_PIPELINING, long(CURLPIPE_NOTHING));

    d->curlTimer.setSingleShot(true);
    d->curlTimer.setTimerType(Qt::PreciseTimer);
    connect(&d->curlTimer, &QTimer::timeout, this, [this] { d->socketAction(CURL_SOCKET_TIMEOUT, 0); });
    d->sweepTimer.setSingleShot(true);
    connect(&d->sweepTimer, &QTimer::timeout, this, [this] { d->sweep(); });
    d->deferredTimer.setSingleShot(true);
    connect(&d->deferredTimer, &QTimer::timeout, this, [this] { d->runDeferred(); });
}

HttpClient::~HttpClient()
{
    d->curlTimer.stop();
    d->sweepTimer.stop();
    d->deferredTimer.stop();
    for (Private::Transfer *t : std::as_const(d->transfers)) {
        t->aborted = true;
        if (std::find(d->pendingAdds.begin(), d->pendingAdds.end(), t) == d->pendingAdds.end())
            curl_multi_remove_handle(d->multi, t->easy);
        d->releaseTransfer(t);
    }
    d->transfers.clear();
    d->pendingAdds.clear();
    for (Private::Transfer *t : d->graveyard)
        d->dispose(t);
    d->graveyard.clear();
    curl_multi_cleanup(d->multi);
    d->multi = nullptr;
    for (CURL *e : d->easyPool)
        curl_easy_cleanup(e);
    d->easyPool.clear();
}

HttpClient::TransferId HttpClient::start(HttpRequest request, Handler handler)
{
    auto *t = new Private::Transfer;
    t->id = d->nextId++;
    t->owner = d.get();
    t->request = std::move(request);
    t->handler = std::move(handler);
    t->errorBuffer[0] = '\0';
    t->easy = d->takeEasy();
    CURL *e = t->easy;
    const HttpRequest &r = t->request;

    curl_easy_setopt(e, CURLOPT_URL, r.url.constData());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errorBuffer);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Private::headerCallback);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Private::writeCallback);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    if (r.readBufferBytes > 0)
        curl_easy_setopt(e, CURLOPT_BUFFERSIZE, long(r.readBufferBytes));
    if (r.connectTimeoutMs > 0)
        curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(r.connectTimeoutMs));
    if (r.totalTimeoutMs > 0)
        curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(r.totalTimeoutMs));

    if (r.method == "GET") {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else if (r.method == "HEAD") {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else {
        if (r.method != "POST")
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method.constData());
        if (r.method == "POST" || !r.body.isEmpty()) {
            curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
            curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.constData());
        }
    }

    bool hasContentType = false;
    QByteArray line;
    for (const auto &h : r.headers) {
        // A CR or LF would let a header smuggle in more headers or a second request.
        if (h.first.isEmpty() || h.first.contains('\r') || h.first.contains('\n') || h.second.contains('\r')
            || h.second.contains('\n')) {
            qCWarning(lcHttp) << "dropping a request header with a line break in it";
            continue;
        }
        if (h.first.compare("content-type", Qt::CaseInsensitive) == 0)
            hasContentType = true;
        line.clear();
        line.reserve(h.first.size() + h.second.size() + 2);
        line.append(h.first);
        // "Name;" is libcurl's spelling of a header with an empty value.
        if (h.second.isEmpty()) {
            line.append(';');
        } else {
            line.append(": ");
            line.append(h.second);
        }
        t->headerList = curl_slist_append(t->headerList, line.constData());
    }
    // No Expect: 100-continue round trip, and no invented form content type.
    t->headerList = curl_slist_append(t->headerList, "Expect:");
    if (!hasContentType && r.method != "GET" && r.method != "HEAD")
        t->headerList = curl_slist_append(t->headerList, "Content-Type:");
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headerList);

    if (r.firstByteTimeoutMs > 0) {
        t->firstByteDeadline = d->now() + r.firstByteTimeoutMs;
        d->armSweep(t->firstByteDeadline);
    }

    d->transfers.insert(t->id, t);
    if (d->inCurl > 0) {
        d->pendingAdds.push_back(t);
        d->scheduleDeferred();
    } else {
        // libcurl answers by asking for a zero timeout, so the transfer begins
        // on the next event loop pass and no callback runs inside start().
        curl_multi_add_handle(d->multi, e);
    }
    return t->id;
}

void HttpClient::abort(TransferId id)
{
    Private::Transfer *t = d->transfers.take(id);
    if (!t)
        return;
    t->aborted = true;
    const auto pending = std::find(d->pendingAdds.begin(), d->pendingAdds.end(), t);
    if (pending != d->pendingAdds.end()) {
        d->pendingAdds.erase(pending);
        d->graveyard.push_back(t); // remove_handle on a never-added handle is harmless
        d->scheduleDeferred();
        return;
    }
    if (d->inCurl > 0) {
        d->graveyard.push_back(t);
        d->scheduleDeferred();
        return;
    }
    d->dispose(t);
}

void HttpClient::pause(TransferId id)
{
    Private::Transfer *t = d->transfers.value(id);
    if (!t || t->paused)
        return;
    t->paused = true;
    // Inside a callback the next write returns CURL_WRITEFUNC_PAUSE instead.
    if (d->inCurl == 0)
        curl_easy_pause(t->easy, CURLPAUSE_RECV);
}

void HttpClient::resume(TransferId id)
{
    Private::Transfer *t = d->transfers.value(id);
    if (!t || !t->paused)
        return;
    t->paused = false;
    d->pendingResumes.push_back(id);
    d->scheduleDeferred();
}

void HttpClient::fetch(HttpRequest request, QObject *context,
                       std::function<void(const HttpResult &, const HttpResponseHead &, const QByteArray &)> done,
                       qint64 maxBody)
{
    struct State
    {
        QPointer<QObject> context;
        bool hasContext = false;
        HttpResponseHead head;
        QByteArray body;
        TransferId id = 0;
        bool finished = false;
        std::function<void(const HttpResult &, const HttpResponseHead &, const QByteArray &)> done;
    };
    auto state = std::make_shared<State>();
    state->context = context;
    state->hasContext = context != nullptr;
    state->done = std::move(done);

    auto deliver = [state](const HttpResult &result) {
        if (state->finished)
            return;
        state->finished = true;
        if (state->hasContext && !state->context)
            return;
        auto callback = std::move(state->done);
        if (callback)
            callback(result, state->head, state->body);
    };
    auto tooLarge = [this, state, deliver, maxBody] {
        abort(state->id);
        HttpResult r;
        r.error = HttpError::TooLarge;
        r.status = state->head.status;
        r.bytesReceived = state->body.size();
        r.message = tr("The response is larger than %1 bytes.").arg(maxBody);
        state->body.clear();
        // Not from inside libcurl's callback: the caller may start new work.
        QTimer::singleShot(0, this, [deliver, r] { deliver(r); });
    };

    Handler handler;
    handler.onHead = [state, maxBody, tooLarge](const HttpResponseHead &head) {
        state->head = head;
        const qint64 announced = head.header("content-length").toLongLong();
        if (maxBody > 0 && announced > maxBody)
            tooLarge();
        else if (announced > 0)
            state->body.reserve(qsizetype(announced));
    };
    handler.onData = [state, maxBody, tooLarge](const char *data, qsizetype size) {
        if (maxBody > 0 && state->body.size() + size > maxBody) {
            tooLarge();
            return;
        }
        state->body.append(data, size);
    };
    handler.onDone = [deliver](const HttpResult &result) { deliver(result); };
    state->id = start(std::move(request), std::move(handler));
}

int HttpClient::activeTransfers() const
{
    return int(d->transfers.size());
}
