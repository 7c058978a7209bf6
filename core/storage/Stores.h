#pragma once

class AliasStore;
class Database;
class KeyStore;
class ProviderKeys;
class ProviderStore;
class Settings;

// The database and the stores that write the configuration (providers with
// their keychain keys, aliases, gateway keys, settings), handed as one to
// what fills them: ConfigImporter and FirstRun. The caller owns them all and
// keeps them alive while the receiver lives.
struct Stores
{
    Database &db;
    Settings &settings;
    ProviderStore &providers;
    AliasStore &aliases;
    KeyStore &keys;
    ProviderKeys &providerKeys;
};
