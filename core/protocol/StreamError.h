#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

// An error a provider reports inside a stream that began with 200: OpenAI
// chat/completions sends a data-only chunk `{"error":{"message","type",...}}`,
// OpenAI Responses an `error` event `{"type":"error","code","message"}`,
// Anthropic an `error` event `{"type":"error","error":{"type","message"}}`.
struct StreamError
{
    int status = 502; // the HTTP status the error's type stands for
    QString type;     // as the provider named it, e.g. "overloaded_error"
    QString message;

    // The error in one SSE event, if it is one. Cheap for ordinary events:
    // only data containing an "error" key or value is parsed.
    static std::optional<StreamError> fromEvent(QByteArrayView name, const QByteArray &data);
    // The status a provider's error type stands for (both providers' documented
    // types); unknown types are 502, since the upstream failed.
    static int statusForType(const QString &type);
    // "overloaded_error: Overloaded", for the request log.
    QString summary() const;
};
