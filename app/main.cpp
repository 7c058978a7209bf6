#include "app/AppContext.h"
#include "app/CliCommands.h"
#include "app/CommandLine.h"
#include "app/ConsoleRunner.h"
#include "app/ExitCode.h"
#include "app/HeadlessRunner.h"
#include "app/StartMode.h"
#include "core/storage/Settings.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QTextStream>
#include <QTranslator>

int main(int argc, char *argv[])
{
    // The console needs a QApplication; everything else must not (no display required).
    std::unique_ptr<QCoreApplication> app(wantsConsole(argc, argv) ? new QApplication(argc, argv)
                                                                   : new QCoreApplication(argc, argv));
    QCoreApplication::setOrganizationName(QStringLiteral("Tollgate"));
    QCoreApplication::setApplicationName(QStringLiteral("tollgate"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOLLGATE_VERSION));
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("tollgate"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    CommandLine commandLine;
    const auto options = commandLine.parse(QCoreApplication::arguments());
    if (!options) {
        QTextStream(stdout) << commandLine.stdoutText();
        QTextStream(stderr) << commandLine.stderrText();
        return commandLine.exitCode();
    }

    const StartMode mode = chooseStartMode(*options);
    // Logs go to stderr; debug noise only when QT_LOGGING_RULES asks for it.
    QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false"));
    qSetMessagePattern(mode == StartMode::Command
                           ? QStringLiteral("%{category}: %{message}")
                           : QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));

    AppContext context{AppPaths(options->dataDir)};
    QString error;
    if (const int code = context.open(options->configPath, &error); code != ExitCode::Ok) {
        QTextStream(stderr) << "tollgate: " << error << '\n';
        return code;
    }
    if (mode == StartMode::Command)
        return CliCommands(context, *options).run();

    const QString listenText = options->listen.isEmpty() ? context.settings().listenAddress() : options->listen;
    const auto listen = ListenAddress::parse(listenText, &error);
    if (!listen) {
        QTextStream(stderr) << "tollgate: "
                            << QCoreApplication::translate("main", "stored listen address: %1").arg(error) << '\n';
        return ExitCode::Usage;
    }
    if (mode == StartMode::Console)
        return ConsoleRunner(context, *listen).exec();
    return HeadlessRunner(context, *listen).exec();
}
