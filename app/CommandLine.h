#pragma once

#include "app/CommandLineOptions.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

// Parses argv (PRODUCT.md "Command line") with QCommandLineParser. Subcommand
// options are declared once and checked against the subcommand afterwards,
// so `keys list --rpm 5` is a usage error rather than silently ignored.
class CommandLine final
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
public:
    // Options to run, or nothing: then print stdoutText/stderrText and exit with exitCode().
    std::optional<CommandLineOptions> parse(const QStringList &arguments);

    int exitCode() const { return m_exitCode; }
    QString stdoutText() const { return m_stdout; }
    QString stderrText() const { return m_stderr; }

private:
    std::optional<CommandLineOptions> usageError(const QString &message);

    int m_exitCode = 0;
    QString m_stdout;
    QString m_stderr;
};
