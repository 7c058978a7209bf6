#include "core/secrets/SecretScrubber.h"

#include <QTest>

namespace {

const QByteArray kKey = "sk-upstream-openai-SECRET-0001"; // 30 bytes
const QByteArray kMask = "[redacted]********************";

// Feeds the chunks one by one and joins what comes out, checking on the way
// that no more than the key's length - 1 is ever held back.
QByteArray stream(SecretScrubber &s, const QList<QByteArray> &chunks, qsizetype *maxHeld = nullptr)
{
    QByteArray out;
    qsizetype held = 0;
    for (const QByteArray &c : chunks) {
        out += s.feed(c).toByteArray();
        held = qMax(held, s.held());
    }
    out += s.finish().toByteArray();
    if (maxHeld)
        *maxHeld = held;
    return out;
}

} // namespace

// SecretScrubber: the one mechanism that keeps the active provider's key out
// of what the gateway relays and logs.
class TestSecretScrubber : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mask_data();
    void mask();
    void scrubWhole_data();
    void scrubWhole();
    void streamed_data();
    void streamed();
    void everySplitOfTwoAndThreeChunks();
    void cleanChunksAreNotCopied();
    void shortSecretsAreNotScrubbed();
    void scrubsQString();
};

void TestSecretScrubber::mask_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("mask");
    QTest::newRow("8") << 8 << QByteArray("********");
    QTest::newRow("9") << 9 << QByteArray("*********");
    QTest::newRow("10") << 10 << QByteArray("[redacted]");
    QTest::newRow("30") << 30 << kMask;
}

void TestSecretScrubber::mask()
{
    QFETCH(int, length);
    QFETCH(QByteArray, mask);
    QCOMPARE(SecretScrubber::mask(length), mask);
    QCOMPARE(SecretScrubber::mask(length).size(), length);
}

void TestSecretScrubber::scrubWhole_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("no key") << QByteArray("{\"ok\":true}") << QByteArray("{\"ok\":true}");
    QTest::newRow("only key") << kKey << kMask;
    QTest::newRow("openai error") << QByteArray("{\"error\":{\"message\":\"Incorrect API key provided: " + kKey
                                                + ". You can find...\"}}")
                                  << QByteArray("{\"error\":{\"message\":\"Incorrect API key provided: " + kMask
                                                + ". You can find...\"}}");
    QTest::newRow("twice, adjacent") << kKey + kKey << kMask + kMask;
    QTest::newRow("bearer header") << QByteArray("Bearer " + kKey) << QByteArray("Bearer " + kMask);
    QTest::newRow("prefix only") << kKey.left(29) << kKey.left(29);
    QTest::newRow("different last byte") << kKey.left(29) + 'X' << kKey.left(29) + 'X';
}

void TestSecretScrubber::scrubWhole()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    const SecretScrubber s(kKey);
    QCOMPARE(s.scrub(text), expected);
    QCOMPARE(s.contains(text), text != expected);
    // The same bytes through the stream scrubber in one piece.
    SecretScrubber streaming(kKey);
    QCOMPARE(stream(streaming, {text}), expected);
}

void TestSecretScrubber::streamed_data()
{
    QTest::addColumn<QList<QByteArray>>("chunks");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<int>("maxHeld");

    const QByteArray event = "data: {\"choices\":[{\"delta\":{\"content\":\"Your key is " + kKey + ".\"}}]}\n\n";
    const QByteArray masked = "data: {\"choices\":[{\"delta\":{\"content\":\"Your key is " + kMask + ".\"}}]}\n\n";
    const qsizetype mid = event.indexOf(kKey) + 15;
    QTest::newRow("sse events, no key") << QList<QByteArray>{"data: {\"a\":1}\n\n", "data: {\"a\":2}\n\n"}
                                        << QByteArray("data: {\"a\":1}\n\ndata: {\"a\":2}\n\n") << 0;
    QTest::newRow("key inside one chunk") << QList<QByteArray>{event} << masked << 0;
    QTest::newRow("key split in the middle") << QList<QByteArray>{event.left(mid), event.mid(mid)} << masked << 15;
    QTest::newRow("split after the first byte")
        << QList<QByteArray>{event.left(event.indexOf(kKey) + 1), event.mid(event.indexOf(kKey) + 1)} << masked << 1;
    QTest::newRow("split before the last byte")
        << QList<QByteArray>{event.left(event.indexOf(kKey) + 29), event.mid(event.indexOf(kKey) + 29)} << masked << 29;
    QList<QByteArray> bytes;
    for (const char c : event)
        bytes.append(QByteArray(1, c));
    QTest::newRow("one byte per chunk") << bytes << masked << 29;
    QTest::newRow("empty chunks between")
        << QList<QByteArray>{event.left(mid), QByteArray(), event.mid(mid)} << masked << 15;
    QTest::newRow("a false start, then the key")
        << QList<QByteArray>{"sk-up", "sk-upstream-", "openai-SECRET-0001 done"}
        << QByteArray("sk-up" + kMask + " done") << 12;
    QTest::newRow("prefix at the very end is released")
        << QList<QByteArray>{"text then sk-upstream"} << QByteArray("text then sk-upstream") << 11;
    QTest::newRow("tail looked like a key, was not")
        << QList<QByteArray>{"ends in s", "o on"} << QByteArray("ends in so on") << 1;
}

void TestSecretScrubber::streamed()
{
    QFETCH(QList<QByteArray>, chunks);
    QFETCH(QByteArray, expected);
    QFETCH(int, maxHeld);
    SecretScrubber s(kKey);
    qsizetype held = -1;
    QCOMPARE(stream(s, chunks, &held), expected);
    QCOMPARE(held, qsizetype(maxHeld));
    QVERIFY(held <= kKey.size() - 1);
    QCOMPARE(s.held(), 0);
}

void TestSecretScrubber::everySplitOfTwoAndThreeChunks()
{
    const QByteArray text = "a " + kKey + " b sk-up c " + kKey + kKey + " d sk-upstream-openai-SECRET-000";
    const QByteArray expected = "a " + kMask + " b sk-up c " + kMask + kMask + " d sk-upstream-openai-SECRET-000";
    for (qsizetype i = 0; i <= text.size(); ++i) {
        SecretScrubber two(kKey);
        QCOMPARE(stream(two, {text.left(i), text.mid(i)}), expected);
        for (qsizetype j = i; j <= text.size(); j += 3) {
            SecretScrubber three(kKey);
            qsizetype held = 0;
            const QByteArray out = stream(three, {text.left(i), text.mid(i, j - i), text.mid(j)}, &held);
            if (out != expected)
                QFAIL(qPrintable(QStringLiteral("split at %1, %2: %3").arg(i).arg(j).arg(QString::fromUtf8(out))));
            QVERIFY(held < kKey.size());
        }
    }
}

void TestSecretScrubber::cleanChunksAreNotCopied()
{
    SecretScrubber s(kKey);
    const QByteArray chunk = "data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\n";
    const QByteArrayView out = s.feed(chunk);
    QCOMPARE(out.data(), chunk.constData()); // the very same bytes, no copy
    QCOMPARE(out.size(), chunk.size());
    // An inactive scrubber passes everything through untouched.
    SecretScrubber none;
    QVERIFY(!none.active());
    QCOMPARE(none.feed(kKey).data(), kKey.constData());
}

void TestSecretScrubber::shortSecretsAreNotScrubbed()
{
    const SecretScrubber s("abc1234"); // 7 bytes: below kMinLength
    QVERIFY(!s.active());
    QCOMPARE(s.scrub(QByteArray("xx abc1234 yy")), QByteArray("xx abc1234 yy"));
    QVERIFY(SecretScrubber(QByteArray("abcd1234")).active());
}

void TestSecretScrubber::scrubsQString()
{
    const SecretScrubber s(kKey);
    const QString message = QStringLiteral("Provider said: Incorrect API key provided: ") + QString::fromLatin1(kKey);
    QCOMPARE(s.scrub(message),
             QStringLiteral("Provider said: Incorrect API key provided: ") + QString::fromLatin1(kMask));
}

QTEST_GUILESS_MAIN(TestSecretScrubber)
#include "tst_secretscrubber.moc"
