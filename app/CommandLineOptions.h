#pragma once

#include "core/storage/KeyStore.h"

#include <QString>
#include <QStringList>

// What the command line asked for, after parsing and validation.
struct CommandLineOptions
{
    enum class Mode {
        Console,  // no subcommand, no --headless: the GUI console
        Headless, // --headless
        Command,  // a subcommand such as `keys list`
    };
    enum class Command {
        None,
        ProvidersList,
        ProvidersSync,
        ModelsList,
        KeysCreate,
        KeysList,
        KeysRevoke,
        Logs,
        Usage,
        Prices,
        Routes,
    };

    Mode mode = Mode::Console;
    Command command = Command::None;
    QString dataDir;    // empty: the default location
    QString configPath; // --config or TOLLGATE_CONFIG
    QString listen;     // --listen, validated; empty: the stored address
    bool json = false;
    QString target;                       // `providers sync NAME`, `keys revoke N`, `prices MODEL`
    KeyStore::NewKey newKey;              // `keys create`
    int limit = 50;                       // `logs --limit`
    qint64 sinceMs = 0;                   // `usage --since`, as a span back from now
    QString by = QStringLiteral("model"); // `usage --by`
};
