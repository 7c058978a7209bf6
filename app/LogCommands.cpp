#include "app/LogCommands.h"

#include "app/AppContext.h"
#include "app/ExitCode.h"
#include "app/TextTable.h"
#include "core/storage/Database.h"
#include "core/storage/LogQuery.h"
#include "core/storage/LogRecordJson.h"
#include "core/storage/UsageQuery.h"
#include "core/time/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

LogCommands::LogCommands(AppContext &context, const CommandLineOptions &options)
    : m_context(context)
    , m_options(options)
    , m_out(stdout)
    , m_err(stderr)
{
}

int LogCommands::logs()
{
    LogQuery query(m_context.database().connection());
    QString error;
    const LogQuery::Page page = query.fetchPage(LogFilter(), 0, m_options.limit, nullptr, &error);
    if (!error.isEmpty()) {
        m_err << "tollgate: " << error << '\n';
        return ExitCode::Failure;
    }
    if (m_options.json) {
        for (const LogRecord &r : page.rows)
            m_out << QString::fromUtf8(LogRecordJson::toJsonLine(r));
        return ExitCode::Ok;
    }
    TextTable table({tr("TIME"), tr("KEY"), tr("ROUTE"), tr("MODEL"), tr("PROVIDER"), tr("STATUS"), tr("MS"),
                     tr("TOKENS IN/OUT"), tr("COST USD")});
    for (const LogRecord &r : page.rows) {
        table.addRow(
            {Clock::msToIso(r.timeMs), r.keyName.isEmpty() ? QStringLiteral("-") : r.keyName, r.route,
             r.model.isEmpty() ? QStringLiteral("-") : r.model, r.provider.isEmpty() ? QStringLiteral("-") : r.provider,
             QString::number(r.status), QString::number(r.latencyMs, 'f', 1),
             QStringLiteral("%1/%2").arg(r.promptTokens).arg(r.completionTokens), QString::number(r.costUsd, 'f', 6)});
    }
    table.print(m_out);
    if (page.rows.isEmpty())
        m_out << tr("No requests logged yet.") << '\n';
    return ExitCode::Ok;
}

int LogCommands::usage()
{
    const auto groupBy = UsageQuery::parseGroupBy(m_options.by);
    const qint64 now = Clock::nowMs();
    UsageQuery query(m_context.database().connection());
    QString error;
    const auto result = query.run(now - m_options.sinceMs, now + 1, groupBy.value_or(UsageQuery::GroupBy::Model),
                                  UsageQuery::Bucket::Day, &error);
    if (!result) {
        m_err << "tollgate: " << error << '\n';
        return ExitCode::Failure;
    }
    auto object = [&](const QString &group, const UsageQuery::Totals &t) {
        return QJsonObject{{QStringLiteral("by"), m_options.by},
                           {QStringLiteral("group"), group},
                           {QStringLiteral("since"), Clock::msToIso(now - m_options.sinceMs)},
                           {QStringLiteral("requests"), t.requests},
                           {QStringLiteral("prompt_tokens"), t.promptTokens},
                           {QStringLiteral("completion_tokens"), t.completionTokens},
                           {QStringLiteral("cached_tokens"), t.cachedTokens},
                           {QStringLiteral("cost_usd"), t.costUsd}};
    };
    if (m_options.json) {
        for (const QString &group : result->groups)
            m_out << QString::fromUtf8(
                QJsonDocument(object(group, result->perGroup.value(group))).toJson(QJsonDocument::Compact))
                  << '\n';
        return ExitCode::Ok;
    }
    TextTable table(
        {m_options.by.toUpper(), tr("REQUESTS"), tr("PROMPT"), tr("COMPLETION"), tr("CACHED"), tr("COST USD")});
    auto row = [&](const QString &group, const UsageQuery::Totals &t) {
        table.addRow({group.isEmpty() ? QStringLiteral("-") : group, QString::number(t.requests),
                      QString::number(t.promptTokens), QString::number(t.completionTokens),
                      QString::number(t.cachedTokens), QString::number(t.costUsd, 'f', 6)});
    };
    for (const QString &group : result->groups)
        row(group, result->perGroup.value(group));
    row(tr("TOTAL"), result->totals);
    table.print(m_out);
    return ExitCode::Ok;
}
