#pragma once

#include "app/CommandLineOptions.h"

#include <QCoreApplication>
#include <QTextStream>

class AppContext;
class QJsonObject;

// The `providers`, `models` and `keys` subcommands. Results go to stdout
// (a table, or one JSON object per line with --json); problems to stderr.
// Each returns an ExitCode.
class CliCommands final
{
    Q_DECLARE_TR_FUNCTIONS(CliCommands)
public:
    CliCommands(AppContext &context, const CommandLineOptions &options);

    int run();

private:
    int providersList();
    int providersSync();
    int modelsList();
    int keysCreate();
    int keysList();
    int keysRevoke();

    void printJson(const QJsonObject &object);
    int fail(int code, const QString &message);

    AppContext &m_context;
    const CommandLineOptions &m_options;
    QTextStream m_out;
    QTextStream m_err;
};
