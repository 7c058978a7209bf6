#include "core/net/HttpClient.h"
#include "core/playground/ChatStreamClient.h"
#include "core/playground/PlaygroundEndpoint.h"
#include "core/playground/PlaygroundSession.h"
#include "core/storage/Settings.h"
#include "support/GatewayFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

namespace {

// Serves one canned HTTP response per connection, written in slices of
// `slice` bytes with an event-loop turn between them, so SSE events and even
// UTF-8 sequences are split at every possible place.
class SlicingServer final : public QObject
{
public:
    QByteArray response;
    int slice = 1;

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    SlicingServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    if (!socket->property("answered").toBool() && socket->readAll().contains("\r\n\r\n")) {
                        socket->setProperty("answered", true);
                        writeFrom(socket, 0);
                    }
                });
            }
        });
    }

private:
    void writeFrom(QPointer<QTcpSocket> socket, qsizetype offset)
    {
        if (!socket)
            return;
        if (offset >= response.size()) {
            socket->disconnectFromHost();
            return;
        }
        socket->write(response.mid(offset, slice));
        socket->flush();
        QTimer::singleShot(1, socket, [this, socket, offset] { writeFrom(socket, offset + slice); });
    }

    QTcpServer m_server;
};

QByteArray chunkEvent(const QString &content)
{
    const QJsonObject chunk{
        {QStringLiteral("choices"),
         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                {QStringLiteral("delta"), QJsonObject{{QStringLiteral("content"), content}}}}}}};
    return "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\r\n\r\n";
}

} // namespace

class TestPlaygroundClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void consoleKeyCreatedOnDemand();
    void baseUrlFromListenAddress_data();
    void baseUrlFromListenAddress();
    void streamsThroughGatewayWithUsage();
    void aliasDefaultsAndParameters();
    void loggedAsPlayground();
    void sseAcrossChunkBoundaries_data();
    void sseAcrossChunkBoundaries();
    void cancelStopsOneStream();
    void errorsMapped_data();
    void errorsMapped();
    void sessionColumnsDiverge();
    void sessionStopOneColumnKeepsOthers();

private:
    ChatStreamResult runOne(const QString &model, const ChatParameters &parameters = ChatParameters(),
                            const QString &key = QString(), int firstByteMs = 10000);

    std::unique_ptr<GatewayFixture> f;
    std::unique_ptr<Settings> settings;
    std::unique_ptr<HttpClient> http;
    std::unique_ptr<ChatStreamClient> client;
    QString consoleKey;
};

void TestPlaygroundClient::initTestCase()
{
    f = std::make_unique<GatewayFixture>();
    QString error;
    QVERIFY2(f->setUp(&error), qPrintable(error));
    settings = std::make_unique<Settings>(*f->db);
    consoleKey = PlaygroundEndpoint::ensureConsoleKey(*settings, *f->keys, &error);
    QVERIFY2(!consoleKey.isEmpty(), qPrintable(error));
    http = std::make_unique<HttpClient>();
    client = std::make_unique<ChatStreamClient>(*http);
    client->setEndpoint(f->baseUrl(), consoleKey);
    // The gateway picks up new keys on its next routing reload.
    QTRY_VERIFY_WITH_TIMEOUT(runOne(QStringLiteral("fast")).ok(), 5000);
}

void TestPlaygroundClient::init()
{
    f->openai.setMode(FakeUpstream::Normal);
    f->openai.setResponseDelayMs(0);
    f->openai.setStreamChunks(5, 0);
    f->openai.clearRequests();
    client->setEndpoint(f->baseUrl(), consoleKey);
}

void TestPlaygroundClient::cleanupTestCase()
{
    client.reset();
    http.reset();
    settings.reset();
    f.reset();
}

ChatStreamResult TestPlaygroundClient::runOne(const QString &model, const ChatParameters &parameters,
                                              const QString &key, int firstByteMs)
{
    if (!key.isEmpty())
        client->setEndpoint(client->baseUrl(), key);
    client->setTimeouts(2000, firstByteMs, 0);
    ChatStreamResult out;
    bool done = false;
    const auto id = client->start(model, {{QStringLiteral("user"), QStringLiteral("Say hello")}}, parameters);
    auto connection = connect(client.get(), &ChatStreamClient::finished, this,
                              [&](ChatStreamClient::StreamId finishedId, const ChatStreamResult &r) {
                                  if (finishedId == id) {
                                      out = r;
                                      done = true;
                                  }
                              });
    (void)QTest::qWaitFor([&] { return done; }, 15000);
    disconnect(connection);
    client->setEndpoint(client->baseUrl(), consoleKey);
    if (!done)
        out.error = ChatStreamResult::Error::Broken;
    return out;
}

void TestPlaygroundClient::consoleKeyCreatedOnDemand()
{
    // Stored and valid: returned as is.
    QString error;
    QCOMPARE(PlaygroundEndpoint::ensureConsoleKey(*settings, *f->keys, &error), consoleKey);
    const auto key = f->keys->findByName(QStringLiteral("tollgate-console"));
    QVERIFY(key);
    QVERIFY(key->internal);
    QCOMPARE(key->hash, KeyStore::hashSecret(consoleKey));

    // A second database without a console key (older version) gets one.
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("old.db")));
    QVERIFY(db.open(&error));
    Settings oldSettings(db);
    KeyStore oldKeys(db);
    const QString created = PlaygroundEndpoint::ensureConsoleKey(oldSettings, oldKeys, &error);
    QVERIFY2(created.startsWith(QLatin1String("tg-")), qPrintable(error));
    QCOMPARE(oldSettings.value(Settings::ConsoleKey).toString(), created);
    // Revoked: replaced by a fresh internal key under a new name.
    QVERIFY(oldKeys.revoke(QStringLiteral("tollgate-console"), &error));
    const QString replacement = PlaygroundEndpoint::ensureConsoleKey(oldSettings, oldKeys, &error);
    QVERIFY2(!replacement.isEmpty(), qPrintable(error));
    QVERIFY(replacement != created);
    QCOMPARE(oldKeys.list(true).size(), 2);
}

void TestPlaygroundClient::baseUrlFromListenAddress_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("url");
    QTest::newRow("loopback") << "127.0.0.1:4242"
                              << "http://127.0.0.1:4242";
    QTest::newRow("wildcard") << "0.0.0.0:8080"
                              << "http://127.0.0.1:8080";
    QTest::newRow("ipv6") << "[::1]:4300"
                          << "http://[::1]:4300";
    QTest::newRow("lan") << "192.168.1.5:4242"
                         << "http://192.168.1.5:4242";
}

void TestPlaygroundClient::baseUrlFromListenAddress()
{
    QFETCH(QString, listen);
    QFETCH(QString, url);
    QCOMPARE(PlaygroundEndpoint::baseUrlFor(listen), url);
}

void TestPlaygroundClient::streamsThroughGatewayWithUsage()
{
    f->openai.setStreamChunks(8, 10);
    QSignalSpy text(client.get(), &ChatStreamClient::textReceived);
    QSignalSpy first(client.get(), &ChatStreamClient::firstToken);
    const ChatStreamResult r = runOne(QStringLiteral("fast"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.httpStatus, 200);
    QCOMPARE(r.text, QStringLiteral("Hello piece1 piece2 piece3 piece4 piece5 piece6 piece7"));
    QCOMPARE(text.count(), 8); // one delta per upstream chunk, in order
    QCOMPARE(first.count(), 1);
    QCOMPARE(r.finishReason, QStringLiteral("stop"));
    QVERIFY(r.metrics.usageReported);
    QCOMPARE(r.metrics.promptTokens, qint64(FakeUpstream::kPromptTokens));
    QCOMPARE(r.metrics.completionTokens, qint64(FakeUpstream::kCompletionTokens));
    QCOMPARE(r.metrics.cachedTokens, qint64(FakeUpstream::kCachedTokens));
    QVERIFY(r.metrics.ttftMs >= 0);
    // Seven more chunks 10 ms apart follow the first token.
    QVERIFY2(r.metrics.totalMs >= r.metrics.ttftMs + 60, qPrintable(QString::number(r.metrics.totalMs)));
    QVERIFY(r.metrics.tokensPerSecond() > 0);
    // The upstream was asked to include usage in the stream.
    const QJsonObject sent = QJsonDocument::fromJson(f->openai.requests().last().body).object();
    QVERIFY(sent.value(QLatin1String("stream")).toBool());
    QVERIFY(sent.value(QLatin1String("stream_options")).toObject().value(QLatin1String("include_usage")).toBool());
}

void TestPlaygroundClient::aliasDefaultsAndParameters()
{
    // Unset: the alias defaults (temperature 0.2, max_tokens 64) apply, as for any client.
    QVERIFY(runOne(QStringLiteral("fast")).ok());
    QJsonObject sent = QJsonDocument::fromJson(f->openai.requests().last().body).object();
    QCOMPARE(sent.value(QLatin1String("temperature")).toDouble(), 0.2);
    QCOMPARE(sent.value(QLatin1String("max_tokens")).toInt(), 64);
    QVERIFY(!sent.contains(QLatin1String("seed")));

    ChatParameters p;
    p.temperature = 0.9;
    p.topP = 0.5;
    p.seed = 42;
    QVERIFY(runOne(QStringLiteral("fast"), p).ok());
    sent = QJsonDocument::fromJson(f->openai.requests().last().body).object();
    QCOMPARE(sent.value(QLatin1String("temperature")).toDouble(), 0.9);
    QCOMPARE(sent.value(QLatin1String("top_p")).toDouble(), 0.5);
    QCOMPARE(sent.value(QLatin1String("seed")).toInteger(), 42);
    QCOMPARE(sent.value(QLatin1String("max_tokens")).toInt(), 64);
}

void TestPlaygroundClient::loggedAsPlayground()
{
    QVERIFY(runOne(QStringLiteral("demo/demo-chat")).ok());
    QVERIFY(runOne(QStringLiteral("fast"), ChatParameters(), f->fullKey).ok());
    f->flushLog();
    QSqlQuery q(f->db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT source, key_name, model, completion_tokens, cost_usd FROM request_log "
                                  "ORDER BY id DESC LIMIT 2")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("api"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("full"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("playground"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("tollgate-console"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("demo/demo-chat"));
    QVERIFY(q.value(3).toLongLong() > 0);
}

void TestPlaygroundClient::sseAcrossChunkBoundaries_data()
{
    QTest::addColumn<int>("slice");
    QTest::newRow("1 byte") << 1;
    QTest::newRow("3 bytes") << 3;
    QTest::newRow("17 bytes") << 17;
    QTest::newRow("whole") << (1 << 20);
}

void TestPlaygroundClient::sseAcrossChunkBoundaries()
{
    QFETCH(int, slice);
    QByteArray events = chunkEvent(QStringLiteral("Grüße, "))
                        + chunkEvent(QStringLiteral("€ and 日本"))
                        // A keep-alive comment and an event with two data lines must not confuse the parser.
                        + ": keep-alive\r\n\r\n" + chunkEvent(QStringLiteral("!"))
                        + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\r\n"
                          "data: \"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4}}\r\n\r\n"
                        + "data: [DONE]\r\n\r\n";
    SlicingServer server;
    QVERIFY(server.listen());
    server.slice = slice;
    server.response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + events;
    client->setEndpoint(server.baseUrl(), consoleKey);
    const ChatStreamResult r = runOne(QStringLiteral("any"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.text, QStringLiteral("Grüße, € and 日本!"));
    QCOMPARE(r.finishReason, QStringLiteral("stop"));
    QVERIFY(r.metrics.usageReported);
    QCOMPARE(r.metrics.promptTokens, qint64(5));
    QCOMPARE(r.metrics.completionTokens, qint64(4));
}

void TestPlaygroundClient::cancelStopsOneStream()
{
    f->openai.setStreamChunks(200, 20);
    client->setTimeouts(2000, 10000, 0);
    QSignalSpy text(client.get(), &ChatStreamClient::textReceived);
    QSignalSpy finished(client.get(), &ChatStreamClient::finished);
    const ChatHistory messages{{QStringLiteral("user"), QStringLiteral("long answer please")}};
    const auto slow = client->start(QStringLiteral("fast"), messages, ChatParameters());
    const auto other = client->start(QStringLiteral("demo/demo-chat"), messages, ChatParameters());
    const auto textsFor = [&text](ChatStreamClient::StreamId id) {
        return int(std::count_if(text.cbegin(), text.cend(),
                                 [id](const QList<QVariant> &args) { return args.at(0).toULongLong() == id; }));
    };
    QTRY_VERIFY_WITH_TIMEOUT(textsFor(slow) > 0, 5000);
    // The demo model's stream may or may not have ended by now.
    const int finishedBefore = int(finished.count());
    client->cancel(slow);
    QCOMPARE(finished.count(), finishedBefore + 1);
    const auto cancelled = finished.takeLast();
    QCOMPARE(cancelled.at(0).toULongLong(), slow);
    const auto result = cancelled.at(1).value<ChatStreamResult>();
    QCOMPARE(result.error, ChatStreamResult::Error::Cancelled);
    QVERIFY(!result.text.isEmpty());
    QVERIFY(!client->isRunning(slow));
    const int textsForSlow = textsFor(slow);
    // The other stream is not disturbed and nothing more arrives for the cancelled one.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QCOMPARE(finished.constFirst().at(0).toULongLong(), other);
    QVERIFY(finished.constFirst().at(1).value<ChatStreamResult>().ok());
    QCoreApplication::processEvents();
    QCOMPARE(textsFor(slow), textsForSlow);
    QCOMPARE(client->runningCount(), 0);
}

void TestPlaygroundClient::errorsMapped_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("firstByteMs");
    QTest::addColumn<int>("error");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    using E = ChatStreamResult::Error;
    QTest::newRow("bad key") << "fast" << int(FakeUpstream::Normal) << "tg-not-a-real-key" << 10000
                             << int(E::Unauthorized) << 401 << "not valid";
    QTest::newRow("unknown model") << "no-such-model" << int(FakeUpstream::Normal) << "" << 10000 << int(E::NotFound)
                                   << 404 << "no-such-model";
    QTest::newRow("upstream 429") << "fast" << int(FakeUpstream::RateLimited) << "" << 10000 << int(E::RateLimited)
                                  << 429 << "Rate limit reached.";
    QTest::newRow("upstream 500") << "fast" << int(FakeUpstream::ServerError) << "" << 10000 << int(E::Upstream) << 500
                                  << "error while processing";
    QTest::newRow("timeout") << "fast" << int(FakeUpstream::Hang) << "" << 300 << int(E::Timeout) << 0 << "";
}

void TestPlaygroundClient::errorsMapped()
{
    QFETCH(QString, model);
    QFETCH(int, mode);
    QFETCH(QString, key);
    QFETCH(int, firstByteMs);
    QFETCH(int, error);
    QFETCH(int, status);
    QFETCH(QString, message);
    f->openai.setMode(FakeUpstream::Mode(mode));
    const ChatStreamResult r = runOne(model, ChatParameters(), key, firstByteMs);
    QCOMPARE(int(r.error), error);
    QCOMPARE(r.httpStatus, status);
    QVERIFY2(r.message.contains(message), qPrintable(r.message));
    QVERIFY(!r.message.contains(QLatin1String(GatewayFixture::kOpenAiKey)));
}

void TestPlaygroundClient::sessionColumnsDiverge()
{
    PlaygroundSession session(*client);
    session.setPricing([](const QString &model) {
        return model == QLatin1String("fast") ? Pricing{1.0, 2.0, 0.5} : Pricing();
    });
    session.setSystemPrompt(QStringLiteral("Be brief."));
    QCOMPARE(session.addColumn(QStringLiteral("fast")), 0);
    QCOMPARE(session.addColumn(QStringLiteral("demo/demo-chat")), 1);
    QSignalSpy finished(&session, &PlaygroundSession::runFinished);
    QVERIFY(session.run(QStringLiteral("first question")));
    QVERIFY(session.isRunning());
    QString error;
    QVERIFY(!session.run(QStringLiteral("again"), &error)); // one run at a time
    QVERIFY(!error.isEmpty());
    QVERIFY(finished.wait(10000));
    QCOMPARE(session.state(0), PlaygroundSession::State::Done);
    QCOMPARE(session.state(1), PlaygroundSession::State::Done);
    QVERIFY(session.answer(1).contains(QLatin1String("first question")));
    // 12 prompt (2 cached) at $1/M, 7 completion at $2/M.
    QVERIFY(qFuzzyCompare(session.metrics(0).costUsd, (10 * 1.0 + 2 * 0.5 + 7 * 2.0) / 1e6));
    QCOMPARE(session.metrics(1).costUsd, 0.0);
    QVERIFY(session.bestColumn(PlaygroundSession::Metric::Cost) == 1);

    f->openai.clearRequests();
    QVERIFY(session.followUp(QStringLiteral("and then?")));
    QVERIFY(finished.wait(10000));
    // Each column continued its own conversation: fast saw its own answer, not the demo's.
    const QJsonArray sent =
        QJsonDocument::fromJson(f->openai.requests().last().body).object().value(QLatin1String("messages")).toArray();
    QCOMPARE(sent.size(), 4);
    QCOMPARE(sent.at(0).toObject().value(QLatin1String("role")).toString(), QStringLiteral("system"));
    QCOMPARE(sent.at(2).toObject().value(QLatin1String("content")).toString(),
             QStringLiteral("Hello piece1 piece2 piece3 piece4"));
    QCOMPARE(sent.at(3).toObject().value(QLatin1String("content")).toString(), QStringLiteral("and then?"));
    QCOMPARE(session.turns(1).size(), 4);
    QVERIFY(session.answer(1).contains(QLatin1String("and then?")));

    session.keepOnly(1);
    QCOMPARE(session.columnCount(), 1);
    QCOMPARE(session.model(0), QStringLiteral("demo/demo-chat"));
    QCOMPARE(session.turns(0).size(), 4);
}

void TestPlaygroundClient::sessionStopOneColumnKeepsOthers()
{
    f->openai.setStreamChunks(200, 20);
    PlaygroundSession session(*client);
    session.addColumn(QStringLiteral("fast"));
    session.addColumn(QStringLiteral("demo/demo-chat"));
    session.addColumn(QStringLiteral("no-such-model"));
    QSignalSpy finished(&session, &PlaygroundSession::runFinished);
    QVERIFY(session.run(QStringLiteral("go")));
    QTRY_VERIFY_WITH_TIMEOUT(!session.answer(0).isEmpty(), 5000);
    session.stop(0);
    QCOMPARE(session.state(0), PlaygroundSession::State::Stopped);
    QTRY_VERIFY_WITH_TIMEOUT(!session.isRunning(), 10000);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(session.state(1), PlaygroundSession::State::Done);
    QCOMPARE(session.state(2), PlaygroundSession::State::Failed);
    QVERIFY(session.error(2).contains(QLatin1String("no-such-model")));
    QVERIFY(!session.answer(1).isEmpty());
    // A stopped or failed column does not compete for "best".
    QCOMPARE(session.bestColumn(PlaygroundSession::Metric::Total), -1);
}

QTEST_GUILESS_MAIN(TestPlaygroundClient)
#include "tst_playground_client.moc"
