#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>

// Token counts reported by a provider, in whichever shape it uses:
// OpenAI chat/completions (prompt_tokens, completion_tokens,
// prompt_tokens_details.cached_tokens), OpenAI Responses and Anthropic
// (input_tokens, output_tokens, cache_read_input_tokens).
struct TokenUsage
{
    qint64 prompt = 0;
    qint64 completion = 0;
    qint64 cached = 0;
    bool seen = false;

    // Reads `usage` at the top level or inside `message` / `response`
    // (Anthropic message_start, Responses response.completed) and merges it:
    // each count keeps the largest value seen, because streams repeat and
    // grow them (Anthropic message_delta carries the running output count).
    void mergeFrom(const QJsonObject &object);
    // Parses a JSON document and merges; non-JSON is ignored.
    void mergeFromJson(QByteArrayView json);
    // Finds the last "usage" object in a fragment of JSON text (the tail of a
    // large response) and merges it, without parsing the whole document.
    void mergeFromFragment(QByteArrayView text);
};
