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

// One target a request may be sent to, fully prepared (the body is the
// client's bytes with this target's model id spliced in).
struct PlannedTarget
{
    Provider provider;
    QString upstreamModel;
    QString key; // "provider/model": breaker and statistics
    EffectivePrice pricing;
    HttpRequest upstream;
    QByteArray providerKey;
    QByteArray logBody;
    bool dropUsageChunk = false;
    int weight = 1;
    int priority = 1;
    int group = 0; // 0: the alias's own targets; 1..: its fallback aliases, in order
};

// The alternatives of a forwarded request: tried in turn (PRODUCT.md "Routing").
struct RoutingPlan
{
    QString alias; // empty when the model was not named through an alias
    RetryPolicy retry;
    struct Group
    {
        QString alias;
        QString strategy;
    };
    QList<Group> groups;
    QList<PlannedTarget> targets; // by group, then priority, then position
};

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
    RoutingPlan routing; // Action::Forward: every target; the fields above are one of them

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

// Makes target `index` of plan.routing the one the plan's fields describe.
void applyTarget(RequestPlan &plan, int index, const GatewayOptions &options);

// Hop-by-hop and credential headers never forwarded upstream.
bool isDroppedRequestHeader(const QByteArray &name);
// Headers of the upstream response not relayed to the client.
bool isDroppedResponseHeader(const QByteArray &name);

} // namespace RequestPlanner
