#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

// Token counts reported by a provider, normalised from whichever shape it uses:
// - OpenAI Chat: prompt_tokens (cache reads inside), prompt_tokens_details.cached_tokens,
//   completion_tokens (reasoning inside), completion_tokens_details.reasoning_tokens.
// - OpenAI Responses: input_tokens (cache reads inside), input_tokens_details.cached_tokens,
//   output_tokens (reasoning inside), output_tokens_details.reasoning_tokens.
// - Anthropic: input_tokens EXCLUDES cache_read_input_tokens and
//   cache_creation_input_tokens; the latter may be split in cache_creation
//   {ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}.
// - Gemini usageMetadata: promptTokenCount (cachedContentTokenCount inside),
//   candidatesTokenCount, thoughtsTokenCount (apart from the candidates).
struct TokenUsage
{
    qint64 prompt = 0;       // ALL input tokens: uncached, cache reads and cache writes
    qint64 completion = 0;   // all output tokens, reasoning included
    qint64 cached = 0;       // cache reads (part of prompt)
    qint64 cacheWrite = 0;   // cache writes, 5-minute and 1-hour (part of prompt)
    qint64 cacheWrite1h = 0; // the 1-hour part of cacheWrite
    qint64 reasoning = 0;    // reasoning/thinking tokens (part of completion)
    bool seen = false;

    // Reads `usage` (or Gemini's `usageMetadata`) at the top level or inside `message` / `response`
    // (Anthropic message_start, Responses response.completed) and merges it:
    // each count keeps the largest value seen, because streams repeat and
    // grow them (Anthropic message_delta carries the running output count).
    void mergeFrom(const QJsonObject &object);
    // Parses a JSON document and merges; non-JSON is ignored.
    void mergeFromJson(QByteArrayView json);
    // Finds the last "usage" object in a fragment of JSON text (the tail of a
    // large response) and merges it, without parsing the whole document.
    void mergeFromFragment(QByteArrayView text);

private:
    void mergeGemini(const QJsonObject &usageMetadata);
};
