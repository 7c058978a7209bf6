#pragma once

#include "core/ledger/LimitStore.h"
#include "core/net/HttpClient.h"
#include "core/pricing/ModelPrice.h"
#include "core/routing/Alias.h"
#include "core/routing/GatewayKey.h"
#include "core/routing/Provider.h"
#include "core/storage/LogRecord.h"
#include "server/ErrorReply.h"
#include "server/GatewayOptions.h"
#include "server/InboundRequest.h"

#include <QJsonObject>

class ProviderKeySource;
class LimitStore;
class RoutingSnapshot;

// Everything decided about a request before any byte goes upstream.
struct RequestPlan
{
    enum class Action { Reply, Forward, Mock };
    Action action = Action::Reply;

    // Action::Reply: the whole answer.
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    HttpHeaders extraHeaders; // e.g. Retry-After

    // Turns the plan into the gateway's own error answer, in the plan's protocol, and logs it.
    void refuse(GatewayError error, const QString &message);

    // Action::Forward / Mock
    WireProtocol protocol = WireProtocol::OpenAI;
    QByteArray upstreamRoute; // "/chat/completions"
    Provider provider;
    EffectivePrice pricing; // alias override, else the bundled table
    bool stream = false;
    bool dropUsageChunk = false; // we asked for include_usage, the caller did not
    HttpRequest upstream;        // url, method, headers incl. provider auth, body
    QJsonObject mockRequest;     // Action::Mock: the rewritten request
    QByteArray providerKey;      // only to scrub it from what is relayed and logged; never stored

    // What admission took from the key's budget and limits; settled (or
    // released) exactly once when the request ends.
    SpendReservation reservation;

    // Seed of the log record (time, key, route, model, client, request body).
    LogRecord log;
    bool logIt = true;
};

// Turns an inbound request into a plan: authentication, key rules, body
// checks, model resolution, alias defaults, header rewriting. A plain function
// of its inputs, so tests call it without sockets.
namespace RequestPlanner {

RequestPlan plan(const InboundRequest &request, const RoutingSnapshot &routes, const GatewayOptions &options,
                 ProviderKeySource *keys, LimitStore *limits);

// Hop-by-hop and credential headers never forwarded upstream.
bool isDroppedRequestHeader(const QByteArray &name);
// Headers of the upstream response not relayed to the client.
bool isDroppedResponseHeader(const QByteArray &name);

} // namespace RequestPlanner
