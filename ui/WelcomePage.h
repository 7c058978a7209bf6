#pragma once

#include <QWidget>

class QLineEdit;
class QListWidget;
struct ProviderPreset;

// First run: what Tollgate is, where the gateway listens, the first key
// (shown once, with a copy button) and the provider presets.
class WelcomePage final : public QWidget
{
    Q_OBJECT
public:
    WelcomePage(const QString &gatewayUrl, const QString &firstKey, QWidget *parent = nullptr);

    QString shownKey() const;
    // Forgets the key so nothing later can show it again.
    void forgetKey();

Q_SIGNALS:
    void presetChosen(const ProviderPreset &preset);
    void continueRequested();

private:
    QLineEdit *m_key = nullptr;
    QListWidget *m_presets = nullptr;
};
