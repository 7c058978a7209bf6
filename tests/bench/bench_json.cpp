// The request path's JSON handling, before and after byte-exact forwarding:
// "qt" is what RequestPlanner did before (QJsonDocument parse, QJsonObject
// edits, re-serialisation), "splice" what it does now (JsonObjectView scan,
// RequestRewrite splices). Both read the model and stream flag, replace the
// model id, add two alias defaults and (stream) include_usage.
// Usage: bench_json [qt|splice|both] [small|large|both] [ITERATIONS]
// Under callgrind, run with ITERATIONS N and 0 and divide the difference by N.

#include "core/protocol/JsonScan.h"
#include "core/protocol/RequestRewrite.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

QByteArray smallBody()
{
    return R"({"model":"fast","messages":[{"role":"system","content":"You are terse."},)"
           R"({"role":"user","content":"Say hello in three languages."}],"stream":true,"temperature":0.7})";
}

// About 100 KB: a long conversation with a tool whose schema has many properties.
QByteArray largeBody()
{
    QByteArray messages;
    for (int i = 0; i < 120; ++i) {
        if (i)
            messages += ',';
        messages += R"({"role":")" + QByteArray(i % 2 ? "assistant" : "user") + R"(","content":")"
                    + QByteArray(780, char('a' + i % 26)) + R"( \u00e9 end"})";
    }
    QByteArray properties;
    for (int i = 0; i < 40; ++i) {
        if (i)
            properties += ',';
        properties += R"("field_)" + QByteArray::number(40 - i) + R"(":{"type":"number","minimum":1.0,"maximum":1e2})";
    }
    return R"({"model":"fast","stream":true,"messages":[)" + messages
           + R"(],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{)"
           + properties + R"(}}}}],"temperature":0.7})";
}

const QJsonObject &defaults()
{
    static const QJsonObject d{{QStringLiteral("max_tokens"), 64}, {QStringLiteral("top_p"), 0.9}};
    return d;
}

// What RequestPlanner did before this change, step for step.
QByteArray viaQt(const QByteArray &raw)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    QJsonObject body = doc.object();
    const QString model = body.value(QLatin1String("model")).toString();
    const bool stream = body.value(QLatin1String("stream")).toBool();
    if (model != QLatin1String("gpt-x"))
        body.insert(QStringLiteral("model"), QStringLiteral("gpt-x"));
    for (auto it = defaults().constBegin(); it != defaults().constEnd(); ++it) {
        if (!body.contains(it.key()))
            body.insert(it.key(), it.value());
    }
    if (stream) {
        QJsonObject options = body.value(QLatin1String("stream_options")).toObject();
        if (!options.value(QLatin1String("include_usage")).toBool()) {
            options.insert(QStringLiteral("include_usage"), true);
            body.insert(QStringLiteral("stream_options"), options);
        }
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// What it does now.
QByteArray viaSplice(const QByteArray &raw)
{
    const auto body = JsonObjectView::parse(raw);
    if (!body)
        return {};
    const JsonMember *m = body->find("model");
    const QString model = m ? Json::decodeString(body->raw(*m)).value_or(QString()) : QString();
    RequestRewrite rewrite;
    rewrite.route = "/chat/completions";
    if (model != QLatin1String("gpt-x"))
        rewrite.upstreamModel = QStringLiteral("gpt-x");
    rewrite.defaults = defaults();
    rewrite.askForUsage = body->isTrue("stream");
    RequestRewrite::Result result = rewrite.apply(*body);
    return result.changed ? result.body : raw;
}

void run(const char *name, QByteArray (*f)(const QByteArray &), const char *size, const QByteArray &body, int n)
{
    qsizetype sink = 0;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < n; ++i)
        sink += f(body).size();
    const double ns = n ? double(clock.nsecsElapsed()) / n : 0;
    std::printf("%-7s %-6s %7lld B body -> %7lld B  %10.0f ns/request  (%d runs)\n", name, size,
                static_cast<long long>(body.size()), static_cast<long long>(n ? sink / n : 0), ns, n);
}

} // namespace

int main(int argc, char *argv[])
{
    const QByteArray which = argc > 1 ? QByteArray(argv[1]) : QByteArray("both");
    const QByteArray sizes = argc > 2 ? QByteArray(argv[2]) : QByteArray("both");
    const int n = argc > 3 ? QByteArray(argv[3]).toInt() : 0;
    const QByteArray small = smallBody();
    const QByteArray large = largeBody();
    for (const QByteArray &size : {QByteArray("small"), QByteArray("large")}) {
        if (sizes != "both" && sizes != size)
            continue;
        const QByteArray &body = size == "small" ? small : large;
        const int runs = n > 0 || argc > 3 ? n : (size == "small" ? 200000 : 2000);
        if (which == "both" || which == "qt")
            run("qt", viaQt, size.constData(), body, runs);
        if (which == "both" || which == "splice")
            run("splice", viaSplice, size.constData(), body, runs);
    }
    return 0;
}
