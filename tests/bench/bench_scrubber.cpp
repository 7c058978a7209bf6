// What SecretScrubber costs on the gateway's hot path: bytes in, bytes out,
// no sockets. Prints one line per case: ns per call, ns per KiB, and the cost
// of copying the same bytes once (what relaying them costs anyway) beside it.
//
//   build/tests/bench/bench_scrubber [seconds per case, default 1]

#include "core/secrets/SecretScrubber.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace {

volatile qsizetype g_sink = 0; // keeps the work from being optimised away

// Runs `body` (which handles `bytes` bytes per call) in 20 batches over about
// `seconds` and reports the fastest batch: on a shared machine the minimum is
// the closest to the cost on a quiet one.
void measure(const char *name, qsizetype bytes, double seconds, const std::function<void()> &body)
{
    static const QByteArray only = qgetenv("BENCH_ONLY"); // run the cases whose name holds this
    if (!only.isEmpty() && !QByteArray(name).contains(only))
        return;
    for (int i = 0; i < 100; ++i)
        body(); // warm up
    double best = 1e300;
    for (int batch = 0; batch < 20; ++batch) {
        QElapsedTimer t;
        qint64 calls = 0;
        t.start();
        while (t.nsecsElapsed() < qint64(seconds * 1e9 / 20)) {
            for (int i = 0; i < 20; ++i)
                body();
            calls += 20;
        }
        best = qMin(best, double(t.nsecsElapsed()) / double(calls));
    }
    std::printf("%-58s %10.1f ns/call %8.1f ns/KiB\n", name, best, bytes > 0 ? best * 1024.0 / double(bytes) : 0.0);
}

QByteArray sseStream(int events)
{
    QByteArray out;
    for (int i = 0; i < events; ++i)
        out += "data: {\"id\":\"chatcmpl-abc123\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,"
               "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" piece"
               + QByteArray::number(i) + "\"},\"finish_reason\":null}]}\n\n";
    return out + "data: [DONE]\n\n";
}

QByteArray jsonBody(qsizetype size)
{
    QByteArray out =
        "{\"id\":\"chatcmpl-abc123\",\"object\":\"chat.completion\",\"choices\":[{\"message\":{\"content\":\"";
    while (out.size() < size - 40)
        out += "The quick brown fox jumps over the lazy dog; sphinx of black quartz, judge my vow. ";
    out.truncate(size - 40);
    return out + "\"}}],\"usage\":{\"prompt_tokens\":12}}";
}

QList<QByteArray> split(const QByteArray &data, qsizetype piece)
{
    QList<QByteArray> out;
    for (qsizetype at = 0; at < data.size(); at += piece)
        out.append(data.mid(at, piece));
    return out;
}

// Every SSE event in its own read, as upstreams flush them.
QList<QByteArray> splitEvents(const QByteArray &stream)
{
    QList<QByteArray> out;
    qsizetype at = 0;
    while (at < stream.size()) {
        const qsizetype end = stream.indexOf("\n\n", at);
        const qsizetype next = end < 0 ? stream.size() : end + 2;
        out.append(stream.mid(at, next - at));
        at = next;
    }
    return out;
}

void runStream(const char *name, const QByteArray &key, const QList<QByteArray> &reads, double seconds)
{
    qsizetype total = 0;
    for (const QByteArray &r : reads)
        total += r.size();
    char label[128];
    std::snprintf(label, sizeof label, "%s (%d reads)", name, int(reads.size()));
    measure(label, total, seconds, [&] {
        SecretScrubber s(key);
        qsizetype n = 0;
        for (const QByteArray &r : reads)
            n += s.feed(r).size();
        n += s.finish().size();
        g_sink = n;
    });
    static QByteArray target(1 << 22, '\0');
    std::snprintf(label, sizeof label, "  reference: memcpy of the same reads");
    measure(label, total, seconds, [&] {
        qsizetype at = 0;
        for (const QByteArray &r : reads) {
            std::memcpy(target.data() + (at % (1 << 21)), r.constData(), size_t(r.size()));
            at += r.size();
        }
        g_sink = at + target.at(7);
    });
}

} // namespace

int main(int argc, char **argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
    // OpenAI project keys are 164 bytes, older ones 51; Anthropic's 108. Random
    // characters as in real keys (a fixed seed, so runs compare).
    std::srand(42);
    auto randomKey = [](const QByteArray &prefix, int length) {
        static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        QByteArray key = prefix;
        while (key.size() < length)
            key += alphabet[std::rand() % 64];
        return key;
    };
    const QByteArray openAiKey = randomKey("sk-proj-", 164);
    const QByteArray shortKey = randomKey("sk-", 51);
    const QByteArray anthropicKey = randomKey("sk-ant-api03-", 108);
    std::printf("key lengths: %d, %d, %d bytes\n\n", int(openAiKey.size()), int(shortKey.size()),
                int(anthropicKey.size()));

    // Per request: the scrubber is built once (key copy, mask, skip table).
    measure("construct (164-byte key)", 0, seconds, [&] {
        SecretScrubber s(openAiKey);
        g_sink = s.secretLength();
    });
    // Response headers: ten typical ones, scrubbed one by one.
    const QList<QPair<QByteArray, QByteArray>> headers = {
        {"Content-Type", "application/json"},
        {"openai-organization", "user-abc123"},
        {"openai-processing-ms", "532"},
        {"openai-version", "2020-10-01"},
        {"x-ratelimit-limit-requests", "10000"},
        {"x-ratelimit-remaining-tokens", "29999"},
        {"x-ratelimit-reset-requests", "6ms"},
        {"x-request-id", "req_7c3b6a1f0e2d4c5b8a9f0e1d2c3b4a59"},
        {"strict-transport-security", "max-age=31536000; includeSubDomains; preload"},
        {"cf-cache-status", "DYNAMIC"},
    };
    const SecretScrubber headerScrubber(openAiKey);
    qsizetype headerBytes = 0;
    for (const auto &h : headers)
        headerBytes += h.first.size() + h.second.size();
    measure("10 response headers (name + value each)", headerBytes, seconds, [&] {
        qsizetype n = 0;
        for (const auto &h : headers) // as ProxyExchange::onHead does
            n += headerScrubber.contains(h.first) + headerScrubber.contains(h.second);
        g_sink = n;
    });
    std::printf("\n");

    const QByteArray small = jsonBody(700);
    const QByteArray medium = jsonBody(16 * 1024);
    const QByteArray large = jsonBody(1024 * 1024);
    const QByteArray stream = sseStream(200);
    runStream("chat.completion 700 B, one read", openAiKey, {small}, seconds);
    runStream("JSON body 16 KiB, one read", openAiKey, {medium}, seconds);
    runStream("JSON body 1 MiB, 16 KiB reads", openAiKey, split(large, 16 * 1024), seconds);
    runStream("SSE 200 chunks, one event per read", openAiKey, splitEvents(stream), seconds);
    runStream("SSE 200 chunks, 100-byte reads (worst split)", openAiKey, split(stream, 100), seconds);
    runStream("SSE 200 chunks, 51-byte key", shortKey, splitEvents(stream), seconds);
    runStream("SSE 200 chunks, 108-byte key", anthropicKey, splitEvents(stream), seconds);
    QByteArray echoed = medium;
    echoed.replace(8000, openAiKey.size(), openAiKey);
    runStream("JSON body 16 KiB holding the key (masked, copied)", openAiKey, {echoed}, seconds);
    const QByteArray splitKey = echoed;
    runStream("same, key split across two reads", openAiKey, {splitKey.left(8050), splitKey.mid(8050)}, seconds);
    return 0;
}
