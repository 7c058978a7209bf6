#include "core/net/HttpClient.h"
#include "support/GatewayCall.h"
#include "support/GatewayFixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using GatewayCall::Response;

// GET /v1/models/{id} in OpenAI's shape, and both model routes in Anthropic's
// shape (and envelope) for callers that send anthropic-version (item 16).
class TestGatewayRoutes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void retrieveModelOpenAiShape_data();
    void retrieveModelOpenAiShape();
    void retrieveUnknownModelIs404_data();
    void retrieveUnknownModelIs404();
    void modelRoutesAreGetOnly();
    void anthropicList();
    void anthropicListPages();
    void anthropicRetrieve();
    void anthropicErrorsUseAnthropicEnvelope();
    void openAiListUnchanged();

private:
    Response get(const QString &path, const QString &key, const HttpHeaders &headers = {})
    {
        return GatewayCall::call(*http, f->baseUrl(), "GET", path, {}, headers, key);
    }
    Response anthropicGet(const QString &path, const QByteArray &key)
    {
        return GatewayCall::call(*http, f->baseUrl(), "GET", path, {},
                                 {{"x-api-key", key}, {"anthropic-version", "2023-06-01"}});
    }
    static void verifyAnthropicEntry(const QJsonObject &m, const QString &id);
    static void verifyAnthropicError(const Response &r, int status, const QString &type);

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<HttpClient> http;
};

void TestGatewayRoutes::init()
{
    f = std::make_unique<GatewayFixture>();
    QString error;
    QVERIFY2(f->setUp(&error), qPrintable(error));
    http = std::make_unique<HttpClient>();
}

void TestGatewayRoutes::cleanup()
{
    http.reset();
    f.reset();
}

void TestGatewayRoutes::verifyAnthropicEntry(const QJsonObject &m, const QString &id)
{
    QCOMPARE(m.value(QLatin1String("type")).toString(), QStringLiteral("model"));
    QCOMPARE(m.value(QLatin1String("id")).toString(), id);
    QCOMPARE(m.value(QLatin1String("display_name")).toString(), id);
    const QString created = m.value(QLatin1String("created_at")).toString();
    // RFC 3339 in UTC, as Anthropic sends it: 2024-10-22T00:00:00Z
    QVERIFY2(QDateTime::fromString(created, Qt::ISODate).isValid(), qPrintable(created));
    QVERIFY2(created.endsWith(QLatin1Char('Z')), qPrintable(created));
    QVERIFY(!m.contains(QLatin1String("object")));
}

void TestGatewayRoutes::verifyAnthropicError(const Response &r, int status, const QString &type)
{
    QCOMPARE(r.status, status);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(), type);
    QVERIFY(!o.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString().isEmpty());
}

void TestGatewayRoutes::retrieveModelOpenAiShape_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("ownedBy");
    QTest::newRow("alias") << QStringLiteral("/v1/models/fast") << QStringLiteral("fast") << QStringLiteral("up");
    QTest::newRow("qualified, two segments")
        << QStringLiteral("/v1/models/up/gpt-x") << QStringLiteral("up/gpt-x") << QStringLiteral("up");
    QTest::newRow("qualified, encoded slash")
        << QStringLiteral("/v1/models/anth%2Fclaude-x") << QStringLiteral("anth/claude-x") << QStringLiteral("anth");
    QTest::newRow("bare upstream id") << QStringLiteral("/v1/models/gpt-x") << QStringLiteral("gpt-x")
                                      << QStringLiteral("up");
}

void TestGatewayRoutes::retrieveModelOpenAiShape()
{
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(QString, ownedBy);
    const Response r = get(path, f->fullKey);
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QLatin1String("id")).toString(), id);
    QCOMPARE(o.value(QLatin1String("object")).toString(), QStringLiteral("model"));
    QCOMPARE(o.value(QLatin1String("owned_by")).toString(), ownedBy);
    QVERIFY(o.value(QLatin1String("created")).isDouble());
    QCOMPARE(o.size(), 4);
}

void TestGatewayRoutes::retrieveUnknownModelIs404_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("narrow");
    QTest::newRow("unknown") << QStringLiteral("/v1/models/nope") << false;
    QTest::newRow("unknown qualified") << QStringLiteral("/v1/models/up/nope") << false;
    QTest::newRow("inactive alias") << QStringLiteral("/v1/models/retired") << false;
    QTest::newRow("not for this key") << QStringLiteral("/v1/models/sonnet") << true;
    QTest::newRow("qualified, not for this key") << QStringLiteral("/v1/models/up/gpt-x") << true;
}

void TestGatewayRoutes::retrieveUnknownModelIs404()
{
    QFETCH(QString, path);
    QFETCH(bool, narrow);
    const Response r = get(path, narrow ? f->narrowKey : f->fullKey);
    QCOMPARE(r.status, 404);
    const QJsonObject error = r.json().value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("code")).toString(), QStringLiteral("model_not_found"));
    QCOMPARE(error.value(QLatin1String("type")).toString(), QStringLiteral("invalid_request_error"));
    // And the narrow key still sees its one model.
    if (narrow)
        QCOMPARE(get(QStringLiteral("/v1/models/fast"), f->narrowKey).status, 200);
}

void TestGatewayRoutes::modelRoutesAreGetOnly()
{
    Response r = GatewayCall::call(*http, f->baseUrl(), "POST", QStringLiteral("/v1/models/fast"),
                                   R"({"model":"fast"})", {}, f->fullKey);
    QCOMPARE(r.status, 405);
    QCOMPARE(f->openai.requestCount(), 0);
    r = GatewayCall::call(*http, f->baseUrl(), "DELETE", QStringLiteral("/v1/models/fast"), {}, {}, f->fullKey);
    QCOMPARE(r.status, 405);
    QCOMPARE(r.json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
             QStringLiteral("method_not_allowed"));
}

void TestGatewayRoutes::anthropicList()
{
    const Response r = anthropicGet(QStringLiteral("/v1/models"), f->fullKey.toUtf8());
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    const QJsonArray data = o.value(QLatin1String("data")).toArray();
    QVERIFY(data.size() >= 3);
    QStringList ids;
    for (const QJsonValue &v : data) {
        ids.append(v.toObject().value(QLatin1String("id")).toString());
        verifyAnthropicEntry(v.toObject(), ids.last());
    }
    QVERIFY(ids.contains(QStringLiteral("sonnet")));
    QVERIFY(ids.contains(QStringLiteral("anth/claude-x")));
    QCOMPARE(o.value(QLatin1String("has_more")).toBool(true), false);
    QCOMPARE(o.value(QLatin1String("first_id")).toString(), ids.first());
    QCOMPARE(o.value(QLatin1String("last_id")).toString(), ids.last());
    QVERIFY(!o.contains(QLatin1String("object")));

    // An alias has a creation time; it shows as its date.
    for (const QJsonValue &v : data) {
        if (v.toObject().value(QLatin1String("id")).toString() == QLatin1String("fast")) {
            const QDateTime created =
                QDateTime::fromString(v.toObject().value(QLatin1String("created_at")).toString(), Qt::ISODate);
            QVERIFY(created.secsTo(QDateTime::currentDateTimeUtc()) < 3600);
        }
    }

    // The narrow key: only its model; the Bearer style works too.
    const Response n = get(QStringLiteral("/v1/models"), f->narrowKey, {{"anthropic-version", "2023-06-01"}});
    QCOMPARE(n.status, 200);
    QCOMPARE(n.json().value(QLatin1String("data")).toArray().size(), 1);
    QCOMPARE(n.json().value(QLatin1String("first_id")).toString(), QStringLiteral("fast"));
}

void TestGatewayRoutes::anthropicListPages()
{
    const QJsonObject all = anthropicGet(QStringLiteral("/v1/models"), f->fullKey.toUtf8()).json();
    QStringList ids;
    for (const QJsonValue &v : all.value(QLatin1String("data")).toArray())
        ids.append(v.toObject().value(QLatin1String("id")).toString());
    QVERIFY(ids.size() >= 4);

    // Forward with after_id, two at a time, until has_more is false.
    QStringList paged;
    QString after;
    for (int page = 0; page < 10; ++page) {
        QString path = QStringLiteral("/v1/models?limit=2");
        if (!after.isEmpty())
            path += QStringLiteral("&after_id=") + QString::fromLatin1(QUrl::toPercentEncoding(after));
        const Response r = anthropicGet(path, f->fullKey.toUtf8());
        QCOMPARE(r.status, 200);
        const QJsonArray data = r.json().value(QLatin1String("data")).toArray();
        QVERIFY(data.size() <= 2);
        for (const QJsonValue &v : data)
            paged.append(v.toObject().value(QLatin1String("id")).toString());
        after = r.json().value(QLatin1String("last_id")).toString();
        if (!r.json().value(QLatin1String("has_more")).toBool())
            break;
    }
    QCOMPARE(paged, ids);

    // Backward with before_id.
    const Response back = anthropicGet(QStringLiteral("/v1/models?limit=2&before_id=")
                                           + QString::fromLatin1(QUrl::toPercentEncoding(ids.last())),
                                       f->fullKey.toUtf8());
    QCOMPARE(back.status, 200);
    const QJsonArray data = back.json().value(QLatin1String("data")).toArray();
    QCOMPARE(data.size(), 2);
    QCOMPARE(data.at(0).toObject().value(QLatin1String("id")).toString(), ids.at(ids.size() - 3));
    QCOMPARE(data.at(1).toObject().value(QLatin1String("id")).toString(), ids.at(ids.size() - 2));
    QCOMPARE(back.json().value(QLatin1String("has_more")).toBool(), ids.size() > 3);

    // Past the end: an empty page, ids null.
    const Response end =
        anthropicGet(QStringLiteral("/v1/models?after_id=") + QString::fromLatin1(QUrl::toPercentEncoding(ids.last())),
                     f->fullKey.toUtf8());
    QCOMPARE(end.status, 200);
    QCOMPARE(end.json().value(QLatin1String("data")).toArray().size(), 0);
    QVERIFY(end.json().value(QLatin1String("first_id")).isNull());
    QVERIFY(end.json().value(QLatin1String("last_id")).isNull());
    QCOMPARE(end.json().value(QLatin1String("has_more")).toBool(true), false);
}

void TestGatewayRoutes::anthropicRetrieve()
{
    Response r = anthropicGet(QStringLiteral("/v1/models/sonnet"), f->fullKey.toUtf8());
    QCOMPARE(r.status, 200);
    verifyAnthropicEntry(r.json(), QStringLiteral("sonnet"));
    QCOMPARE(r.json().size(), 4);
    r = anthropicGet(QStringLiteral("/v1/models/anth/claude-x"), f->fullKey.toUtf8());
    QCOMPARE(r.status, 200);
    verifyAnthropicEntry(r.json(), QStringLiteral("anth/claude-x"));
    QCOMPARE(r.json().value(QLatin1String("created_at")).toString(), QStringLiteral("1970-01-01T00:00:00Z"));
}

void TestGatewayRoutes::anthropicErrorsUseAnthropicEnvelope()
{
    verifyAnthropicError(anthropicGet(QStringLiteral("/v1/models/nope"), f->fullKey.toUtf8()), 404,
                         QStringLiteral("not_found_error"));
    verifyAnthropicError(anthropicGet(QStringLiteral("/v1/models"), "tg-not-a-key"), 401,
                         QStringLiteral("authentication_error"));
    verifyAnthropicError(anthropicGet(QStringLiteral("/v1/models/sonnet"), "tg-not-a-key"), 401,
                         QStringLiteral("authentication_error"));
    verifyAnthropicError(anthropicGet(QStringLiteral("/v1/models?limit=0"), f->fullKey.toUtf8()), 400,
                         QStringLiteral("invalid_request_error"));
    verifyAnthropicError(anthropicGet(QStringLiteral("/v1/models?limit=abc"), f->fullKey.toUtf8()), 400,
                         QStringLiteral("invalid_request_error"));
    verifyAnthropicError(GatewayCall::call(*http, f->baseUrl(), "DELETE", QStringLiteral("/v1/models"), {},
                                           {{"x-api-key", f->fullKey.toUtf8()}, {"anthropic-version", "2023-06-01"}}),
                         405, QStringLiteral("invalid_request_error"));
    // The narrow key may not see sonnet: not found, not forbidden.
    verifyAnthropicError(anthropicGet(QStringLiteral("/v1/models/sonnet"), f->narrowKey.toUtf8()), 404,
                         QStringLiteral("not_found_error"));
    // Unknown routes too, for an Anthropic caller.
    verifyAnthropicError(anthropicGet(QStringLiteral("/admin"), f->fullKey.toUtf8()), 404,
                         QStringLiteral("not_found_error"));
}

void TestGatewayRoutes::openAiListUnchanged()
{
    // Without anthropic-version the list stays OpenAI's, whatever the auth style.
    const Response r = GatewayCall::call(*http, f->baseUrl(), "GET", QStringLiteral("/v1/models?limit=1"), {},
                                         {{"x-api-key", f->fullKey.toUtf8()}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("object")).toString(), QStringLiteral("list"));
    const QJsonArray data = r.json().value(QLatin1String("data")).toArray();
    QVERIFY(data.size() >= 3);
    QCOMPARE(data.first().toObject().value(QLatin1String("object")).toString(), QStringLiteral("model"));
}

QTEST_GUILESS_MAIN(TestGatewayRoutes)
#include "tst_gateway_routes.moc"
