#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// The built-in `demo` provider's model: deterministic, offline, instant. It
// answers in the caller's protocol so the Playground and SDKs work before the
// user owns any provider key.
namespace MockModel {

struct Reply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;          // non-streaming
    QList<QByteArray> events; // streaming: whole SSE events, in order
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
};

// route: "/chat/completions", "/completions", "/embeddings", "/responses",
// "/messages", "/messages/count_tokens". `request` is the caller's JSON with
// `model` already rewritten to the upstream id. Chat and completion streams
// always end with the usage-only chunk, as an upstream asked for
// stream_options.include_usage does; the gateway drops it unless the caller asked.
Reply answer(const QString &route, const QJsonObject &request);

QStringList modelIds();
QString replyTextFor(const QString &prompt);

} // namespace MockModel
