#include "app/CommandLine.h"

#include "app/ExitCode.h"
#include "core/net/ListenAddress.h"
#include "core/time/Clock.h"

#include <QCommandLineParser>

namespace {

QString commandsHelp()
{
    return CommandLine::tr("LLM gateway with a native admin console.\n"
                           "\n"
                           "Commands:\n"
                           "  (none)                       open the console with the embedded gateway\n"
                           "  providers list [--json]      configured providers and their sync status\n"
                           "  providers sync [NAME]        run model discovery once (all enabled providers, or NAME)\n"
                           "  models list [--json]         discovered models and published aliases\n"
                           "  keys create --name N [--models a,b] [--rpm N] [--budget-usd X] [--expires ISO]\n"
                           "                               create a gateway key and print it once\n"
                           "  keys list [--json]           gateway keys (never the key itself)\n"
                           "  keys revoke N                revoke a key by name or id\n"
                           "  logs [--limit N] [--json]    request log, newest first\n"
                           "  usage [--since 7d] [--by model|key|provider] [--json]   requests, tokens and cost\n"
                           "  prices [MODEL] [--json]      bundled prices, or what MODEL is charged and why\n"
                           "  routes [--json]              each alias's targets and their live state\n"
                           "\n"
                           "Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.");
}

} // namespace

std::optional<CommandLineOptions> CommandLine::usageError(const QString &message)
{
    m_exitCode = ExitCode::Usage;
    m_stderr = tr("tollgate: %1\nTry 'tollgate --help'.").arg(message) + QLatin1Char('\n');
    return std::nullopt;
}

std::optional<CommandLineOptions> CommandLine::parse(const QStringList &arguments)
{
    m_exitCode = ExitCode::Ok;
    m_stdout.clear();
    m_stderr.clear();

    QCommandLineParser parser;
    parser.setApplicationDescription(commandsHelp());
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")}, tr("Show the version."));
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        tr("Run the gateway without a window; logs go to stderr; stops on SIGINT/SIGTERM."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     tr("Data directory (default: %1).").arg(QStringLiteral("~/.local/share/tollgate")),
                                     tr("DIR"));
    const QCommandLineOption config(
        QStringLiteral("config"), tr("First-run configuration (YAML); also the TOLLGATE_CONFIG environment variable."),
        tr("FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), tr("Listen address, overriding the stored one."),
                                    tr("ADDR:PORT"));
    const QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object per line."));
    const QCommandLineOption name(QStringLiteral("name"), tr("keys create: the key's name."), tr("N"));
    const QCommandLineOption models(QStringLiteral("models"), tr("keys create: allowed models (default: all)."),
                                    tr("a,b"));
    const QCommandLineOption rpm(QStringLiteral("rpm"), tr("keys create: requests per minute (0: unlimited)."),
                                 tr("N"));
    const QCommandLineOption budget(QStringLiteral("budget-usd"), tr("keys create: spending limit in USD."), tr("X"));
    const QCommandLineOption expires(QStringLiteral("expires"), tr("keys create: expiry (ISO 8601)."), tr("ISO"));
    const QCommandLineOption limit(QStringLiteral("limit"), tr("logs: how many records (default 50)."), tr("N"));
    const QCommandLineOption since(QStringLiteral("since"), tr("usage: how far back, e.g. 24h, 7d, 4w (default 7d)."),
                                   tr("SPAN"));
    const QCommandLineOption by(QStringLiteral("by"), tr("usage: group by model, key or provider."), tr("GROUP"));
    parser.addOptions(
        {help, version, headless, dataDir, config, listen, json, name, models, rpm, budget, expires, limit, since, by});
    parser.addPositionalArgument(QStringLiteral("command"), tr("See Commands above."), tr("[command]"));

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        m_stdout = parser.helpText();
        if (!m_stdout.endsWith(QLatin1Char('\n')))
            m_stdout += QLatin1Char('\n');
        return std::nullopt;
    }
    if (parser.isSet(version)) {
        m_stdout = QStringLiteral("tollgate %1\n").arg(QStringLiteral(TOLLGATE_VERSION));
        return std::nullopt;
    }

    CommandLineOptions options;
    options.dataDir = parser.value(dataDir);
    if (parser.isSet(dataDir) && options.dataDir.isEmpty())
        return usageError(tr("--data-dir needs a directory."));
    options.configPath = parser.isSet(config) ? parser.value(config) : qEnvironmentVariable("TOLLGATE_CONFIG");
    options.json = parser.isSet(json);
    if (parser.isSet(listen)) {
        QString why;
        if (!ListenAddress::parse(parser.value(listen), &why))
            return usageError(tr("--listen: %1").arg(why));
        options.listen = parser.value(listen);
    }

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        options.mode = parser.isSet(headless) ? CommandLineOptions::Mode::Headless : CommandLineOptions::Mode::Console;
        for (const QCommandLineOption *option : {&json, &name, &models, &rpm, &budget, &expires, &limit, &since, &by}) {
            if (parser.isSet(*option))
                return usageError(tr("--%1 belongs to a command (see --help).").arg(option->names().constLast()));
        }
        return options;
    }
    if (parser.isSet(headless))
        return usageError(tr("--headless does not combine with a command."));

    options.mode = CommandLineOptions::Mode::Command;
    const QString group = args.value(0);
    const QString verb = args.value(1);
    const QString command = (group + QLatin1Char(' ') + verb).trimmed();
    int maxArgs = 2;
    QList<const QCommandLineOption *> allowed;
    if (command == QLatin1String("providers list")) {
        options.command = CommandLineOptions::Command::ProvidersList;
        allowed = {&json};
    } else if (command == QLatin1String("providers sync")) {
        options.command = CommandLineOptions::Command::ProvidersSync;
        options.target = args.value(2);
        maxArgs = 3;
        allowed = {&json};
    } else if (command == QLatin1String("models list")) {
        options.command = CommandLineOptions::Command::ModelsList;
        allowed = {&json};
    } else if (command == QLatin1String("keys create")) {
        options.command = CommandLineOptions::Command::KeysCreate;
        allowed = {&json, &name, &models, &rpm, &budget, &expires, &limit, &since, &by};
    } else if (command == QLatin1String("keys list")) {
        options.command = CommandLineOptions::Command::KeysList;
        allowed = {&json};
    } else if (command == QLatin1String("keys revoke")) {
        options.command = CommandLineOptions::Command::KeysRevoke;
        options.target = args.value(2);
        maxArgs = 3;
        if (options.target.isEmpty())
            return usageError(tr("keys revoke needs the key's name or id."));
    } else if (group == QLatin1String("logs")) {
        options.command = CommandLineOptions::Command::Logs;
        maxArgs = 1;
        allowed = {&json, &limit};
    } else if (group == QLatin1String("prices")) {
        options.command = CommandLineOptions::Command::Prices;
        options.target = args.value(1);
        maxArgs = 2;
        allowed = {&json};
    } else if (group == QLatin1String("routes")) {
        options.command = CommandLineOptions::Command::Routes;
        maxArgs = 1;
        allowed = {&json};
    } else if (group == QLatin1String("usage")) {
        options.command = CommandLineOptions::Command::Usage;
        maxArgs = 1;
        allowed = {&json, &since, &by};
    } else {
        return usageError(tr("unknown command \"%1\".").arg(args.join(QLatin1Char(' '))));
    }
    if (args.size() > maxArgs)
        return usageError(tr("unexpected argument \"%1\".").arg(args.value(maxArgs)));
    for (const QCommandLineOption *option : {&json, &name, &models, &rpm, &budget, &expires, &limit, &since, &by}) {
        if (parser.isSet(*option) && !allowed.contains(option))
            return usageError(tr("--%1 does not apply to \"%2\".").arg(option->names().constLast(), command));
    }

    if (parser.isSet(limit)) {
        bool ok = false;
        options.limit = parser.value(limit).toInt(&ok);
        if (!ok || options.limit < 1)
            return usageError(tr("--limit needs a whole number of at least 1."));
    }
    options.sinceMs = qint64(7) * 24 * 3600 * 1000;
    if (parser.isSet(since)) {
        const QString span = parser.value(since).trimmed();
        bool ok = false;
        const qint64 n = span.left(span.size() - 1).toLongLong(&ok);
        const QChar unit = span.isEmpty() ? QChar() : span.back();
        const qint64 unitMs = unit == QLatin1Char('m')   ? 60000
                              : unit == QLatin1Char('h') ? 3600000
                              : unit == QLatin1Char('d') ? 86400000
                              : unit == QLatin1Char('w') ? 7 * 86400000LL
                                                         : 0;
        if (!ok || n <= 0 || unitMs == 0)
            return usageError(tr("--since needs a span such as 30m, 24h, 7d or 4w."));
        options.sinceMs = n * unitMs;
    }
    if (parser.isSet(by)) {
        options.by = parser.value(by).trimmed().toLower();
        if (options.by != QLatin1String("model") && options.by != QLatin1String("key")
            && options.by != QLatin1String("provider"))
            return usageError(tr("--by needs model, key or provider."));
    }

    if (options.command == CommandLineOptions::Command::KeysCreate) {
        KeyStore::NewKey &key = options.newKey;
        key.name = parser.value(name).trimmed();
        if (key.name.isEmpty())
            return usageError(tr("keys create needs --name."));
        if (parser.isSet(models)) {
            for (const QString &m : parser.value(models).split(QLatin1Char(','), Qt::SkipEmptyParts))
                key.models.append(m.trimmed());
        }
        if (parser.isSet(rpm)) {
            bool ok = false;
            key.rpm = parser.value(rpm).toInt(&ok);
            if (!ok || key.rpm < 0)
                return usageError(tr("--rpm needs a whole number of at least 0."));
        }
        if (parser.isSet(budget)) {
            bool ok = false;
            key.budgetUsd = parser.value(budget).toDouble(&ok);
            if (!ok || key.budgetUsd < 0)
                return usageError(tr("--budget-usd needs a number of at least 0."));
        }
        if (parser.isSet(expires)) {
            key.expiresAt = parser.value(expires);
            if (!Clock::fromIso(key.expiresAt).isValid())
                return usageError(tr("--expires needs an ISO 8601 date such as 2026-12-31T23:59:59Z."));
        }
    }
    return options;
}
