#pragma once

#include "core/net/HttpHeaders.h"
#include "core/net/HttpRequest.h"
#include "core/net/HttpResponseHead.h"
#include "core/net/HttpResult.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <memory>

// Asynchronous HTTP on libcurl's multi interface, driven by the Qt event loop
// of the thread the client lives in (CURLMOPT_SOCKETFUNCTION/TIMERFUNCTION with
// QSocketNotifier/QTimer). Qt's own network access layer caps connections per
// host and costs far more CPU a request (PRODUCT.md "Gateway internals"). No
// per-host connection cap here; connections are reused.
//
// Callbacks run on the client's thread, never from inside start(), and it is
// safe to call abort()/pause()/resume() from inside any of them.
class HttpClient final : public QObject
{
    Q_OBJECT
public:
    using TransferId = quint64;

    struct Handler
    {
        std::function<void(const HttpResponseHead &)> onHead;         // once, before any body bytes
        std::function<void(const char *data, qsizetype size)> onData; // body bytes as they arrive
        std::function<void(const HttpResult &)> onDone;               // exactly once, unless abort() was called
    };

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;
    Q_DISABLE_COPY_MOVE(HttpClient)

    TransferId start(HttpRequest request, Handler handler);
    // Cancels at once; no callback of this transfer runs afterwards.
    void abort(TransferId id);
    // Flow control: stop/continue reading the response (a slow client downstream).
    void pause(TransferId id);
    void resume(TransferId id);

    // Buffered convenience for small responses (model discovery). `done` runs
    // once unless `context` was destroyed first.
    void fetch(HttpRequest request, QObject *context,
               std::function<void(const HttpResult &, const HttpResponseHead &, const QByteArray &body)> done,
               qint64 maxBody = 16 * 1024 * 1024);

    int activeTransfers() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
