#pragma once

#include <QSpinBox>

// Seconds, shown the way people say them: "45 s", "5 min", "2 h" (a value that
// is a whole number of minutes or hours is shown in them). Typing "5m", "5 min",
// "2h" or plain seconds works too.
class DurationSpinBox final : public QSpinBox
{
    Q_OBJECT
public:
    explicit DurationSpinBox(QWidget *parent = nullptr);

    static QString format(int seconds);
    static int parse(const QString &text, bool *ok = nullptr);

protected:
    QString textFromValue(int value) const override;
    int valueFromText(const QString &text) const override;
    QValidator::State validate(QString &input, int &pos) const override;
};
