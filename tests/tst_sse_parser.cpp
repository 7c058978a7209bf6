#include "core/net/SseParser.h"

#include <QTest>

// SSE framing as a pure function of bytes: events whatever the chunking, work
// linear in the bytes fed (a 32 MiB event in 16 KiB reads), and a cap on the
// size of one event.
class TestSseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventsWhateverTheChunks_data();
    void eventsWhateverTheChunks();
    void hugeEventIsLinear();
    void manySmallEventsAreLinear();
    void eventOverTheLimitStopsTheParser_data();
    void eventOverTheLimitStopsTheParser();
    void defaultLimitIs16MiB();
};

namespace {

struct Seen
{
    QByteArray name;
    QByteArray data;
    QByteArray raw;
};

QList<Seen> feedInChunks(SseParser &parser, const QByteArray &bytes, qsizetype chunk)
{
    QList<Seen> seen;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        parser.feed(QByteArrayView(bytes).sliced(at, qMin(chunk, bytes.size() - at)), [&](const SseParser::Event &e) {
            seen.append({e.name.toByteArray(), e.data, e.raw.toByteArray()});
        });
    }
    return seen;
}

} // namespace

void TestSseParser::eventsWhateverTheChunks_data()
{
    QTest::addColumn<int>("chunk");
    for (const int chunk : {1, 2, 3, 5, 7, 64, 100000})
        QTest::newRow(qPrintable(QString::number(chunk))) << chunk;
}

void TestSseParser::eventsWhateverTheChunks()
{
    QFETCH(int, chunk);
    const QByteArray stream = "data: {\"a\":1}\n\n"
                              ": a comment\n"
                              "event: message_start\ndata: one\ndata: two\n\n"
                              "data: crlf\r\n\r\n"
                              "data:no-space\n\n"
                              "data: [DONE]\n\n"
                              "data: partial";
    SseParser parser;
    const QList<Seen> seen = feedInChunks(parser, stream, chunk);
    QCOMPARE(seen.size(), 5);
    QCOMPARE(seen[0].data, QByteArray("{\"a\":1}"));
    QCOMPARE(seen[0].raw, QByteArray("data: {\"a\":1}\n\n"));
    QCOMPARE(seen[1].name, QByteArray("message_start"));
    QCOMPARE(seen[1].data, QByteArray("one\ntwo"));
    QCOMPARE(seen[2].data, QByteArray("crlf"));
    QCOMPARE(seen[3].data, QByteArray("no-space"));
    QCOMPARE(seen[4].data, QByteArray("[DONE]"));
    QCOMPARE(parser.pending(), QByteArray("data: partial"));
    QVERIFY(!parser.overflowed());
}

// Before: every read re-scanned the whole unfinished event from its start, so
// a 32 MiB event in 16 KiB reads cost ~32 GiB of scanning (23 s of CPU).
void TestSseParser::hugeEventIsLinear()
{
    const qsizetype size = qsizetype(32) * 1024 * 1024;
    QByteArray stream = "data: ";
    stream += QByteArray(size, 'x');
    stream += "\n\ndata: after\n\n";
    SseParser parser;
    parser.setMaxEventBytes(qsizetype(64) * 1024 * 1024);
    const QList<Seen> seen = [&] {
        QList<Seen> out;
        for (qsizetype at = 0; at < stream.size(); at += 16 * 1024) {
            parser.feed(QByteArrayView(stream).sliced(at, qMin<qsizetype>(16 * 1024, stream.size() - at)),
                        [&](const SseParser::Event &e) {
                            out.append({{}, e.data.left(16), {}});
                        });
        }
        return out;
    }();
    QCOMPARE(seen.size(), 2);
    QCOMPARE(seen[0].data, QByteArray(16, 'x'));
    QCOMPARE(seen[1].data, QByteArray("after"));
    // Each byte is looked at about once while searching for the blank line,
    // and bytes already buffered are not moved again and again.
    QVERIFY2(parser.bytesScanned() <= 2 * stream.size(), qPrintable(QString::number(parser.bytesScanned())));
    QVERIFY2(parser.bytesMoved() <= stream.size(), qPrintable(QString::number(parser.bytesMoved())));
    QVERIFY(!parser.overflowed());
}

void TestSseParser::manySmallEventsAreLinear()
{
    QByteArray stream;
    for (int k = 0; k < 20000; ++k)
        stream += "data: {\"choices\":[{\"delta\":{\"content\":\"piece" + QByteArray::number(k) + "\"}}]}\n\n";
    SseParser parser;
    int events = 0;
    for (qsizetype at = 0; at < stream.size(); at += 4096)
        parser.feed(QByteArrayView(stream).sliced(at, qMin<qsizetype>(4096, stream.size() - at)),
                    [&](const SseParser::Event &) { ++events; });
    QCOMPARE(events, 20000);
    QVERIFY2(parser.bytesScanned() <= 2 * stream.size(), qPrintable(QString::number(parser.bytesScanned())));
    QVERIFY2(parser.bytesMoved() <= stream.size(), qPrintable(QString::number(parser.bytesMoved())));
}

void TestSseParser::eventOverTheLimitStopsTheParser_data()
{
    QTest::addColumn<int>("eventBytes"); // the whole event, blank line included
    QTest::addColumn<int>("chunk");
    QTest::addColumn<bool>("overflow");
    QTest::newRow("at the limit, in pieces") << 1024 << 100 << false;
    QTest::newRow("at the limit, whole") << 1024 << 4096 << false;
    QTest::newRow("one byte over, in pieces") << 1025 << 100 << true;
    QTest::newRow("one byte over, whole") << 1025 << 4096 << true;
    QTest::newRow("far over, unfinished") << 100000 << 512 << true;
}

void TestSseParser::eventOverTheLimitStopsTheParser()
{
    QFETCH(int, eventBytes);
    QFETCH(int, chunk);
    QFETCH(bool, overflow);
    SseParser parser;
    parser.setMaxEventBytes(1024);
    const QByteArray event = "data: " + QByteArray(eventBytes - 8, 'y') + "\n\n";
    QCOMPARE(event.size(), eventBytes);
    const QList<Seen> seen = feedInChunks(parser, event + "data: next\n\n", chunk);
    QCOMPARE(parser.overflowed(), overflow);
    if (overflow) {
        // Nothing of the oversized event is delivered, nothing after it either,
        // and what was buffered is released.
        QVERIFY(seen.isEmpty());
        QVERIFY(parser.pending().isEmpty());
        int later = 0;
        parser.feed("data: more\n\n", [&](const SseParser::Event &) { ++later; });
        QCOMPARE(later, 0);
    } else {
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen[0].data.size(), eventBytes - 8);
    }
}

void TestSseParser::defaultLimitIs16MiB()
{
    SseParser parser;
    QCOMPARE(parser.maxEventBytes(), qsizetype(16) * 1024 * 1024);
    const QByteArray big = "data: " + QByteArray(qsizetype(16) * 1024 * 1024, 'z');
    int events = 0;
    for (qsizetype at = 0; at < big.size(); at += 64 * 1024)
        parser.feed(QByteArrayView(big).sliced(at, qMin<qsizetype>(64 * 1024, big.size() - at)),
                    [&](const SseParser::Event &) { ++events; });
    QVERIFY(parser.overflowed());
    QCOMPARE(events, 0);
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sse_parser.moc"
