#pragma once

#include "app/CommandLineOptions.h"

#include <QCoreApplication>
#include <QTextStream>

class AppContext;

// `tollgate logs` and `tollgate usage`: read-only views of the request log,
// safe to run beside a gateway that is writing it (SQLite WAL).
class LogCommands final
{
    Q_DECLARE_TR_FUNCTIONS(LogCommands)
public:
    LogCommands(AppContext &context, const CommandLineOptions &options);

    int logs();
    int usage();

private:
    AppContext &m_context;
    const CommandLineOptions &m_options;
    QTextStream m_out;
    QTextStream m_err;
};
