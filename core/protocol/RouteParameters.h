#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// Which request parameters each API route takes, so alias defaults go only
// where they are accepted: a chat default such as `temperature` or `stop` never
// reaches embeddings, moderations or audio (the provider would answer 400
// "Unsupported parameter"), and a token limit is spelled the way the route
// spells it (`max_output_tokens` on the Responses API).
namespace RouteParameters {

struct Placement
{
    QString name;            // the parameter's name on this route
    bool tokenLimit = false; // a token limit: the caller set it if any spelling of it is present
};

// Where the alias default `name` goes on `route` (the path after /v1, e.g.
// "/responses"); nullopt when the route takes no such parameter.
std::optional<Placement> placeDefault(QByteArrayView route, const QString &name);

// Every spelling of "most tokens to generate": OpenAI Chat (max_tokens,
// max_completion_tokens), Responses (max_output_tokens), Anthropic (max_tokens).
const QList<QByteArrayView> &tokenLimitNames();

} // namespace RouteParameters
