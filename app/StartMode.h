#pragma once

#include "app/CommandLineOptions.h"

// Plain `tollgate` opens the console when a display exists and runs the
// headless gateway otherwise; --headless and subcommands say so themselves.
enum class StartMode { Console, Headless, Command };

StartMode chooseStartMode(const CommandLineOptions &options);

// Decided before any QCoreApplication exists, so main() can create a
// QApplication only when the console will open: true for a plain start
// (no subcommand, no --headless/--help/--version) with a display.
bool wantsConsole(int argc, char *argv[]);
