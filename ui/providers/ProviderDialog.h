#pragma once

#include "core/routing/Provider.h"
#include "ui/ConsoleContext.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
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

Q_SIGNALS:
    void probeFinished(bool ok, const QString &message);

private:
    bool validate();
    void updateHint();
    void setBusy(bool busy, const QString &text = QString());
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
    QCheckBox *m_exposeAll = nullptr;
    QCheckBox *m_enabled = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
