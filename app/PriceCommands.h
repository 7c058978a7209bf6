#pragma once

#include "app/CommandLineOptions.h"

#include <QCoreApplication>
#include <QTextStream>

class AppContext;

// `tollgate prices [MODEL]`: the bundled price table, or the price one model
// (alias, provider/model or bare id) is charged by and where it came from.
class PriceCommands final
{
    Q_DECLARE_TR_FUNCTIONS(PriceCommands)
public:
    PriceCommands(AppContext &context, const CommandLineOptions &options);

    int prices();

private:
    AppContext &m_context;
    const CommandLineOptions &m_options;
    QTextStream m_out;
    QTextStream m_err;
};
