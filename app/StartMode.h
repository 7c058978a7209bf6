#pragma once

#include "app/CommandLineOptions.h"

// Plain `tollgate` opens the console. Until ui/ provides it, this is the one
// place that decides to fall back to the headless gateway (and says why).
enum class StartMode { Console, Headless, Command };

StartMode chooseStartMode(const CommandLineOptions &options);
