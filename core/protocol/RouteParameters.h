#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <optional>

// Which request parameters each API route takes, so alias defaults go only
// where they are accepted: a chat default such as `temperature` or `stop` never
// reaches embeddings, moderations or audio (the provider would answer 400
// "Unsupported parameter"), and a token limit is spelled the way the route
// spells it (`max_output_tokens` on the Responses API).
namespace RouteParameters {

struct Placement
{
    QString name;      // the parameter's name on this route
    QStringList setBy; // any of these in the request means the caller already set it
};

// Where the alias default `name` goes on `route` (the path after /v1, e.g.
// "/responses"); nullopt when the route takes no such parameter.
std::optional<Placement> placeDefault(QByteArrayView route, const QString &name);

} // namespace RouteParameters
