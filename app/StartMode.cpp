#include "app/StartMode.h"

#include <QCoreApplication>
#include <QTextStream>

StartMode chooseStartMode(const CommandLineOptions &options)
{
    if (options.mode == CommandLineOptions::Mode::Command)
        return StartMode::Command;
    if (options.mode == CommandLineOptions::Mode::Headless)
        return StartMode::Headless;
    const bool display = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    QTextStream err(stderr);
    if (display)
        err << QCoreApplication::translate("StartMode", "The console is not built yet; starting the headless gateway.");
    else
        err << QCoreApplication::translate("StartMode", "No display found; starting the headless gateway.");
    err << '\n';
    return StartMode::Headless;
}
