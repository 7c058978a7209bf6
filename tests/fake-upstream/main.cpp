// tollgate-fake-upstream: the tests' FakeUpstream as a process, for the Node
// SDK tests and the benchmarks. Prints "listening <port>" once it accepts.
#include "support/FakeUpstream.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tollgate-fake-upstream"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Loopback OpenAI/Anthropic-compatible fake upstream for tests."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port (0: random)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption modelsOption(QStringLiteral("models"), QStringLiteral("Comma-separated model ids."),
                                          QStringLiteral("a,b"), QStringLiteral("gpt-4o-mini,text-embedding-3-small"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("Required API key."), QStringLiteral("K"));
    const QCommandLineOption intervalOption(QStringLiteral("stream-interval-ms"),
                                            QStringLiteral("Pause between stream events."), QStringLiteral("N"),
                                            QStringLiteral("0"));
    const QCommandLineOption chunksOption(QStringLiteral("stream-chunks"), QStringLiteral("Content pieces per stream."),
                                          QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption delayOption(QStringLiteral("delay-ms"), QStringLiteral("Delay before each answer."),
                                         QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption recordOption(QStringLiteral("record"),
                                          QStringLiteral("Keep every request in memory (off: benchmarks run long)."));
    const QCommandLineOption timestampsOption(
        QStringLiteral("stream-timestamps"),
        QStringLiteral("Start every stream event with an SSE comment \": sent_us <epoch microseconds>\"."));
    const QCommandLineOption cacheWritesOption(
        QStringLiteral("anthropic-cache-writes"),
        QStringLiteral("Cache writes Anthropic answers report: TOTAL or TOTAL,ONE_HOUR."), QStringLiteral("N[,M]"));
    const QCommandLineOption breakOption(QStringLiteral("break-after"),
                                         QStringLiteral("Close every stream's connection after N events."),
                                         QStringLiteral("N"), QStringLiteral("-1"));
    const QCommandLineOption errorOption(
        QStringLiteral("error-after"),
        QStringLiteral("After N events, send an error event in the route's shape and end the stream."),
        QStringLiteral("N"), QStringLiteral("-1"));
    const QCommandLineOption pacedOption(QStringLiteral("stream-paced"),
                                         QStringLiteral("Write streams only as fast as the client takes them."));
    const QCommandLineOption repeatOption(QStringLiteral("stream-repeat"),
                                          QStringLiteral("Send the first content event N extra times."),
                                          QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({portOption, modelsOption, keyOption, intervalOption, chunksOption, delayOption, recordOption,
                       timestampsOption, cacheWritesOption, breakOption, errorOption, pacedOption, repeatOption});
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "tollgate-fake-upstream: --port must be 0..65535\n");
        return 2;
    }

    FakeUpstream upstream;
    upstream.setRecording(parser.isSet(recordOption));
    upstream.setModels(parser.value(modelsOption).split(QLatin1Char(','), Qt::SkipEmptyParts));
    upstream.setRequiredKey(parser.value(keyOption));
    upstream.setStreamChunks(parser.value(chunksOption).toInt(), parser.value(intervalOption).toInt());
    upstream.setResponseDelayMs(parser.value(delayOption).toInt());
    upstream.setStreamTimestamps(parser.isSet(timestampsOption));
    if (parser.isSet(cacheWritesOption)) {
        const QStringList writes = parser.value(cacheWritesOption).split(QLatin1Char(','));
        upstream.setAnthropicCacheWrites(writes.value(0).toInt(), writes.value(1).toInt());
    }
    upstream.setStreamBreakAfter(parser.value(breakOption).toInt());
    upstream.setStreamPaced(parser.isSet(pacedOption));
    upstream.setStreamRepeat(parser.value(repeatOption).toInt());
    upstream.setStreamErrorAfter(parser.value(errorOption).toInt());
    if (!upstream.listen(quint16(port))) {
        std::fprintf(stderr, "tollgate-fake-upstream: cannot listen on 127.0.0.1:%u\n", port);
        return 1;
    }
    std::printf("listening %u\n", unsigned(upstream.port()));
    std::fflush(stdout);
    return app.exec();
}
