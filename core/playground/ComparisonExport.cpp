#include "core/playground/ComparisonExport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ComparisonExport", text);
}

QString role(const QString &r)
{
    if (r == QLatin1String("user"))
        return tr("User");
    if (r == QLatin1String("assistant"))
        return tr("Assistant");
    if (r == QLatin1String("system"))
        return tr("System");
    return r;
}

QString quoted(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &l : lines)
        l = QStringLiteral("> ") + l;
    return lines.join(QLatin1Char('\n'));
}

QString parametersText(const ChatParameters &p)
{
    QStringList parts;
    if (p.temperature)
        parts << QStringLiteral("temperature %1").arg(*p.temperature);
    if (p.maxTokens)
        parts << QStringLiteral("max_tokens %1").arg(*p.maxTokens);
    if (p.topP)
        parts << QStringLiteral("top_p %1").arg(*p.topP);
    if (p.seed)
        parts << QStringLiteral("seed %1").arg(*p.seed);
    return parts.isEmpty() ? tr("gateway defaults") : parts.join(QLatin1String(", "));
}

QString ms(qint64 v)
{
    return v < 0 ? QStringLiteral("–") : QStringLiteral("%1 ms").arg(v);
}

// Table cells may not contain pipes or line breaks.
QString cell(QString s)
{
    s.replace(QLatin1Char('|'), QLatin1String("\\|"));
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s;
}

} // namespace

QString ComparisonExport::toMarkdown(const Comparison &c)
{
    QString out;
    out += QStringLiteral("# %1\n\n").arg(c.title.isEmpty() ? c.defaultTitle() : c.title);
    if (!c.createdAt.isEmpty())
        out += tr("Saved %1 from the Tollgate Playground.").arg(c.updatedAt.isEmpty() ? c.createdAt : c.updatedAt)
               + QStringLiteral("\n\n");
    if (!c.systemPrompt.isEmpty())
        out += QStringLiteral("## %1\n\n%2\n\n").arg(tr("System prompt"), quoted(c.systemPrompt));
    if (!c.history.isEmpty()) {
        out += QStringLiteral("## %1\n\n").arg(tr("Earlier turns"));
        for (const ChatMessage &m : c.history)
            out += QStringLiteral("**%1:**\n\n%2\n\n").arg(role(m.role), quoted(m.content));
    }

    out += QStringLiteral("## %1\n\n").arg(tr("Metrics"));
    out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
               .arg(tr("Model"), tr("First token"), tr("Total"), tr("Output tokens"), tr("Tokens/s"), tr("Cost (USD)"),
                    tr("Parameters"));
    out += QStringLiteral("|---|---:|---:|---:|---:|---:|---|\n");
    for (const ComparisonColumn &col : c.columns) {
        const ChatMetrics &m = col.metrics;
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n")
                   .arg(cell(col.model), ms(m.ttftMs), ms(m.totalMs),
                        m.usageReported ? QString::number(m.completionTokens)
                                        : QStringLiteral("~%1").arg(m.completionTokens),
                        QString::number(m.tokensPerSecond(), 'f', 1), QString::number(m.costUsd, 'f', 6),
                        cell(parametersText(col.parameters)));
    }
    out += QLatin1Char('\n');

    for (const ComparisonColumn &col : c.columns) {
        out += QStringLiteral("## %1\n\n").arg(col.model);
        for (const ChatMessage &m : col.turns) {
            if (m.role == QLatin1String("user"))
                out += QStringLiteral("**%1:**\n\n%2\n\n").arg(role(m.role), quoted(m.content));
            else
                out += QStringLiteral("**%1:**\n\n%2\n\n").arg(role(m.role), m.content);
        }
        if (!col.error.isEmpty())
            out += QStringLiteral("*%1* %2\n\n").arg(tr("Error:"), col.error);
    }
    return out;
}

QByteArray ComparisonExport::toJson(const Comparison &comparison)
{
    return QJsonDocument(comparison.toJson()).toJson(QJsonDocument::Indented);
}

std::optional<Comparison> ComparisonExport::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = parseError.errorString();
        return std::nullopt;
    }
    return Comparison::fromJson(doc.object(), error);
}
