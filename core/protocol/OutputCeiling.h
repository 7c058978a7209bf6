#pragma once

#include <QByteArrayView>

#include <optional>

// The most output a request asks for, in the request body's own terms:
// `max_tokens` (OpenAI Chat legacy, Anthropic), `max_completion_tokens`
// (OpenAI Chat), `max_output_tokens` (OpenAI Responses), or Gemini's
// `generationConfig.maxOutputTokens`. Empty when the body names none.
namespace OutputCeiling {

std::optional<qint64> requested(QByteArrayView requestJson);

} // namespace OutputCeiling
