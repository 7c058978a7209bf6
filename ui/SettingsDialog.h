#pragma once

#include "ui/ConsoleContext.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Gateway and logging settings. A non-loopback listen address always
// requires keys (PRODUCT.md "Gateway behaviour"), so the checkbox is forced.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(ConsoleContext &context, QWidget *parent = nullptr);

    static bool isLoopback(const QString &host);

public Q_SLOTS:
    void save();

private:
    void updateExposure();

    ConsoleContext &m_ctx;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLabel *m_exposure = nullptr;
    QCheckBox *m_requireKeys = nullptr;
    QCheckBox *m_logBodies = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QSpinBox *m_retentionDays = nullptr;
    QSpinBox *m_retentionMb = nullptr;
    QLabel *m_error = nullptr;
};
