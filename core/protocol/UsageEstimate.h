#pragma once

#include "core/protocol/TokenUsage.h"

#include <QByteArrayView>

// Token counts for a response that ended before the upstream reported usage
// (client cancelled, upstream died, a stream without a usage chunk): counted
// from the text that was sent and relayed, at about four characters a token
// (OpenAI's and Anthropic's rule of thumb). Pure, no JSON parsing: a linear
// scan, cheap enough to run on every relayed stream event.
namespace UsageEstimate {

// Characters of generated text in one stream event's JSON: the string values
// of "content", "text", "thinking", "partial_json", "arguments", "refusal" and
// "delta" (OpenAI Chat and Responses, Anthropic), escapes counted once.
qsizetype generatedChars(QByteArrayView eventJson);
// Characters of prompt text in a request body: string values of "content",
// "text", "system", "input", "prompt", "instructions".
qsizetype promptChars(QByteArrayView requestJson);
qint64 tokensForChars(qsizetype chars);

// Fills what the upstream did not report: the prompt from the request when no
// usage arrived, the completion from the relayed text when that is more than
// the usage said. Returns true when anything was estimated.
bool fillGaps(TokenUsage &usage, QByteArrayView requestJson, qsizetype relayedChars);

} // namespace UsageEstimate
