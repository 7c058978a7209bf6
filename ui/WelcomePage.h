#pragma once

#include <QWidget>

class QCheckBox;
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
    // The user ticked "I have saved this key": leaving the page may forget it now.
    bool keyConfirmed() const;
    QCheckBox *confirmBox() const { return m_confirm; }
    // Forgets the key so nothing later can show it again.
    void forgetKey();

Q_SIGNALS:
    void presetChosen(const ProviderPreset &preset);
    void continueRequested();

private:
    QLineEdit *m_key = nullptr;
    QCheckBox *m_confirm = nullptr;
    QListWidget *m_presets = nullptr;
};
