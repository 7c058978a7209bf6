#pragma once

#include "core/gateway/GatewayMonitor.h"
#include "core/secrets/ProviderKeySource.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "server/Gateway.h"
#include "support/FakeUpstream.h"

#include <QTemporaryDir>

#include <memory>

// Provider keys the gateway tests hand out; never real, always recognisable
// so the tests can look for leaks.
class FixedKeySource final : public ProviderKeySource
{
public:
    QHash<QString, QString> keys; // provider name -> key
    void fetch(const Provider &provider, QObject *,
               std::function<void(std::optional<QString>, const QString &)> done) override
    {
        const auto k = cached(provider);
        done(k, k ? QString() : QStringLiteral("no key"));
    }
    std::optional<QString> cached(const Provider &provider) const override
    {
        const auto it = keys.constFind(provider.name);
        if (it == keys.constEnd())
            return std::nullopt;
        return *it;
    }
};

// A real gateway on a loopback port in front of two fake upstreams (OpenAI
// and Anthropic shapes) and the demo model, over a temporary SQLite file.
struct GatewayFixture
{
    static constexpr const char *kOpenAiKey = "sk-upstream-openai-SECRET-0001";
    static constexpr const char *kAnthropicKey = "sk-ant-upstream-SECRET-0002";

    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<ProviderStore> providers;
    std::unique_ptr<ModelStore> models;
    std::unique_ptr<AliasStore> aliases;
    std::unique_ptr<KeyStore> keys;
    FixedKeySource providerKeys;
    GatewayMonitor monitor;
    FakeUpstream openai;
    FakeUpstream anthropic;
    std::unique_ptr<Gateway> gateway;
    QString fullKey;   // may call everything
    QString narrowKey; // may call only "fast"
    Provider openaiProvider;
    Provider anthropicProvider;
    Provider demoProvider;

    // Sets up everything and starts the gateway; false with *error.
    bool setUp(QString *error, const GatewayOptions &overrides = GatewayOptions());
    QString baseUrl() const; // http://127.0.0.1:<port>
    QByteArray databaseBytes() const;
    // Waits until the log writer has stored everything so far.
    void flushLog();
};
