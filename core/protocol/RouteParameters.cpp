#include "core/protocol/RouteParameters.h"

namespace {

// One route's rule. `anyName`: every parameter passes (the chat routes, which
// alias defaults are written for); otherwise only `accepted` ones do.
// `tokenLimits`: the spellings of the token limit the route takes, the first
// being the one a foreign spelling becomes; empty: none.
struct Rule
{
    QByteArrayView route;
    bool anyName = false;
    QList<QByteArrayView> tokenLimits;
    QList<QByteArrayView> accepted;
};

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

bool listed(const QList<QByteArrayView> &names, const QString &name)
{
    for (const QByteArrayView n : names) {
        if (QLatin1StringView(n.data(), n.size()) == name)
            return true;
    }
    return false;
}

} // namespace

const QList<QByteArrayView> &RouteParameters::tokenLimitNames()
{
    static const QList<QByteArrayView> names = {"max_tokens", "max_completion_tokens", "max_output_tokens"};
    return names;
}

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
    // `model` and `stream` are the caller's: the gateway reads them before defaults apply.
    if (!rule || name == QLatin1String("model") || name == QLatin1String("stream"))
        return std::nullopt;
    if (listed(tokenLimitNames(), name)) {
        if (rule->tokenLimits.isEmpty())
            return std::nullopt;
        if (listed(rule->tokenLimits, name))
            return Placement{name, true};
        const QByteArrayView spelling = rule->tokenLimits.first();
        return Placement{QString::fromLatin1(spelling.data(), spelling.size()), true};
    }
    if (!rule->anyName && !listed(rule->accepted, name))
        return std::nullopt;
    return Placement{name, false};
}
