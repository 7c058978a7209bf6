#pragma once

#include "app/CommandLineOptions.h"

#include <QCoreApplication>
#include <QTextStream>

class AppContext;

// `tollgate routes [--json]`: every alias's targets with the state the
// running gateway last published (at most a second old while it runs).
class RouteCommands final
{
    Q_DECLARE_TR_FUNCTIONS(RouteCommands)
public:
    RouteCommands(AppContext &context, const CommandLineOptions &options);

    int routes();

private:
    AppContext &m_context;
    const CommandLineOptions &m_options;
    QTextStream m_out;
};
