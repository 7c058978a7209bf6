#pragma once

#include "ui/ConsoleContext.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;

// Creates a gateway key. After creation the dialog turns into a one-time
// view of the key (copied to the clipboard marked as secret); once closed the
// key exists only as a hash.
class KeyCreateDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit KeyCreateDialog(ConsoleContext &context, QWidget *parent = nullptr);

    bool created() const { return m_created; }
    QString createdName() const { return m_createdName; }

public Q_SLOTS:
    void create();

private:
    ConsoleContext &m_ctx;
    QStackedWidget *m_pages = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_allModels = nullptr;
    QListWidget *m_models = nullptr;
    QCheckBox *m_expires = nullptr;
    QDateEdit *m_expiry = nullptr;
    QSpinBox *m_rpm = nullptr;
    QDoubleSpinBox *m_budget = nullptr;
    QLabel *m_error = nullptr;
    QLineEdit *m_shownKey = nullptr;
    QLabel *m_copied = nullptr;
    QPushButton *m_createButton = nullptr;
    bool m_created = false;
    QString m_createdName;
};
