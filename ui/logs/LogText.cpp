#include "ui/logs/LogText.h"

#include "core/storage/LogRecord.h"

#include <QCoreApplication>

QString LogText::tidyError(const QString &error)
{
    const qsizetype colon = error.indexOf(QLatin1String(": "));
    if (colon <= 0)
        return error;
    const QString code = error.left(colon);
    const QString sentence = error.mid(colon + 2).trimmed();
    const bool codeLike = code == code.toLower() && !code.contains(QLatin1Char('.'));
    if (!codeLike || sentence.isEmpty() || !sentence.at(0).isUpper())
        return error;
    // Only when the sentence repeats the code's words (the stutter), not when it adds a cause.
    const QStringList words = code.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    int shared = 0;
    for (const QString &w : words) {
        if (w.size() > 3 && sentence.contains(w.left(w.size() - 1), Qt::CaseInsensitive))
            ++shared;
    }
    return shared * 2 >= words.size() ? sentence : error;
}

QString LogText::keyLabel(const LogRecord &record)
{
    if (record.keyName.isEmpty())
        return QCoreApplication::translate("LogText", "(no key)");
    if (record.source == QLatin1String("playground"))
        return QCoreApplication::translate("LogText", "%1 (Playground)").arg(record.keyName);
    return record.keyName;
}

QString LogText::curlCommand(const LogRecord &record, const QString &gatewayBaseUrl)
{
    QString base = gatewayBaseUrl;
    // The base URL ends in /v1 and the route starts with /v1: join them once.
    if (base.endsWith(QLatin1String("/v1")) && record.route.startsWith(QLatin1String("/v1")))
        base.chop(3);
    const auto quote = [](QString s) {
        s.replace(QLatin1Char('\''), QLatin1String("'\\''"));
        return QLatin1Char('\'') + s + QLatin1Char('\'');
    };
    QString cmd = QStringLiteral("curl %1").arg(quote(base + record.route));
    // Double quotes, so the shell fills in the key from the environment.
    cmd += QStringLiteral(" \\\n  -H \"Authorization: Bearer $TOLLGATE_KEY\"");
    if (!record.requestBody.isEmpty()) {
        cmd += QStringLiteral(" \\\n  -H 'Content-Type: application/json'");
        cmd += QStringLiteral(" \\\n  -d %1").arg(quote(QString::fromUtf8(record.requestBody)));
    }
    return cmd;
}
