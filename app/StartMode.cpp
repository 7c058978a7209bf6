#include "app/StartMode.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QTextStream>

namespace {

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
           || qgetenv("QT_QPA_PLATFORM") == "offscreen";
}

} // namespace

StartMode chooseStartMode(const CommandLineOptions &options)
{
    if (options.mode == CommandLineOptions::Mode::Command)
        return StartMode::Command;
    if (options.mode == CommandLineOptions::Mode::Headless)
        return StartMode::Headless;
    if (hasDisplay() && qobject_cast<QCoreApplication *>(QCoreApplication::instance())
        && QCoreApplication::instance()->inherits("QApplication"))
        return StartMode::Console;
    QTextStream(stderr) << QCoreApplication::translate("StartMode", "No display found; starting the headless gateway.")
                        << '\n';
    return StartMode::Headless;
}

bool wantsConsole(int argc, char *argv[])
{
    if (!hasDisplay())
        return false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--data-dir" || arg == "--config" || arg == "--listen") {
            ++i; // the option's value
            continue;
        }
        if (arg.startsWith("--data-dir=") || arg.startsWith("--config=") || arg.startsWith("--listen="))
            continue;
        // --headless, --help, --version, or any subcommand: no window.
        return false;
    }
    return true;
}
