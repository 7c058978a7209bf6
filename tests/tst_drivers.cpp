#include "core/providers/DriverSupport.h"
#include "core/providers/ProviderDriver.h"
#include "core/providers/ProviderDrivers.h"

#include <QJsonObject>
#include <QTest>

namespace {

Provider provider(const QString &kind, const QString &baseUrl, const QJsonObject &options = {})
{
    Provider p;
    p.id = 1;
    p.name = QStringLiteral("p");
    p.kind = kind;
    p.baseUrl = baseUrl;
    p.options = options;
    return p;
}

QStringList ids(const QList<ModelStore::Discovered> &models)
{
    QStringList out;
    for (const auto &m : models)
        out.append(m.modelId);
    return out;
}

} // namespace

class TestDrivers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registry();
    void urlHints_data();
    void urlHints();
    void authHeaders_data();
    void authHeaders();
    void modelListRequest_data();
    void modelListRequest();
    void parseGood_data();
    void parseGood();
    void parseBad_data();
    void parseBad();
    void upstreamUrl_data();
    void upstreamUrl();
    void mockNeedsNothing();
    void excerptIsSanitized();
};

void TestDrivers::registry()
{
    QCOMPARE(ProviderDrivers::kinds(),
             (QStringList{QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("gemini"),
                          QStringLiteral("azure"), QStringLiteral("mock")}));
    for (const QString &kind : ProviderDrivers::kinds()) {
        const ProviderDriver *d = ProviderDrivers::forKind(kind);
        QVERIFY(d);
        QCOMPARE(d->kind(), kind);
        QVERIFY(!d->displayName().isEmpty());
        // A driver's own default URL never earns a hint (Azure's has a placeholder host, still a valid URL).
        QVERIFY2(d->urlHint(d->defaultBaseUrl()).isEmpty(), qPrintable(kind));
    }
    QCOMPARE(ProviderDrivers::forKind(QStringLiteral("nope")), nullptr);
}

void TestDrivers::urlHints_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("hintContains"); // empty: no hint

    QTest::newRow("openai ok") << "openai"
                               << "https://api.openai.com/v1"
                               << "";
    QTest::newRow("openai trailing slash") << "openai"
                                           << "https://api.openai.com/v1/"
                                           << "";
    QTest::newRow("openai local ok") << "openai"
                                     << "http://localhost:8000/v1"
                                     << "";
    QTest::newRow("openai nested ok") << "openai"
                                      << "https://openrouter.ai/api/v1"
                                      << "";
    QTest::newRow("openai no version") << "openai"
                                       << "http://localhost:8000"
                                       << "http://localhost:8000/v1";
    QTest::newRow("openai no version slash") << "openai"
                                             << "http://localhost:8000/"
                                             << "http://localhost:8000/v1";
    QTest::newRow("openai path without version") << "openai"
                                                 << "https://example.com/api"
                                                 << "https://example.com/api/v1";
    QTest::newRow("openai no scheme") << "openai"
                                      << "api.openai.com/v1"
                                      << "http://";
    QTest::newRow("openai empty") << "openai"
                                  << ""
                                  << "http://";
    QTest::newRow("openai ftp") << "openai"
                                << "ftp://example.com/v1"
                                << "http://";
    QTest::newRow("anthropic ok") << "anthropic"
                                  << "https://api.anthropic.com/v1"
                                  << "";
    QTest::newRow("anthropic no version") << "anthropic"
                                          << "https://api.anthropic.com"
                                          << "https://api.anthropic.com/v1";
    QTest::newRow("gemini ok") << "gemini"
                               << "https://generativelanguage.googleapis.com/v1beta"
                               << "";
    QTest::newRow("gemini v1 ok") << "gemini"
                                  << "https://generativelanguage.googleapis.com/v1"
                                  << "";
    QTest::newRow("gemini no version") << "gemini"
                                       << "https://generativelanguage.googleapis.com"
                                       << "https://generativelanguage.googleapis.com/v1beta";
    QTest::newRow("gemini openai suffix") << "gemini"
                                          << "https://generativelanguage.googleapis.com/v1beta/openai/"
                                          << "https://generativelanguage.googleapis.com/v1beta";
    QTest::newRow("azure ok") << "azure"
                              << "https://acme.openai.azure.com/openai"
                              << "";
    QTest::newRow("azure missing openai") << "azure"
                                          << "https://acme.openai.azure.com"
                                          << "https://acme.openai.azure.com/openai";
    QTest::newRow("mock anything") << "mock"
                                   << ""
                                   << "";
}

void TestDrivers::urlHints()
{
    QFETCH(QString, kind);
    QFETCH(QString, url);
    QFETCH(QString, hintContains);
    const QString hint = ProviderDrivers::forKind(kind)->urlHint(url);
    if (hintContains.isEmpty()) {
        QVERIFY2(hint.isEmpty(), qPrintable(hint));
    } else {
        QVERIFY2(hint.contains(hintContains), qPrintable(hint));
    }
}

void TestDrivers::authHeaders_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("count");
    QTest::newRow("openai") << "openai" << QByteArray("Authorization") << QByteArray("Bearer sk-test") << 1;
    QTest::newRow("anthropic") << "anthropic" << QByteArray("x-api-key") << QByteArray("sk-test") << 2;
    QTest::newRow("gemini") << "gemini" << QByteArray("x-goog-api-key") << QByteArray("sk-test") << 1;
    QTest::newRow("azure") << "azure" << QByteArray("api-key") << QByteArray("sk-test") << 1;
    QTest::newRow("mock") << "mock" << QByteArray() << QByteArray() << 0;
}

void TestDrivers::authHeaders()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(int, count);
    const HttpHeaders headers = ProviderDrivers::forKind(kind)->authHeaders(QStringLiteral("sk-test"));
    QCOMPARE(headers.size(), count);
    if (count == 0)
        return;
    QCOMPARE(headers.first().first, name);
    QCOMPARE(headers.first().second, value);
    if (kind == QLatin1String("anthropic")) {
        QCOMPARE(headers.at(1).first, QByteArray("anthropic-version"));
        QCOMPARE(headers.at(1).second, QByteArray("2023-06-01"));
    }
}

void TestDrivers::modelListRequest_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<QByteArray>("url");
    QTest::newRow("openai") << "openai"
                            << "http://127.0.0.1:9/v1/" << QJsonObject() << QByteArray("http://127.0.0.1:9/v1/models");
    QTest::newRow("anthropic") << "anthropic"
                               << "https://api.anthropic.com/v1" << QJsonObject()
                               << QByteArray("https://api.anthropic.com/v1/models?limit=1000");
    QTest::newRow("gemini") << "gemini"
                            << "https://generativelanguage.googleapis.com/v1beta" << QJsonObject()
                            << QByteArray("https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000");
    QTest::newRow("azure default version")
        << "azure"
        << "https://acme.openai.azure.com/openai" << QJsonObject()
        << QByteArray("https://acme.openai.azure.com/openai/models?api-version=2024-10-21");
    QTest::newRow("azure option") << "azure"
                                  << "https://acme.openai.azure.com/openai/"
                                  << QJsonObject{{QStringLiteral("api_version"), QStringLiteral("2025-01-01-preview")}}
                                  << QByteArray(
                                         "https://acme.openai.azure.com/openai/models?api-version=2025-01-01-preview");
}

void TestDrivers::modelListRequest()
{
    QFETCH(QString, kind);
    QFETCH(QString, base);
    QFETCH(QJsonObject, options);
    QFETCH(QByteArray, url);
    const ProviderDriver *d = ProviderDrivers::forKind(kind);
    const HttpRequest r = d->modelListRequest(provider(kind, base, options), QStringLiteral("sk-key"));
    QCOMPARE(r.method, QByteArray("GET"));
    QCOMPARE(r.url, url);
    for (const auto &auth : d->authHeaders(QStringLiteral("sk-key")))
        QVERIFY(r.headers.contains(auth));
    QVERIFY(!r.url.contains("sk-key")); // keys travel in headers only
}

void TestDrivers::parseGood_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("categories");

    QTest::newRow("openai") << "openai"
                            << QByteArray(R"({"object":"list","data":[{"id":"gpt-4o","owned_by":"openai"},)"
                                          R"({"id":"text-embedding-3-small","owned_by":"system"}]})")
                            << QStringList{"gpt-4o", "text-embedding-3-small"} << QStringList{"chat", "embedding"};
    QTest::newRow("openai empty list") << "openai" << QByteArray(R"({"data":[]})") << QStringList() << QStringList();
    QTest::newRow("anthropic")
        << "anthropic"
        << QByteArray(R"({"data":[{"type":"model","id":"claude-3-5-sonnet-20241022",)"
                      R"("display_name":"Claude 3.5 Sonnet"}],"has_more":false,)"
                      R"("first_id":"claude-3-5-sonnet-20241022","last_id":"claude-3-5-sonnet-20241022"})")
        << QStringList{"claude-3-5-sonnet-20241022"} << QStringList{"chat"};
    QTest::newRow("gemini") << "gemini"
                            << QByteArray(R"({"models":[{"name":"models/gemini-1.5-pro","supportedGenerationMethods":)"
                                          R"(["generateContent","countTokens"]},{"name":"models/text-embedding-004",)"
                                          R"("supportedGenerationMethods":["embedContent"]},{"name":"models/aqa",)"
                                          R"("supportedGenerationMethods":["embedContent","batchEmbedContents"]}]})")
                            << QStringList{"gemini-1.5-pro", "text-embedding-004", "aqa"}
                            << QStringList{"chat", "embedding", "embedding"};
    QTest::newRow("azure")
        << "azure"
        << QByteArray(
               R"({"data":[{"id":"gpt-4o-2024-08-06","capabilities":{"chat_completion":true}}],"object":"list"})")
        << QStringList{"gpt-4o-2024-08-06"} << QStringList{"chat"};
}

void TestDrivers::parseGood()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, categories);
    QList<ModelStore::Discovered> models;
    QString error;
    QVERIFY2(ProviderDrivers::forKind(kind)->parseModelList(body, &models, &error), qPrintable(error));
    QCOMPARE(::ids(models), ids);
    QStringList cats;
    for (const auto &m : models)
        cats.append(m.category);
    QCOMPARE(cats, categories);
    if (kind == QLatin1String("openai") && !models.isEmpty())
        QCOMPARE(models.first().ownedBy, QStringLiteral("openai"));
}

void TestDrivers::parseBad_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");

    const QByteArray html = "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body>"
                            + QByteArray(2000, 'x') + "</body></html>";
    for (const char *kind : {"openai", "anthropic", "gemini", "azure"}) {
        const QByteArray k(kind);
        QTest::newRow(k + " html") << kind << html << "not JSON (text/html, 2.0 KB): <!DOCTYPE html><html>";
        QTest::newRow(k + " empty") << kind << QByteArray() << "empty body";
        QTest::newRow(k + " truncated") << kind << QByteArray(R"({"data":[{"id":"gpt-4o","ob)") << "not valid JSON";
        QTest::newRow(k + " array") << kind << QByteArray(R"([{"id":"gpt-4o"}])") << "unexpected shape";
        QTest::newRow(k + " plain text") << kind << QByteArray("Forbidden") << "not JSON";
    }
    QTest::newRow("openai wrong key") << "openai" << QByteArray(R"({"items":[{"id":"x"}]})") << "no \"data\" list";
    QTest::newRow("openai data not list")
        << "openai" << QByteArray(R"({"data":{"id":"x"}})") << "\"data\" is not a list";
    QTest::newRow("openai missing id") << "openai" << QByteArray(R"({"data":[{"id":"a"},{"object":"model"}]})")
                                       << "without \"id\" (entry 2 of 2)";
    QTest::newRow("openai id not string") << "openai" << QByteArray(R"({"data":[{"id":5}]})") << "without \"id\"";
    QTest::newRow("anthropic missing id")
        << "anthropic" << QByteArray(R"({"data":[{"type":"model"}]})") << "without \"id\"";
    QTest::newRow("gemini openai shape") << "gemini" << QByteArray(R"({"data":[{"id":"gemini"}]})")
                                         << "no \"models\" list";
    QTest::newRow("gemini missing name") << "gemini" << QByteArray(R"({"models":[{"displayName":"x"}]})")
                                         << "without \"name\"";
    QTest::newRow("gemini bare prefix") << "gemini" << QByteArray(R"({"models":[{"name":"models/"}]})") << "empty name";
    QTest::newRow("azure wrong shape") << "azure" << QByteArray(R"({"value":[]})") << "no \"data\" list";
}

void TestDrivers::parseBad()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);
    QList<ModelStore::Discovered> models;
    QString error;
    QVERIFY(!ProviderDrivers::forKind(kind)->parseModelList(body, &models, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QVERIFY2(error.size() < 400, qPrintable(error));
}

void TestDrivers::upstreamUrl_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QByteArray>("route");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QJsonObject>("options");
    QTest::addColumn<QByteArray>("url");
    QTest::newRow("openai") << "openai"
                            << "https://api.openai.com/v1/" << QByteArray("/chat/completions") << "gpt-4o"
                            << QJsonObject() << QByteArray("https://api.openai.com/v1/chat/completions");
    QTest::newRow("openai embeddings") << "openai"
                                       << "http://127.0.0.1:8000/v1" << QByteArray("/embeddings") << "e"
                                       << QJsonObject() << QByteArray("http://127.0.0.1:8000/v1/embeddings");
    QTest::newRow("anthropic") << "anthropic"
                               << "https://api.anthropic.com/v1" << QByteArray("/messages") << "claude" << QJsonObject()
                               << QByteArray("https://api.anthropic.com/v1/messages");
    QTest::newRow("gemini") << "gemini"
                            << "https://generativelanguage.googleapis.com/v1beta/" << QByteArray("/chat/completions")
                            << "gemini-1.5-pro" << QJsonObject()
                            << QByteArray("https://generativelanguage.googleapis.com/v1beta/openai/chat/completions");
    QTest::newRow("azure") << "azure"
                           << "https://acme.openai.azure.com/openai" << QByteArray("/chat/completions") << "my-gpt4o"
                           << QJsonObject()
                           << QByteArray("https://acme.openai.azure.com/openai/deployments/my-gpt4o/chat/completions"
                                         "?api-version=2024-10-21");
    QTest::newRow("azure option + encoding")
        << "azure"
        << "https://acme.openai.azure.com/openai/" << QByteArray("/embeddings") << "team a/b"
        << QJsonObject{{QStringLiteral("api_version"), QStringLiteral("2024-06-01")}}
        << QByteArray(
               "https://acme.openai.azure.com/openai/deployments/team%20a%2Fb/embeddings?api-version=2024-06-01");
}

void TestDrivers::upstreamUrl()
{
    QFETCH(QString, kind);
    QFETCH(QString, base);
    QFETCH(QByteArray, route);
    QFETCH(QString, model);
    QFETCH(QJsonObject, options);
    QFETCH(QByteArray, url);
    QCOMPARE(ProviderDrivers::forKind(kind)->upstreamUrl(provider(kind, base, options), route, model), url);
}

void TestDrivers::mockNeedsNothing()
{
    const ProviderDriver *d = ProviderDrivers::forKind(QStringLiteral("mock"));
    QVERIFY(!d->needsKey());
    QVERIFY(!d->usesNetwork());
    QList<ModelStore::Discovered> models;
    QString error;
    QVERIFY(d->parseModelList(QByteArray(), &models, &error));
    QCOMPARE(ids(models), (QStringList{QStringLiteral("demo-chat"), QStringLiteral("demo-embed")}));
    QCOMPARE(models.at(0).category, QStringLiteral("chat"));
    QCOMPARE(models.at(1).category, QStringLiteral("embedding"));
    for (const QString &kind : {QStringLiteral("anthropic"), QStringLiteral("gemini"), QStringLiteral("azure")})
        QVERIFY2(ProviderDrivers::forKind(kind)->needsKey(), qPrintable(kind));
}

void TestDrivers::excerptIsSanitized()
{
    const QByteArray body = "line one\r\n\tline\x01two\x1b[31m   spaced" + QByteArray(500, 'z');
    const QString e = DriverSupport::excerpt(body, 40);
    QVERIFY(!e.contains(QLatin1Char('\n')));
    QVERIFY(!e.contains(QLatin1Char('\r')));
    QVERIFY(!e.contains(QChar(0x1b)));
    QVERIFY(!e.contains(QChar(0x01)));
    QVERIFY(e.startsWith(QStringLiteral("line one line two")));
    QVERIFY(e.endsWith(QChar(0x2026)));
    QVERIFY(e.size() <= 41);
    QCOMPARE(DriverSupport::sizeText(1229), QStringLiteral("1.2 KB"));
    QCOMPARE(DriverSupport::sizeText(12), QStringLiteral("12 bytes"));
}

QTEST_GUILESS_MAIN(TestDrivers)
#include "tst_drivers.moc"
