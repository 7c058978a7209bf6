#pragma once

#include "core/routing/Alias.h"
#include "ui/ConsoleContext.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QLineEdit;
class QPlainTextEdit;

// Create or edit a published alias: the name clients call, the provider model
// behind it, pricing per 1M tokens and request defaults. Saves itself and
// keeps errors inline.
class AliasDialog final : public QDialog
{
    Q_OBJECT
public:
    AliasDialog(ConsoleContext &context, std::optional<Alias> existing, QWidget *parent = nullptr);

    // Prefills from a discovered model ("Publish as alias").
    void setTarget(qint64 providerId, const QString &modelId, const QString &category);
    Alias savedAlias() const { return m_saved; }

    // The pre-flight checklist; Save is enabled only when the blocking ones pass.
    struct Checks
    {
        bool providerActive = false;
        bool modelOnline = false;
        bool nameGiven = false;
        bool priced = false; // advisory: an unpriced model costs $0 in Usage
    };
    Checks checks() const;

public Q_SLOTS:
    void save();

private:
    void fillModels();
    QWidget *buildChecklist();
    void updateChecklist();

    ConsoleContext &m_ctx;
    std::optional<Alias> m_existing;
    Alias m_saved;
    QLineEdit *m_alias = nullptr;
    QComboBox *m_provider = nullptr;
    QComboBox *m_model = nullptr;
    QComboBox *m_category = nullptr;
    QDoubleSpinBox *m_input = nullptr;
    QDoubleSpinBox *m_output = nullptr;
    QDoubleSpinBox *m_cached = nullptr;
    QPlainTextEdit *m_defaults = nullptr;
    QCheckBox *m_active = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_checklist = nullptr;
    QPushButton *m_save = nullptr;
};
