#include "core/protocol/JsonEdit.h"
#include "core/protocol/JsonScan.h"
#include "core/protocol/RequestRewrite.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// The byte-exact JSON layer: validation, member offsets, splicing edits, and
// the gateway's request rewrite built on them. Pure functions of bytes.
class TestJsonEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data();
    void validate();
    void agreesWithQtOnValidity_data();
    void agreesWithQtOnValidity();
    void membersWithOffsets();
    void escapedNamesAreDecoded();
    void duplicateNamesRefused_data();
    void duplicateNamesRefused();
    void nestedObjectView();
    void notAnObject_data();
    void notAnObject();
    void decodeAndQuote_data();
    void decodeAndQuote();
    void edits_data();
    void edits();
    void scalarText();
    void rewrite_data();
    void rewrite();
};

void TestJsonEdit::validate_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("offset"); // where the error is reported; -1 for valid documents

    QTest::newRow("empty object") << QByteArray("{}") << true << -1;
    QTest::newRow("spaces around") << QByteArray(" \t\r\n{ }\n") << true << -1;
    QTest::newRow("numbers") << QByteArray(R"([0,-0,1.0,1e2,1E+2,-1.5e-3,12345678901234567890])") << true << -1;
    QTest::newRow("literals") << QByteArray("[true,false,null]") << true << -1;
    QTest::newRow("escapes") << QByteArray(R"(["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"])") << true << -1;
    QTest::newRow("utf-8") << QByteArray("[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]") << true << -1;
    QTest::newRow("scalar") << QByteArray("42") << true << -1;
    QTest::newRow("nested") << QByteArray(R"({"a":[{"b":{"c":[[]]}}]})") << true << -1;
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{}") << true << -1;

    QTest::newRow("empty") << QByteArray("") << false << 0;
    QTest::newRow("unclosed object") << QByteArray(R"({"model": "fast",)") << false << 17;
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})") << false << 7;
    QTest::newRow("trailing array comma") << QByteArray("[1,]") << false << 3;
    QTest::newRow("leading zero") << QByteArray("[01]") << false << 2;
    QTest::newRow("bare decimal point") << QByteArray("[1.]") << false << 3;
    QTest::newRow("no exponent digits") << QByteArray("[1e]") << false << 3;
    QTest::newRow("plus sign") << QByteArray("[+1]") << false << 1;
    QTest::newRow("NaN") << QByteArray("[NaN]") << false << 1;
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << false << 1;
    QTest::newRow("unquoted name") << QByteArray("{a:1}") << false << 1;
    QTest::newRow("raw newline in string") << QByteArray("[\"a\nb\"]") << false << 3;
    QTest::newRow("bad escape") << QByteArray(R"(["\x41"])") << false << 3;
    QTest::newRow("short unicode escape") << QByteArray(R"(["\u12"])") << false << 2;
    QTest::newRow("invalid utf-8") << QByteArray("[\"\xff\"]") << false << 2;
    QTest::newRow("overlong utf-8") << QByteArray("[\"\xc0\xaf\"]") << false << 2;
    QTest::newRow("utf-8 surrogate") << QByteArray("[\"\xed\xa0\x80\"]") << false << 2;
    QTest::newRow("truncated utf-8") << QByteArray("[\"\xe2\x82\"]") << false << 2;
    QTest::newRow("garbage after") << QByteArray("{} x") << false << 3;
    QTest::newRow("two documents") << QByteArray("{}{}") << false << 2;
    QTest::newRow("truncated literal") << QByteArray("[tru") << false << 1;
    QTest::newRow("too deep") << QByteArray(1025, '[') + QByteArray(1025, ']') << false << 1024;
    QTest::newRow("just deep enough") << QByteArray(1024, '[') + QByteArray(1024, ']') << true << -1;
}

void TestJsonEdit::validate()
{
    QFETCH(QByteArray, doc);
    QFETCH(bool, valid);
    QFETCH(int, offset);
    JsonError error;
    QCOMPARE(Json::validate(doc, &error), valid);
    if (!valid) {
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(error.offset, qsizetype(offset));
    }
}

// Qt's parser is what the gateway used before; documents it accepted must
// still be accepted, and the ones it refused refused. One deliberate
// difference: Qt lets a raw control character through inside a string, which
// RFC 8259 section 7 forbids and providers refuse, so the scanner refuses it
// too (see "raw newline in string" above) rather than forward it.
void TestJsonEdit::agreesWithQtOnValidity_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::newRow("chat") << QByteArray(
        R"({"model":"fast","messages":[{"role":"user","content":"hi \u00e9"}],"temperature":1.0,"n":1e0})");
    QTest::newRow("whitespace") << QByteArray("{\n  \"a\" : [ 1 , 2 ] ,\n  \"b\" : { }\n}\n");
    QTest::newRow("unclosed") << QByteArray(R"({"a":[1,2)");
    QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})");
    QTest::newRow("garbage after") << QByteArray(R"({"a":1}])");
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"a\":1}");
    QTest::newRow("byte order mark inside") << QByteArray("{\"a\":1}\xef\xbb\xbf");
}

void TestJsonEdit::agreesWithQtOnValidity()
{
    QFETCH(QByteArray, doc);
    QJsonParseError qtError;
    QJsonDocument::fromJson(doc, &qtError);
    QCOMPARE(Json::validate(doc), qtError.error == QJsonParseError::NoError);
}

void TestJsonEdit::membersWithOffsets()
{
    const QByteArray doc = R"( { "model" : "fast", "n":1.0 ,"tools":[{"x":1}], "s":{"k":null} } )";
    const auto view = JsonObjectView::parse(doc);
    QVERIFY(view);
    QCOMPARE(view->members().size(), 4);
    QCOMPARE(view->begin(), qsizetype(1));
    QCOMPARE(view->end(), doc.size() - 1);
    const QList<QByteArray> names = {"model", "n", "tools", "s"};
    const QList<QByteArray> raws = {R"("fast")", "1.0", R"([{"x":1}])", R"({"k":null})"};
    const QList<JsonType> types = {JsonType::String, JsonType::Number, JsonType::Array, JsonType::Object};
    for (int k = 0; k < 4; ++k) {
        const JsonMember &m = view->members().at(k);
        QCOMPARE(m.name, names.at(k));
        QCOMPARE(view->raw(m).toByteArray(), raws.at(k));
        QCOMPARE(m.type, types.at(k));
        QCOMPARE(doc.at(m.nameBegin), '"');
        QCOMPARE(doc.mid(m.nameBegin + 1, m.name.size()), names.at(k));
    }
    QVERIFY(view->find("tools"));
    QVERIFY(!view->find("x")); // nested names are not members of the top level
    QCOMPARE(view->insertAt(), view->members().last().valueEnd);

    const auto empty = JsonObjectView::parse(" {  } ");
    QVERIFY(empty);
    QVERIFY(empty->members().isEmpty());
    QCOMPARE(empty->insertAt(), qsizetype(2));
}

void TestJsonEdit::escapedNamesAreDecoded()
{
    const auto view = JsonObjectView::parse(R"({"mod\u0065l":"x","a\/b":1,"\u00e9":2})");
    QVERIFY(view);
    QVERIFY(view->find("model"));
    QVERIFY(view->find("a/b"));
    QVERIFY(view->find("\xc3\xa9"));
}

void TestJsonEdit::duplicateNamesRefused_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<bool>("refused");
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QByteArray(R"({"model":"a","x":1,"model":"b"})") << true << "model";
    QTest::newRow("escaped spelling") << QByteArray(R"({"model":"a","mod\u0065l":"b"})") << true << "model";
    QByteArray many = "{";
    for (int k = 0; k < 200; ++k)
        many += "\"k" + QByteArray::number(k) + "\":" + QByteArray::number(k) + ',';
    QTest::newRow("many members, sorted check") << QByteArray(many + "\"k150\":0}") << true << "k150";
    QTest::newRow("many distinct members") << QByteArray(many + "\"last\":0}") << false << "";
    QTest::newRow("nested duplicates are the nested object's business")
        << QByteArray(R"({"a":{"x":1,"x":2},"b":[{"y":1,"y":2}]})") << false << "";
}

void TestJsonEdit::duplicateNamesRefused()
{
    QFETCH(QByteArray, doc);
    QFETCH(bool, refused);
    QFETCH(QString, name);
    JsonError error;
    const auto view = JsonObjectView::parse(doc, &error);
    QCOMPARE(!view, refused);
    if (refused) {
        QVERIFY(error.duplicateName);
        QVERIFY2(error.message.contains(name), qPrintable(error.message));
        QVERIFY(Json::validate(doc)); // still valid JSON
    }
}

void TestJsonEdit::nestedObjectView()
{
    const QByteArray doc = R"({"stream_options": {"include_usage" :false ,"x":1}, "b":2})";
    const auto view = JsonObjectView::parse(doc);
    QVERIFY(view);
    const auto nested = view->object(*view->find("stream_options"));
    QVERIFY(nested);
    QCOMPARE(nested->members().size(), 2);
    const JsonMember *include = nested->find("include_usage");
    QVERIFY(include);
    QCOMPARE(doc.mid(include->valueBegin, include->valueEnd - include->valueBegin), QByteArray("false"));
    QVERIFY(!nested->isTrue("include_usage"));
    QCOMPARE(doc.at(nested->begin()), '{');
    QCOMPARE(doc.at(nested->end() - 1), '}');

    QVERIFY(!view->object(*view->find("b"))); // a number is not an object
    JsonError error;
    const QByteArray twice = R"({"o":{"x":1,"x":2}})";
    const auto outer = JsonObjectView::parse(twice);
    QVERIFY(outer);
    QVERIFY(!outer->object(*outer->find("o"), &error));
    QVERIFY(error.duplicateName);
}

void TestJsonEdit::notAnObject_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<bool>("validJson");
    QTest::newRow("array") << QByteArray("[1,2]") << true;
    QTest::newRow("string") << QByteArray(R"("x")") << true;
    QTest::newRow("broken") << QByteArray("[1,") << false;
    QTest::newRow("object then garbage") << QByteArray("{} 1") << false;
}

void TestJsonEdit::notAnObject()
{
    QFETCH(QByteArray, doc);
    QFETCH(bool, validJson);
    JsonError error;
    QVERIFY(!JsonObjectView::parse(doc, &error));
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(error.message.contains(QLatin1String("not a JSON object")), validJson);
}

void TestJsonEdit::decodeAndQuote_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << QByteArray(R"("gpt-4o")") << QStringLiteral("gpt-4o");
    QTest::newRow("escapes") << QByteArray(R"("a\"b\\c\nd\te")") << QStringLiteral("a\"b\\c\nd\te");
    QTest::newRow("unicode") << QByteArray(R"("caf\u00e9")") << QStringLiteral("caf\u00e9");
    QTest::newRow("surrogate pair") << QByteArray(R"("\ud83d\ude00")") << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("utf-8") << QByteArray("\"caf\xc3\xa9\"") << QStringLiteral("caf\u00e9");
    QTest::newRow("control") << QByteArray(R"("\u0001")") << QString(QChar(1));
}

void TestJsonEdit::decodeAndQuote()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, text);
    QCOMPARE(Json::decodeString(token), std::optional<QString>(text));
    const QByteArray quoted = Json::quote(text);
    QVERIFY2(Json::validate(quoted), quoted.constData());
    QCOMPARE(Json::decodeString(quoted), std::optional<QString>(text));
    QCOMPARE(Json::decodeString("42"), std::optional<QString>());
}

// Each row: a document, edits written as "r:<member>=<json>" (replace a
// top-level member's value), "a:<name>=<json>" (add to the top level),
// "n:<member>:<name>=<json>" (add to a nested object), and the exact result.
void TestJsonEdit::edits_data()
{
    QTest::addColumn<QByteArray>("doc");
    QTest::addColumn<QStringList>("ops");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("no edits keeps every byte") << QByteArray("{ \"b\": 1.0,\n  \"a\" : 1e2 }") << QStringList()
                                               << QByteArray("{ \"b\": 1.0,\n  \"a\" : 1e2 }");
    QTest::newRow("replace a value, order and spacing kept")
        << QByteArray(R"({"z":1, "model" : "fast" ,"a":[1.50]})") << QStringList{QStringLiteral("r:model=\"gpt-x\"")}
        << QByteArray(R"({"z":1, "model" : "gpt-x" ,"a":[1.50]})");
    QTest::newRow("add to a non-empty object")
        << QByteArray("{\"a\":1\n}") << QStringList{QStringLiteral("a:b=2")} << QByteArray("{\"a\":1,\"b\":2\n}");
    QTest::newRow("add to an empty object")
        << QByteArray("{ }") << QStringList{QStringLiteral("a:b=2")} << QByteArray("{\"b\":2 }");
    QTest::newRow("several adds keep their order")
        << QByteArray("{}") << QStringList{QStringLiteral("a:z=1"), QStringLiteral("a:a=2"), QStringLiteral("a:m=3")}
        << QByteArray(R"({"z":1,"a":2,"m":3})");
    QTest::newRow("replace and add together")
        << QByteArray(R"({"model":"a","stream":true})")
        << QStringList{QStringLiteral("a:max_tokens=64"), QStringLiteral("r:model=\"b\"")}
        << QByteArray(R"({"model":"b","stream":true,"max_tokens":64})");
    QTest::newRow("add inside a nested object")
        << QByteArray(R"({"o":{"x":1},"p":2})") << QStringList{QStringLiteral("n:o:y=true")}
        << QByteArray(R"({"o":{"x":1,"y":true},"p":2})");
    QTest::newRow("add inside an empty nested object and at the top")
        << QByteArray(R"({"o":{}})") << QStringList{QStringLiteral("n:o:y=true"), QStringLiteral("a:t=0")}
        << QByteArray(R"({"o":{"y":true},"t":0})");
    QTest::newRow("names are quoted") << QByteArray("{}") << QStringList{QStringLiteral("a:say \"hi\"=1")}
                                      << QByteArray(R"({"say \"hi\"":1})");
}

void TestJsonEdit::edits()
{
    QFETCH(QByteArray, doc);
    QFETCH(QStringList, ops);
    QFETCH(QByteArray, expected);
    const auto view = JsonObjectView::parse(doc);
    QVERIFY(view);
    JsonEdit edit;
    for (const QString &op : ops) {
        const QString kind = op.left(2);
        const qsizetype eq = op.indexOf(QLatin1Char('='));
        const QString target = op.mid(2, eq - 2);
        const QByteArray value = op.mid(eq + 1).toUtf8();
        if (kind == QLatin1String("r:")) {
            edit.replaceValue(*view->find(target.toUtf8()), value);
        } else if (kind == QLatin1String("a:")) {
            edit.addMember(*view, target, value);
        } else {
            const QStringList parts = target.split(QLatin1Char(':'));
            const auto nested = view->object(*view->find(parts.at(0).toUtf8()));
            QVERIFY(nested);
            edit.addMember(*nested, parts.at(1), value);
        }
    }
    QCOMPARE(edit.isEmpty(), ops.isEmpty());
    const QByteArray out = edit.apply(doc);
    QCOMPARE(out, expected);
    QVERIFY(Json::validate(out));
}

void TestJsonEdit::scalarText()
{
    QCOMPARE(JsonEdit::text(QJsonValue(0.2)), QByteArray("0.2"));
    QCOMPARE(JsonEdit::text(QJsonValue(64)), QByteArray("64"));
    QCOMPARE(JsonEdit::text(QJsonValue(true)), QByteArray("true"));
    QCOMPARE(JsonEdit::text(QJsonValue(QStringLiteral("a\"b"))), QByteArray(R"("a\"b")"));
    QCOMPARE(JsonEdit::text(QJsonValue(QJsonArray{QStringLiteral("\n\n")})), QByteArray(R"(["\n\n"])"));
    QCOMPARE(JsonEdit::text(QJsonValue(QJsonObject{{QStringLiteral("k"), 1}})), QByteArray(R"({"k":1})"));
}

void TestJsonEdit::rewrite_data()
{
    QTest::addColumn<QByteArray>("route");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("upstreamModel");
    QTest::addColumn<QByteArray>("defaults");
    QTest::addColumn<bool>("askForUsage");
    QTest::addColumn<QByteArray>("expected"); // empty: unchanged
    QTest::addColumn<bool>("askedForUsage");

    const QByteArray chatDefaults = R"({"max_tokens":64,"stop":["\n\n"],"temperature":0.2})";
    QTest::newRow("nothing to do") << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","n":1.0})")
                                   << QString() << QByteArray("{}") << false << QByteArray() << false;
    QTest::newRow("model only") << QByteArray("/chat/completions")
                                << QByteArray(R"({"messages":[],"model":"fast","response_format":{"b":1,"a":2}})")
                                << QStringLiteral("gpt-x") << QByteArray("{}") << false
                                << QByteArray(R"({"messages":[],"model":"gpt-x","response_format":{"b":1,"a":2}})")
                                << false;
    QTest::newRow("chat: omitted defaults added")
        << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","temperature":1.0})") << QString()
        << chatDefaults << false << QByteArray(R"({"model":"m","temperature":1.0,"max_tokens":64,"stop":["\n\n"]})")
        << false;
    QTest::newRow("chat: max_completion_tokens counts as the limit")
        << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","max_completion_tokens":5})") << QString()
        << QByteArray(R"({"max_tokens":64})") << false << QByteArray() << false;
    QTest::newRow("responses: max_tokens becomes max_output_tokens, stop dropped")
        << QByteArray("/responses") << QByteArray(R"({"model":"m","input":"hi"})") << QString() << chatDefaults << false
        << QByteArray(R"({"model":"m","input":"hi","max_output_tokens":64,"temperature":0.2})") << false;
    QTest::newRow("responses: the caller's max_output_tokens wins")
        << QByteArray("/responses") << QByteArray(R"({"model":"m","max_output_tokens":9})") << QString()
        << QByteArray(R"({"max_tokens":64})") << false << QByteArray() << false;
    QTest::newRow("messages: max_tokens, no stop")
        << QByteArray("/messages") << QByteArray(R"({"model":"m","messages":[]})") << QString() << chatDefaults << false
        << QByteArray(R"({"model":"m","messages":[],"max_tokens":64,"temperature":0.2})") << false;
    QTest::newRow("count_tokens: no sampling defaults")
        << QByteArray("/messages/count_tokens") << QByteArray(R"({"model":"m","messages":[]})") << QString()
        << chatDefaults << false << QByteArray() << false;
    QTest::newRow("embeddings: nothing chat-specific")
        << QByteArray("/embeddings") << QByteArray(R"({"model":"m","input":"x"})") << QString()
        << QByteArray(R"({"dimensions":256,"max_tokens":64,"temperature":0.2})") << false
        << QByteArray(R"({"model":"m","input":"x","dimensions":256})") << false;
    QTest::newRow("moderations: nothing") << QByteArray("/moderations") << QByteArray(R"({"model":"m","input":"x"})")
                                          << QString() << chatDefaults << false << QByteArray() << false;
    QTest::newRow("unknown route: nothing") << QByteArray("/batches") << QByteArray(R"({"model":"m"})") << QString()
                                            << chatDefaults << false << QByteArray() << false;
    QTest::newRow("stream: stream_options added")
        << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","stream":true})") << QString()
        << QByteArray("{}") << true
        << QByteArray(R"({"model":"m","stream":true,"stream_options":{"include_usage":true}})") << true;
    QTest::newRow("stream: include_usage false flipped")
        << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","stream_options":{"include_usage":false}})")
        << QString() << QByteArray("{}") << true
        << QByteArray(R"({"model":"m","stream_options":{"include_usage":true}})") << true;
    QTest::newRow("stream: other stream options kept")
        << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","stream_options":{"x":1}})") << QString()
        << QByteArray("{}") << true << QByteArray(R"({"model":"m","stream_options":{"x":1,"include_usage":true}})")
        << true;
    QTest::newRow("stream: null stream_options replaced")
        << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","stream_options":null})") << QString()
        << QByteArray("{}") << true << QByteArray(R"({"model":"m","stream_options":{"include_usage":true}})") << true;
    QTest::newRow("a byte order mark is dropped")
        << QByteArray("/chat/completions") << QByteArray("\xef\xbb\xbf{\"model\":\"m\"}") << QString()
        << QByteArray("{}") << false << QByteArray(R"({"model":"m"})") << false;
    QTest::newRow("stream: the caller asked already")
        << QByteArray("/chat/completions") << QByteArray(R"({"model":"m","stream_options":{"include_usage":true}})")
        << QString() << QByteArray("{}") << true << QByteArray() << false;
}

void TestJsonEdit::rewrite()
{
    QFETCH(QByteArray, route);
    QFETCH(QByteArray, body);
    QFETCH(QString, upstreamModel);
    QFETCH(QByteArray, defaults);
    QFETCH(bool, askForUsage);
    QFETCH(QByteArray, expected);
    QFETCH(bool, askedForUsage);
    const auto view = JsonObjectView::parse(body);
    QVERIFY(view);
    RequestRewrite rewrite;
    rewrite.route = route;
    rewrite.upstreamModel = upstreamModel;
    rewrite.defaults = QJsonDocument::fromJson(defaults).object();
    rewrite.askForUsage = askForUsage;
    const RequestRewrite::Result result = rewrite.apply(*view);
    QCOMPARE(result.changed, !expected.isEmpty());
    if (result.changed)
        QCOMPARE(result.body, expected);
    QCOMPARE(result.askedForUsage, askedForUsage);
}

QTEST_GUILESS_MAIN(TestJsonEdit)
#include "tst_json_edit.moc"
