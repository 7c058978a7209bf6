#pragma once

#include <QByteArray>
#include <QString>

// The one place that turns a gateway-made error into a status and a body in
// the caller's protocol: OpenAI {"error":{"message","type","code"}} on OpenAI
// routes, Anthropic {"type":"error","error":{"type","message"}} on /v1/messages.
enum class WireProtocol { OpenAI, Anthropic };

enum class GatewayError {
    BadJson,             // 400
    BadRequest,          // 400
    Unauthorized,        // 401
    Forbidden,           // 403
    NotFound,            // 404 (route)
    ModelNotFound,       // 404 model_not_found
    MethodNotAllowed,    // 405
    RequestTimeout,      // 408
    BodyTooLarge,        // 413
    UnsupportedMedia,    // 415
    RateLimited,         // 429
    HeadersTooLarge,     // 431
    Internal,            // 500
    UpstreamUnreachable, // 502
    ProviderKeyMissing,  // 502
    UpstreamTimeout,     // 504
    BudgetExceeded,      // 429 budget_exceeded
    ModelUnpriced,       // 403 model_unpriced: a budgeted key, a model without a price
    AllTargetsDown,      // 503: every target of an alias is open or cooling
};

struct ErrorReply
{
    int status = 500;
    QByteArray body;

    static ErrorReply make(WireProtocol protocol, GatewayError error, const QString &message);
    static int statusFor(GatewayError error);
};
