#pragma once

#include "core/routing/Provider.h"
#include "ui/ConsoleContext.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QTimer;
class QLineEdit;
class QPushButton;
class QSpinBox;
struct ProviderPreset;

// Add or edit a provider. Saves itself so errors (a duplicate name, an
// unreachable keychain) show inline and the dialog stays open. A typed key
// goes to the keychain via ProviderKeys::saveKey, never to SQLite,
// and is cleared from the field once stored.
class ProviderDialog final : public QDialog
{
    Q_OBJECT
public:
    ProviderDialog(ConsoleContext &context, std::optional<Provider> existing, QWidget *parent = nullptr);

    void applyPreset(const ProviderPreset &preset);
    qint64 savedProviderId() const { return m_saved.id; }

    // What the fields describe right now (key excluded).
    Provider currentProvider() const;

public Q_SLOTS:
    void save();
    void testConnection();
    // How long Test connection waits before giving up (tests shorten it).
    void setTestTimeoutMs(int ms) { m_testTimeoutMs = ms; }
    bool isTesting() const { return m_testing; }

Q_SIGNALS:
    void probeFinished(bool ok, const QString &message);

private:
    bool validate();
    void updateHint();
    void setBusy(bool busy, const QString &text = QString());
    void cancelTest(const QString &reason);
    void updateKeyEcho();
    void updateKindFields();
    void finish();
    void resolveKey(const Provider &provider,
                    std::function<void(std::optional<QString> key, const QString &error)> done);

    ConsoleContext &m_ctx;
    std::optional<Provider> m_existing;
    Provider m_saved;

    QComboBox *m_kind = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlHint = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_reveal = nullptr;
    QLabel *m_keyNote = nullptr;
    QSpinBox *m_interval = nullptr;
    QLineEdit *m_apiVersion = nullptr;
    QLabel *m_apiVersionLabel = nullptr;
    QProgressBar *m_testSpinner = nullptr;
    QTimer *m_testTimer = nullptr;
    int m_testTimeoutMs = 15000;
    quint64 m_testGeneration = 0;
    bool m_testing = false;
    QCheckBox *m_exposeAll = nullptr;
    QCheckBox *m_enabled = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
