#pragma once

#include <QByteArray>
#include <QtGlobal>

// OpenAI-style rate-limit headers: x-ratelimit-remaining-requests: 0 means
// the next request would be refused until x-ratelimit-reset-requests passes
// (a duration such as "1s", "6m0s", "120ms", "2h1m3.5s").
namespace RateLimitReset {

// Milliseconds until the limit resets; -1 when the text is not a duration.
qint64 parseDurationMs(const QByteArray &text);

// When the response says the request limit is used up: ms until it resets
// (1000 when the reset header is missing or unreadable); otherwise 0.
qint64 exhaustedForMs(const QByteArray &remainingRequests, const QByteArray &resetRequests);

} // namespace RateLimitReset
