#include "core/protocol/RouteParameters.h"

#include <QList>

namespace {

// One route's rule. `anyName`: every parameter passes (the chat routes, which
// alias defaults are written for); otherwise only `accepted` ones do.
// `tokenLimits`: the spellings of "most tokens to generate" the route takes,
// the first being the one a foreign spelling becomes; empty: none.
struct Rule
{
    QByteArrayView route;
    bool anyName = false;
    QList<QByteArrayView> tokenLimits;
    QList<QByteArrayView> accepted;
};

// Every spelling of the token limit across OpenAI Chat, Responses and Anthropic.
const QList<QByteArrayView> kTokenLimitNames = {"max_tokens", "max_completion_tokens", "max_output_tokens"};

const QList<Rule> &rules()
{
    static const QList<Rule> table = {
        {"/chat/completions", true, {"max_tokens", "max_completion_tokens"}, {}},
        {"/completions", true, {"max_tokens"}, {}},
        // OpenAI Responses API reference: request body parameters.
        {"/responses",
         false,
         {"max_output_tokens"},
         {"temperature", "top_p", "top_logprobs", "user", "metadata", "store", "service_tier", "truncation",
          "parallel_tool_calls", "tool_choice", "tools", "instructions", "reasoning", "text", "include", "background",
          "max_tool_calls", "prompt_cache_key", "safety_identifier"}},
        // Anthropic Messages API: max_tokens is required there, so a default for it matters most.
        {"/messages",
         false,
         {"max_tokens"},
         {"temperature", "top_p", "top_k", "stop_sequences", "metadata", "system", "tools", "tool_choice", "thinking",
          "service_tier"}},
        // count_tokens takes the prompt, not the sampling parameters.
        {"/messages/count_tokens", false, {}, {"system", "tools", "tool_choice", "thinking"}},
        {"/embeddings", false, {}, {"dimensions", "encoding_format", "user"}},
        {"/audio/speech", false, {}, {"voice", "response_format", "speed", "instructions"}},
        {"/images/generations",
         false,
         {},
         {"size", "quality", "style", "n", "response_format", "background", "output_format", "output_compression",
          "moderation", "user"}},
    };
    return table;
}

} // namespace

std::optional<RouteParameters::Placement> RouteParameters::placeDefault(QByteArrayView route, const QString &name)
{
    const Rule *rule = nullptr;
    for (const Rule &r : rules()) {
        if (r.route == route) {
            rule = &r;
            break;
        }
    }
    // Moderations, audio transcriptions, any route not listed: nothing is added.
    if (!rule || name == QLatin1String("model") || name == QLatin1String("stream"))
        return std::nullopt;
    const QByteArray utf8 = name.toUtf8();
    if (kTokenLimitNames.contains(QByteArrayView(utf8))) {
        if (rule->tokenLimits.isEmpty())
            return std::nullopt;
        Placement p;
        p.name =
            rule->tokenLimits.contains(QByteArrayView(utf8)) ? name : QString::fromLatin1(rule->tokenLimits.first());
        // A caller that set the limit in any spelling has set it.
        for (const QByteArrayView n : kTokenLimitNames)
            p.setBy.append(QString::fromLatin1(n));
        return p;
    }
    if (!rule->anyName && !rule->accepted.contains(QByteArrayView(utf8)))
        return std::nullopt;
    return Placement{name, {name}};
}
