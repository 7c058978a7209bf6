#pragma once

#include <QStringList>

class AliasStore;
class Database;
class ModelStore;

// The names the Playground offers: what the gateway would list on GET
// /v1/models (published aliases, then provider/model ids), read from the same
// stores the gateway's routing snapshot is built from, minus models that do
// not chat (embeddings, audio, images). Read locally, so the console's own
// look-up is no request in Logs and Usage and is current right after a sync.
namespace PlaygroundModels {

QStringList chatModels(Database &db, const ModelStore &models, const AliasStore &aliases, QString *error = nullptr);

} // namespace PlaygroundModels
