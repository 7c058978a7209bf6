#include "core/pricing/CostCalculator.h"
#include "core/pricing/PriceLookup.h"
#include "core/pricing/PriceTable.h"
#include "core/protocol/TokenUsage.h"
#include "core/protocol/UsageEstimate.h"

#include <QTest>

// Prices and cost, without a gateway: the embedded table as the converter
// built it, id normalisation, overrides, and cost from each provider's
// documented usage shapes (responses and streams).
class TestPricing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bundledTableHoldsTheSourcePrices_data();
    void bundledTableHoldsTheSourcePrices();
    void bundledTableRecordsItsSource();
    void lookupNormalisesIds_data();
    void lookupNormalisesIds();
    void overrideIsUsedAsGiven();
    void usageShapesCostEachBucketOnce_data();
    void usageShapesCostEachBucketOnce();
    void missingCachePriceChargesInputPrice();
    void estimateCountsOnlyGeneratedText_data();
    void estimateCountsOnlyGeneratedText();
    void estimateFillsOnlyWhatUsageLacks();
};

void TestPricing::bundledTableHoldsTheSourcePrices_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("output");
    QTest::addColumn<double>("cacheRead");  // -1: none
    QTest::addColumn<double>("cacheWrite"); // -1: none
    QTest::addColumn<double>("cacheWrite1h");
    QTest::addColumn<qint64>("maxOutput"); // 0: none

    // Source (US cents per token): anthropic claude-sonnet-4-5 request 0.0003,
    // response 0.0015, cache write 0.000375, cache read 3e-05, cache_write_1h 0.0006.
    QTest::newRow("anthropic sonnet 4.5") << "anthropic"
                                          << "claude-sonnet-4-5" << 3.0 << 15.0 << 0.30 << 3.75 << 6.0 << qint64(64000);
    QTest::newRow("openai gpt-4o") << "openai"
                                   << "gpt-4o" << 2.5 << 10.0 << 1.25 << 0.0 << -1.0 << qint64(16384);
    QTest::newRow("openai gpt-4o-mini") << "openai"
                                        << "gpt-4o-mini" << 0.15 << 0.6 << 0.075 << 0.0 << -1.0 << qint64(16384);
    QTest::newRow("google -> gemini") << "gemini"
                                      << "gemini-2.0-flash-lite" << 0.075 << 0.3 << -1.0 << -1.0 << -1.0 << qint64(0);
    QTest::newRow("azure-openai -> azure") << "azure"
                                           << "gpt-4o" << 2.5 << 10.0 << 1.25 << 0.0 << -1.0 << qint64(16384);
}

void TestPricing::bundledTableHoldsTheSourcePrices()
{
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(double, input);
    QFETCH(double, output);
    QFETCH(double, cacheRead);
    QFETCH(double, cacheWrite);
    QFETCH(double, cacheWrite1h);
    QFETCH(qint64, maxOutput);

    const std::optional<ModelPrice> p = PriceTable::bundled().find(kind, model);
    QVERIFY2(p, qPrintable(kind + QLatin1Char('/') + model));
    QCOMPARE(p->input, input);
    QCOMPARE(p->output, output);
    QCOMPARE(p->cacheRead.value_or(-1), cacheRead);
    QCOMPARE(p->cacheWrite.value_or(-1), cacheWrite);
    QCOMPARE(p->cacheWrite1h.value_or(-1), cacheWrite1h);
    QCOMPARE(p->maxOutput.value_or(0), maxOutput);
}

void TestPricing::bundledTableRecordsItsSource()
{
    const PriceTable &t = PriceTable::bundled();
    QCOMPARE(t.sourceCommit(), QStringLiteral("f654307ec968cc9c8a54f2139fb79ede59c3d688"));
    QCOMPARE(t.sourceDate(), QStringLiteral("2026-08-21"));
    QCOMPARE(PriceLookup::bundledSource(t), QStringLiteral("bundled 2026-08-21"));
    QVERIFY(!t.kinds().contains(QStringLiteral("google")));
}

void TestPricing::lookupNormalisesIds_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("matched"); // empty: unpriced

    QTest::newRow("exact") << "anthropic"
                           << "claude-sonnet-4-5"
                           << "claude-sonnet-4-5";
    QTest::newRow("exact dated") << "anthropic"
                                 << "claude-sonnet-4-5-20250929"
                                 << "claude-sonnet-4-5-20250929";
    QTest::newRow("new date -> family") << "anthropic"
                                        << "claude-sonnet-4-5-20991231"
                                        << "claude-sonnet-4-5";
    QTest::newRow("dated -> -latest") << "anthropic"
                                      << "claude-3-7-sonnet-20990101"
                                      << "claude-3-7-sonnet-latest";
    QTest::newRow("bare -> -latest") << "anthropic"
                                     << "claude-3-7-sonnet"
                                     << "claude-3-7-sonnet-latest";
    QTest::newRow("bare -> newest dated") << "anthropic"
                                          << "claude-opus-4"
                                          << "claude-opus-4-20250514";
    QTest::newRow("openai dashed date") << "openai"
                                        << "gpt-4o-2099-01-01"
                                        << "gpt-4o";
    QTest::newRow("-latest -> bare") << "openai"
                                     << "o3-latest"
                                     << "o3";
    QTest::newRow("gemini resource name") << "gemini"
                                          << "models/gemini-2.0-flash-lite"
                                          << "gemini-2.0-flash-lite";
    QTest::newRow("gemini short-prompt tier") << "gemini"
                                              << "gemini-2.5-flash"
                                              << "gemini-2.5-flash-lte-128k";
    QTest::newRow("unknown") << "openai"
                             << "no-such-model"
                             << "";
    QTest::newRow("wrong provider") << "anthropic"
                                    << "gpt-4o"
                                    << "";
}

void TestPricing::lookupNormalisesIds()
{
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(QString, matched);
    const EffectivePrice p = PriceLookup::bundled(PriceTable::bundled(), kind, QStringLiteral("prov"), model);
    QCOMPARE(p.matchedId, matched);
    QCOMPARE(p.priced, !matched.isEmpty());
    QCOMPARE(p.source, matched.isEmpty() ? QString() : QStringLiteral("bundled 2026-08-21"));
}

void TestPricing::overrideIsUsedAsGiven()
{
    const Pricing override{2.0, 10.0, 0.0}; // cache reads free, as configured
    const EffectivePrice p = PriceLookup::effective(PriceTable::bundled(), &override, QStringLiteral("anthropic"),
                                                    QStringLiteral("anth"), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(p.source, QStringLiteral("override"));
    QVERIFY(p.priced);
    QCOMPARE(p.price.input, 2.0);
    QCOMPARE(p.price.output, 10.0);
    QCOMPARE(p.price.cacheRead.value_or(-1), 0.0);
    QCOMPARE(p.price.cacheWrite.value_or(-1), 3.75); // not in the override: the table's
    TokenUsage u;
    u.prompt = 1000;
    u.cached = 800;
    QCOMPARE(CostCalculator::cost(u, p.price), 200 * 2.0 / 1e6);

    const Pricing unset;
    const EffectivePrice bundled = PriceLookup::effective(PriceTable::bundled(), &unset, QStringLiteral("anthropic"),
                                                          QStringLiteral("anth"), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(bundled.source, QStringLiteral("bundled 2026-08-21"));
}

void TestPricing::usageShapesCostEachBucketOnce_data()
{
    QTest::addColumn<QStringList>("events"); // JSON bodies or stream events, merged in order
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("prompt");
    QTest::addColumn<qint64>("cached");
    QTest::addColumn<qint64>("cacheWrite");
    QTest::addColumn<qint64>("completion");
    QTest::addColumn<qint64>("reasoning");
    QTest::addColumn<double>("usd");

    // OpenAI Chat: cached inside prompt_tokens, reasoning inside completion_tokens. o3: 2 / 8 / 0.5.
    QTest::newRow("openai chat") << QStringList{QStringLiteral(
        R"({"object":"chat.completion","usage":{"prompt_tokens":2000,"completion_tokens":500,"total_tokens":2500,)"
        R"("prompt_tokens_details":{"cached_tokens":1500},"completion_tokens_details":{"reasoning_tokens":300}}})")}
                                 << "openai"
                                 << "o3" << qint64(2000) << qint64(1500) << qint64(0) << qint64(500) << qint64(300)
                                 << (500 * 2.0 + 1500 * 0.5 + 500 * 8.0) / 1e6;
    QTest::newRow("openai chat stream")
        << QStringList{QStringLiteral(R"({"choices":[{"delta":{"content":"Hi"}}],"usage":null})"),
                       QStringLiteral(R"({"choices":[],"usage":{"prompt_tokens":2000,"completion_tokens":500,)"
                                      R"("prompt_tokens_details":{"cached_tokens":1500},)"
                                      R"("completion_tokens_details":{"reasoning_tokens":300}}})")}
        << "openai"
        << "o3" << qint64(2000) << qint64(1500) << qint64(0) << qint64(500) << qint64(300)
        << (500 * 2.0 + 1500 * 0.5 + 500 * 8.0) / 1e6;
    // OpenAI Responses: details inside input_tokens / output_tokens.
    QTest::newRow("openai responses stream")
        << QStringList{QStringLiteral(R"({"type":"response.created","response":{"usage":null}})"),
                       QStringLiteral(R"({"type":"response.completed","response":{"usage":{"input_tokens":2000,)"
                                      R"("input_tokens_details":{"cached_tokens":1500},"output_tokens":500,)"
                                      R"("output_tokens_details":{"reasoning_tokens":300},"total_tokens":2500}}})")}
        << "openai"
        << "o3" << qint64(2000) << qint64(1500) << qint64(0) << qint64(500) << qint64(300)
        << (500 * 2.0 + 1500 * 0.5 + 500 * 8.0) / 1e6;
    // Anthropic: input_tokens excludes reads and writes. Sonnet 4.5: 3 / 15 / 0.30 / 3.75 / 6.
    QTest::newRow("anthropic message") << QStringList{QStringLiteral(
        R"({"type":"message","usage":{"input_tokens":50,"cache_creation_input_tokens":1000,)"
        R"("cache_read_input_tokens":4000,"output_tokens":200}})")}
                                       << "anthropic"
                                       << "claude-sonnet-4-5" << qint64(5050) << qint64(4000) << qint64(1000)
                                       << qint64(200) << qint64(0)
                                       << (50 * 3.0 + 4000 * 0.30 + 1000 * 3.75 + 200 * 15.0) / 1e6;
    QTest::newRow("anthropic 1h split") << QStringList{QStringLiteral(
        R"({"type":"message","usage":{"input_tokens":50,"cache_creation_input_tokens":1000,)"
        R"("cache_creation":{"ephemeral_5m_input_tokens":400,"ephemeral_1h_input_tokens":600},)"
        R"("cache_read_input_tokens":4000,"output_tokens":200}})")}
                                        << "anthropic"
                                        << "claude-sonnet-4-5" << qint64(5050) << qint64(4000) << qint64(1000)
                                        << qint64(200) << qint64(0)
                                        << (50 * 3.0 + 4000 * 0.30 + 400 * 3.75 + 600 * 6.0 + 200 * 15.0) / 1e6;
    // Streams: message_start carries input and cache counts, message_delta the running output.
    QTest::newRow("anthropic stream")
        << QStringList{QStringLiteral(
                           R"({"type":"message_start","message":{"usage":{"input_tokens":50,)"
                           R"("cache_creation_input_tokens":1000,"cache_read_input_tokens":4000,"output_tokens":1,)"
                           R"("cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":1000}}}})"),
                       QStringLiteral(
                           R"({"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":200}})")}
        << "anthropic"
        << "claude-sonnet-4-5" << qint64(5050) << qint64(4000) << qint64(1000) << qint64(200) << qint64(0)
        << (50 * 3.0 + 4000 * 0.30 + 1000 * 6.0 + 200 * 15.0) / 1e6;
    // Newer streams repeat the cumulative input counts in message_delta: not counted twice.
    QTest::newRow("anthropic stream, delta repeats")
        << QStringList{QStringLiteral(
                           R"({"type":"message_start","message":{"usage":{"input_tokens":50,)"
                           R"("cache_creation_input_tokens":1000,"cache_read_input_tokens":4000,"output_tokens":1}}})"),
                       QStringLiteral(
                           R"({"type":"message_delta","usage":{"input_tokens":50,"cache_creation_input_tokens":1000,)"
                           R"("cache_read_input_tokens":4000,"output_tokens":200}})")}
        << "anthropic"
        << "claude-sonnet-4-5" << qint64(5050) << qint64(4000) << qint64(1000) << qint64(200) << qint64(0)
        << (50 * 3.0 + 4000 * 0.30 + 1000 * 3.75 + 200 * 15.0) / 1e6;
    // Gemini: cachedContentTokenCount inside promptTokenCount, thoughts apart from candidates.
    // gemini-2.5-flash (short-prompt tier): 0.30 / 2.50 / 0.03.
    QTest::newRow("gemini") << QStringList{QStringLiteral(
        R"({"candidates":[],"usageMetadata":{"promptTokenCount":3000,"cachedContentTokenCount":2000,)"
        R"("candidatesTokenCount":100,"thoughtsTokenCount":400,"totalTokenCount":3500}})")}
                            << "gemini"
                            << "gemini-2.5-flash" << qint64(3000) << qint64(2000) << qint64(0) << qint64(500)
                            << qint64(400) << (1000 * 0.30 + 2000 * 0.03 + 500 * 2.50) / 1e6;
    QTest::newRow("gemini stream")
        << QStringList{QStringLiteral(R"({"usageMetadata":{"promptTokenCount":3000,"cachedContentTokenCount":2000,)"
                                      R"("candidatesTokenCount":10,"thoughtsTokenCount":400}})"),
                       QStringLiteral(R"({"usageMetadata":{"promptTokenCount":3000,"cachedContentTokenCount":2000,)"
                                      R"("candidatesTokenCount":100,"thoughtsTokenCount":400}})")}
        << "gemini"
        << "gemini-2.5-flash" << qint64(3000) << qint64(2000) << qint64(0) << qint64(500) << qint64(400)
        << (1000 * 0.30 + 2000 * 0.03 + 500 * 2.50) / 1e6;
}

void TestPricing::usageShapesCostEachBucketOnce()
{
    QFETCH(QStringList, events);
    QFETCH(QString, kind);
    QFETCH(QString, model);
    QFETCH(qint64, prompt);
    QFETCH(qint64, cached);
    QFETCH(qint64, cacheWrite);
    QFETCH(qint64, completion);
    QFETCH(qint64, reasoning);
    QFETCH(double, usd);

    TokenUsage u;
    for (const QString &e : events)
        u.mergeFromJson(e.toUtf8());
    QVERIFY(u.seen);
    QCOMPARE(u.prompt, prompt);
    QCOMPARE(u.cached, cached);
    QCOMPARE(u.cacheWrite, cacheWrite);
    QCOMPARE(u.completion, completion);
    QCOMPARE(u.reasoning, reasoning);
    const EffectivePrice p = PriceLookup::bundled(PriceTable::bundled(), kind, QString(), model);
    QVERIFY(p.priced);
    const double cost = CostCalculator::cost(u, p.price);
    QVERIFY2(qAbs(cost - usd) < 1e-12,
             qPrintable(QStringLiteral("%1 != %2").arg(cost, 0, 'g', 12).arg(usd, 0, 'g', 12)));
}

void TestPricing::missingCachePriceChargesInputPrice()
{
    ModelPrice p;
    p.input = 1.0;
    p.output = 2.0;
    TokenUsage u;
    u.prompt = 1000;
    u.cached = 600;
    u.cacheWrite = 300;
    u.cacheWrite1h = 100;
    u.completion = 10;
    QCOMPARE(CostCalculator::cost(u, p), (1000 * 1.0 + 10 * 2.0) / 1e6);
    p.cacheWrite = 1.25; // 1-hour writes fall back to the 5-minute price
    QCOMPARE(CostCalculator::cost(u, p), (100 * 1.0 + 600 * 1.0 + 300 * 1.25 + 10 * 2.0) / 1e6);
}

void TestPricing::estimateCountsOnlyGeneratedText_data()
{
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<int>("chars");
    QTest::newRow("openai chat delta") << QByteArray(
        R"({"id":"c1","choices":[{"index":0,"delta":{"content":"Hello"}}]})")
                                       << 5;
    QTest::newRow("openai role chunk") << QByteArray(R"({"choices":[{"delta":{"role":"assistant","content":""}}]})")
                                       << 0;
    QTest::newRow("anthropic text delta")
        << QByteArray(R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\"b\n"}})") << 4;
    QTest::newRow("anthropic thinking") << QByteArray(R"({"delta":{"type":"thinking_delta","thinking":"hmm"}})") << 3;
    QTest::newRow("responses delta") << QByteArray(R"({"type":"response.output_text.delta","delta":"héllo"})") << 5;
    QTest::newRow("tool arguments") << QByteArray(
        R"({"delta":{"tool_calls":[{"function":{"arguments":"{\"a\":1}"}}]}})")
                                    << 7;
    QTest::newRow("no text") << QByteArray(R"({"type":"message_stop"})") << 0;
}

void TestPricing::estimateCountsOnlyGeneratedText()
{
    QFETCH(QByteArray, event);
    QFETCH(int, chars);
    QCOMPARE(UsageEstimate::generatedChars(event), qsizetype(chars));
}

void TestPricing::estimateFillsOnlyWhatUsageLacks()
{
    const QByteArray request =
        R"({"model":"m","system":"Be brief.","messages":[{"role":"user","content":"Hi there"}]})";
    QCOMPARE(UsageEstimate::promptChars(request), qsizetype(9 + 8));

    TokenUsage none;
    QVERIFY(UsageEstimate::fillGaps(none, request, 40));
    QCOMPARE(none.prompt, qint64(5)); // 17 characters
    QCOMPARE(none.completion, qint64(10));

    // The upstream's input count stands; its early output count is raised to what was relayed.
    TokenUsage started;
    started.seen = true;
    started.prompt = 1000;
    started.completion = 1;
    QVERIFY(UsageEstimate::fillGaps(started, request, 40));
    QCOMPARE(started.prompt, qint64(1000));
    QCOMPARE(started.completion, qint64(10));

    TokenUsage complete;
    complete.seen = true;
    complete.prompt = 1000;
    complete.completion = 50;
    QVERIFY(!UsageEstimate::fillGaps(complete, request, 40));
    QCOMPARE(complete.completion, qint64(50));
}

QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
