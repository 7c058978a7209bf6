#include "app/RouteCommands.h"

#include "app/AppContext.h"
#include "app/ExitCode.h"
#include "app/TextTable.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/TargetStateStore.h"
#include "core/time/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

RouteCommands::RouteCommands(AppContext &context, const CommandLineOptions &options)
    : m_context(context)
    , m_options(options)
    , m_out(stdout)
{
}

int RouteCommands::routes()
{
    const QSqlDatabase db = m_context.database().connection();
    const QHash<QString, TargetStateStore::Row> states = TargetStateStore::read(db);
    const qint64 now = Clock::nowMs();
    TextTable text({tr("ALIAS"), tr("PROVIDER"), tr("MODEL"), tr("WEIGHT"), tr("PRIORITY"), tr("STATE"),
                    tr("IN FLIGHT"), tr("TTFB MS"), tr("ERRORS"), tr("COOLDOWN UNTIL")});
    for (const Alias &a : AliasStore::readAll(db)) {
        QList<AliasTarget> targets = a.effectiveTargets();
        std::stable_sort(targets.begin(), targets.end(),
                         [](const AliasTarget &x, const AliasTarget &y) { return x.priority < y.priority; });
        for (const AliasTarget &t : targets) {
            TargetStateStore::Row s = states.value(t.providerName + QLatin1Char('/') + t.modelId);
            // A cooldown that ran out since it was published.
            if (s.cooldownUntilMs > 0 && s.cooldownUntilMs <= now) {
                if (s.state == QLatin1String("open"))
                    s.state = QStringLiteral("half-open");
                else if (s.state == QLatin1String("cooling"))
                    s.state = QStringLiteral("healthy");
            }
            const QString until = s.cooldownUntilMs > now ? Clock::msToIso(s.cooldownUntilMs) : QString();
            if (m_options.json) {
                QJsonObject o{{QStringLiteral("alias"), a.alias},
                              {QStringLiteral("provider"), t.providerName},
                              {QStringLiteral("model"), t.modelId},
                              {QStringLiteral("weight"), t.weight},
                              {QStringLiteral("priority"), t.priority},
                              {QStringLiteral("strategy"), a.strategy},
                              {QStringLiteral("state"), s.state},
                              {QStringLiteral("in_flight"), s.inFlight},
                              {QStringLiteral("ttfb_ms"), s.ttfbMs < 0 ? QJsonValue() : QJsonValue(s.ttfbMs)},
                              {QStringLiteral("error_rate"), s.errorRate},
                              {QStringLiteral("cooldown_until"), until.isEmpty() ? QJsonValue() : QJsonValue(until)},
                              {QStringLiteral("updated_at"),
                               s.updatedMs > 0 ? QJsonValue(Clock::msToIso(s.updatedMs)) : QJsonValue()}};
                m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
            } else {
                text.addRow({a.alias, t.providerName, t.modelId, QString::number(t.weight), QString::number(t.priority),
                             s.state, QString::number(s.inFlight),
                             s.ttfbMs < 0 ? QStringLiteral("-") : QString::number(s.ttfbMs, 'f', 0),
                             QStringLiteral("%1 %").arg(s.errorRate * 100, 0, 'f', 0),
                             until.isEmpty() ? QStringLiteral("-") : until});
            }
        }
    }
    if (!m_options.json)
        text.print(m_out);
    m_out.flush();
    return ExitCode::Ok;
}
