#pragma once

#include "core/protocol/JsonScan.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// The gateway's edits to a JSON request body, made as byte splices so the
// provider receives the client's bytes with only these changes: the upstream
// model id, alias defaults for parameters the caller omitted (where the route
// takes them), and `stream_options.include_usage` for OpenAI streams.
struct RequestRewrite
{
    QByteArrayView route;     // path after /v1, e.g. "/chat/completions"
    QString upstreamModel;    // empty: `model` stays as sent
    QJsonObject defaults;     // the alias's defaults
    bool askForUsage = false; // OpenAI stream: usage arrives only in a chunk we must ask for

    struct Result
    {
        bool changed = false; // false: send the original bytes (body stays empty)
        QByteArray body;
        bool askedForUsage = false; // include_usage was added: the caller did not ask for the usage chunk
    };
    Result apply(const JsonObjectView &body) const;
};
