#pragma once

#include "server/ErrorReply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

class RoutingSnapshot;
struct GatewayKey;

// GET /v1/models and GET /v1/models/{id}, answered by the gateway itself from
// what the key may call. OpenAI shape ({"object":"list","data":[{id, object,
// created, owned_by}]}) for OpenAI callers; Anthropic's for callers that send
// anthropic-version ({"data":[{type:"model", id, display_name, created_at}],
// has_more, first_id, last_id}, paged by limit / after_id / before_id).
namespace ModelRoutes {

struct Answer
{
    QByteArray body; // when ok
    GatewayError error = GatewayError::BadRequest;
    QString message; // when !ok
    bool ok = false;
};

Answer list(const RoutingSnapshot &routes, const GatewayKey *key, WireProtocol protocol, QByteArrayView query);
// `id` is decoded ("up/gpt-x" may arrive as up%2Fgpt-x or as two segments).
Answer retrieve(const RoutingSnapshot &routes, const GatewayKey *key, WireProtocol protocol, const QString &id);

} // namespace ModelRoutes
