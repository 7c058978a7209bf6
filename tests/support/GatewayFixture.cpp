#include "support/GatewayFixture.h"

#include "core/storage/RequestLogWriter.h"

#include <QFile>

bool GatewayFixture::setUp(QString *error, const GatewayOptions &overrides)
{
    db = std::make_unique<Database>(dir.filePath(QStringLiteral("tollgate.db")));
    if (!db->open(error))
        return false;
    providers = std::make_unique<ProviderStore>(*db);
    models = std::make_unique<ModelStore>(*db);
    aliases = std::make_unique<AliasStore>(*db);
    keys = std::make_unique<KeyStore>(*db);
    if (!openai.listen() || !anthropic.listen()) {
        *error = QStringLiteral("fake upstreams cannot listen");
        return false;
    }
    openai.setRequiredKey(QLatin1String(kOpenAiKey));
    anthropic.setRequiredKey(QLatin1String(kAnthropicKey));

    openaiProvider.name = QStringLiteral("up");
    openaiProvider.kind = QStringLiteral("openai");
    openaiProvider.baseUrl = openai.baseUrl();
    openaiProvider.keyRef = QStringLiteral("keychain");
    anthropicProvider.name = QStringLiteral("anth");
    anthropicProvider.kind = QStringLiteral("anthropic");
    anthropicProvider.baseUrl = anthropic.baseUrl();
    anthropicProvider.keyRef = QStringLiteral("keychain");
    demoProvider.name = QStringLiteral("demo");
    demoProvider.kind = QStringLiteral("mock");
    demoProvider.baseUrl = QStringLiteral("mock://demo");
    for (Provider *p : {&openaiProvider, &anthropicProvider, &demoProvider}) {
        if (!providers->create(*p, error))
            return false;
    }
    providerKeys.keys.insert(QStringLiteral("up"), QLatin1String(kOpenAiKey));
    providerKeys.keys.insert(QStringLiteral("anth"), QLatin1String(kAnthropicKey));

    ModelStore::Outcome outcome;
    if (!models->applyDiscovery(openaiProvider.id,
                                {{QStringLiteral("gpt-x")},
                                 {QStringLiteral("text-embed-x"), QStringLiteral("embedding")},
                                 {QStringLiteral("whisper-x"), QStringLiteral("audio")}},
                                &outcome, error))
        return false;
    if (!models->applyDiscovery(anthropicProvider.id, {{QStringLiteral("claude-x")}}, &outcome, error))
        return false;
    if (!models->applyDiscovery(demoProvider.id, {{QStringLiteral("demo-chat")}}, &outcome, error))
        return false;

    Alias fast;
    fast.alias = QStringLiteral("fast");
    fast.providerId = openaiProvider.id;
    fast.modelId = QStringLiteral("gpt-x");
    fast.pricing = {1.0, 2.0, 0.5};
    fast.defaults = QJsonObject{{QStringLiteral("temperature"), 0.2}, {QStringLiteral("max_tokens"), 64}};
    if (!aliases->create(fast, error))
        return false;
    Alias sonnet;
    sonnet.alias = QStringLiteral("sonnet");
    sonnet.providerId = anthropicProvider.id;
    sonnet.modelId = QStringLiteral("claude-x");
    sonnet.pricing = {3.0, 15.0, 0.3};
    if (!aliases->create(sonnet, error))
        return false;
    Alias retired;
    retired.alias = QStringLiteral("retired");
    retired.providerId = openaiProvider.id;
    retired.modelId = QStringLiteral("gpt-x");
    retired.active = false;
    if (!aliases->create(retired, error))
        return false;

    fullKey = keys->create({QStringLiteral("full")}, error);
    if (fullKey.isEmpty())
        return false;
    KeyStore::NewKey narrow;
    narrow.name = QStringLiteral("narrow");
    narrow.models = {QStringLiteral("fast")};
    narrowKey = keys->create(narrow, error);
    if (narrowKey.isEmpty())
        return false;

    GatewayOptions options = overrides;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.logFlushIntervalMs = 50;
    options.mockStreamIntervalMs = 1;
    gateway = std::make_unique<Gateway>(*db, &providerKeys, &monitor);
    return gateway->start(options, error);
}

QString GatewayFixture::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(gateway->port());
}

QByteArray GatewayFixture::databaseBytes() const
{
    QByteArray all;
    for (const QString &name : {QStringLiteral("tollgate.db"), QStringLiteral("tollgate.db-wal")}) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

void GatewayFixture::flushLog()
{
    gateway->logWriter()->flush();
}
