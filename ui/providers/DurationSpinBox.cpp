#include "ui/providers/DurationSpinBox.h"

#include <QRegularExpression>

DurationSpinBox::DurationSpinBox(QWidget *parent)
    : QSpinBox(parent)
{
}

QString DurationSpinBox::format(int seconds)
{
    if (seconds > 0 && seconds % 3600 == 0)
        return tr("%1 h").arg(seconds / 3600);
    if (seconds > 0 && seconds % 60 == 0)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 s").arg(seconds);
}

int DurationSpinBox::parse(const QString &text, bool *ok)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+)\\s*(s|sec|secs|m|min|mins|h|hr|hrs)?\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text);
    if (ok)
        *ok = m.hasMatch();
    if (!m.hasMatch())
        return 0;
    const int n = m.captured(1).toInt();
    const QString unit = m.captured(2).toLower();
    if (unit.startsWith(QLatin1Char('h')))
        return n * 3600;
    if (unit.startsWith(QLatin1Char('m')))
        return n * 60;
    return n;
}

QString DurationSpinBox::textFromValue(int value) const
{
    return format(value);
}

int DurationSpinBox::valueFromText(const QString &text) const
{
    return parse(text);
}

QValidator::State DurationSpinBox::validate(QString &input, int &pos) const
{
    Q_UNUSED(pos)
    if (input.isEmpty() || input == specialValueText())
        return QValidator::Intermediate;
    bool ok = false;
    const int v = parse(input, &ok);
    if (!ok) {
        // Digits with a unit still being typed ("5 mi").
        static const QRegularExpression partial(QStringLiteral("^\\s*\\d+\\s*[a-zA-Z]*\\s*$"));
        return partial.match(input).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
    }
    return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
}
