#include "core/net/RequestPath.h"

#include <QTest>

// RequestPath: the one normalisation of a request path before the gateway
// routes on it or builds an upstream URL from it.
class TestRequestPath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalise_data();
    void normalise();
    void encodedSeparators_data();
    void encodedSeparators();
    void queries_data();
    void queries();
};

void TestRequestPath::normalise_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("dots");

    QTest::newRow("plain") << QByteArray("/v1/chat/completions") << true << QByteArray("/v1/chat/completions") << false;
    QTest::newRow("root") << QByteArray("/") << true << QByteArray("/") << false;
    QTest::newRow("dot in a name") << QByteArray("/v1/models/gpt-4.1") << true << QByteArray("/v1/models/gpt-4.1")
                                   << false;
    QTest::newRow("hidden-looking name") << QByteArray("/v1/.well") << true << QByteArray("/v1/.well") << false;
    QTest::newRow("trailing slash kept") << QByteArray("/v1/models/") << true << QByteArray("/v1/models/") << false;
    QTest::newRow("double slash merged") << QByteArray("/v1//chat///completions") << true
                                         << QByteArray("/v1/chat/completions") << false;
    QTest::newRow("dot dot up and out") << QByteArray("/v1/../../admin") << true << QByteArray("/admin") << true;
    QTest::newRow("encoded dots") << QByteArray("/v1/%2e%2e/%2e%2e/x") << true << QByteArray("/x") << true;
    QTest::newRow("upper-case encoded dots") << QByteArray("/v1/%2E%2E/x") << true << QByteArray("/x") << true;
    QTest::newRow("mixed dots") << QByteArray("/v1/.%2e/x") << true << QByteArray("/x") << true;
    QTest::newRow("dot dot inside v1") << QByteArray("/v1/chat/../models") << true << QByteArray("/v1/models") << true;
    QTest::newRow("single dot") << QByteArray("/v1/./chat/completions") << true << QByteArray("/v1/chat/completions")
                                << true;
    QTest::newRow("ends in dot") << QByteArray("/v1/models/.") << true << QByteArray("/v1/models/") << true;
    QTest::newRow("ends in dot dot") << QByteArray("/v1/models/x/..") << true << QByteArray("/v1/models/") << true;
    QTest::newRow("above the root") << QByteArray("/../../../v1/x") << true << QByteArray("/v1/x") << true;
    QTest::newRow("v1 itself dotted away") << QByteArray("/v1/..") << true << QByteArray("/") << true;
    QTest::newRow("unreserved decoded") << QByteArray("/v1/%63hat/%7Euser") << true << QByteArray("/v1/chat/~user")
                                        << false;
    QTest::newRow("other escapes upper-cased")
        << QByteArray("/v1/a%3fb%c3%bc") << true << QByteArray("/v1/a%3Fb%C3%BC") << false;
    QTest::newRow("encoded slash stays data")
        << QByteArray("/v1/a%2F..%2F..%2Fadmin") << true << QByteArray("/v1/a%2F..%2F..%2Fadmin") << false;
    QTest::newRow("double-encoded dots stay")
        << QByteArray("/v1/%252e%252e/x") << true << QByteArray("/v1/%252e%252e/x") << false;
    QTest::newRow("relative") << QByteArray("v1/chat") << false << QByteArray() << false;
    QTest::newRow("asterisk") << QByteArray("*") << false << QByteArray() << false;
    QTest::newRow("empty") << QByteArray() << false << QByteArray() << false;
    QTest::newRow("bad escape") << QByteArray("/v1/%zz") << false << QByteArray() << false;
    QTest::newRow("cut escape") << QByteArray("/v1/%2") << false << QByteArray() << false;
    QTest::newRow("encoded NUL") << QByteArray("/v1/a%00b") << false << QByteArray() << false;
    QTest::newRow("encoded newline") << QByteArray("/v1/a%0d%0aX-Injected:1") << false << QByteArray() << false;
    QTest::newRow("raw space") << QByteArray("/v1/a b") << false << QByteArray() << false;
    QTest::newRow("raw non-ASCII") << QByteArray("/v1/\xc3\xbc") << false << QByteArray() << false;
    QTest::newRow("raw question mark") << QByteArray("/v1/a?b") << false << QByteArray() << false;
}

void TestRequestPath::normalise()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, valid);
    QFETCH(QByteArray, path);
    QFETCH(bool, dots);
    const RequestPath::Normalised n = RequestPath::normalise(raw);
    QCOMPARE(n.valid, valid);
    if (!valid)
        return;
    QCOMPARE(n.path, path);
    QCOMPARE(n.hadDotSegments, dots);
    // Normalising twice changes nothing.
    const RequestPath::Normalised again = RequestPath::normalise(n.path);
    QVERIFY(again.valid);
    QCOMPARE(again.path, n.path);
}

void TestRequestPath::encodedSeparators_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("has");
    QTest::newRow("none") << QByteArray("/v1/chat/completions") << false;
    QTest::newRow("%2F") << QByteArray("/v1/a%2Fb") << true;
    QTest::newRow("%2f") << QByteArray("/v1/a%2fb") << true;
    QTest::newRow("%5C") << QByteArray("/v1/a%5Cb") << true;
    QTest::newRow("%5c") << QByteArray("/v1/a%5cb") << true;
    QTest::newRow("%252F is not") << QByteArray("/v1/a%252Fb") << false;
    QTest::newRow("at the end") << QByteArray("/v1/a%2F") << true;
}

void TestRequestPath::encodedSeparators()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, has);
    QCOMPARE(RequestPath::hasEncodedSeparator(path), has);
}

void TestRequestPath::queries_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<bool>("safe");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("ordinary") << QByteArray("api-version=2024-10-21&limit=5") << true;
    QTest::newRow("slashes and dots are data here") << QByteArray("x=/../../admin") << true;
    QTest::newRow("fragment") << QByteArray("a=1#/admin") << false;
    QTest::newRow("space") << QByteArray("a=1 HTTP/1.1") << false;
    QTest::newRow("newline") << QByteArray("a=1\r\nHost: evil") << false;
}

void TestRequestPath::queries()
{
    QFETCH(QByteArray, query);
    QFETCH(bool, safe);
    QCOMPARE(RequestPath::isSafeQuery(query), safe);
}

QTEST_GUILESS_MAIN(TestRequestPath)
#include "tst_requestpath.moc"
