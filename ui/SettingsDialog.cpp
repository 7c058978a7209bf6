#include "ui/SettingsDialog.h"

#include "core/storage/Settings.h"
#include "ui/MainWindow.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_ctx(context)
{
    setWindowTitle(tr("Settings"));
    setMinimumWidth(460);
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("host"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(1, 65535);
    auto *listenRow = new QHBoxLayout;
    listenRow->addWidget(m_host, 1);
    listenRow->addWidget(new QLabel(tr("port"), this));
    listenRow->addWidget(m_port);
    m_exposure = new QLabel(this);
    m_exposure->setObjectName(QStringLiteral("exposure"));
    m_exposure->setWordWrap(true);
    m_requireKeys = new QCheckBox(tr("Require a gateway key for every request"), this);
    m_requireKeys->setObjectName(QStringLiteral("requireKeys"));
    m_logBodies = new QCheckBox(tr("Log request and response bodies (up to 64 KiB each)"), this);
    m_logBodies->setObjectName(QStringLiteral("logBodies"));
    m_retentionDays = new QSpinBox(this);
    m_retentionDays->setRange(1, 3650);
    m_retentionDays->setSuffix(tr(" days"));
    m_retentionMb = new QSpinBox(this);
    m_retentionMb->setRange(16, 1024 * 1024);
    m_retentionMb->setSuffix(tr(" MiB"));
    m_closeToTray = new QCheckBox(tr("Closing the window keeps the gateway running in the &tray"), this);
    m_closeToTray->setObjectName(QStringLiteral("closeToTray"));
    m_closeToTray->setChecked(QSettings().value(MainWindow::closeToTrayKey(), true).toBool());
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    auto *listenLabel = new QLabel(tr("&Listen on:"), this);
    listenLabel->setBuddy(m_host);
    form->addRow(listenLabel, listenRow);
    auto *options = new QFormLayout;
    options->addRow(QString(), m_requireKeys);
    options->addRow(QString(), m_logBodies);
    options->addRow(tr("Keep logs for:"), m_retentionDays);
    options->addRow(tr("Keep logs up to:"), m_retentionMb);
    options->addRow(QString(), m_closeToTray);
    auto *note = new QLabel(
        tr("Changes apply at once. A new address takes over once the requests in flight have finished."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    // Outside the form, a wrapped label gets the height its lines need (a form row cuts it off).
    layout->addLayout(form);
    layout->addWidget(m_exposure);
    layout->addLayout(options);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    const QString listen = m_ctx.settings.listenAddress();
    const int colon = listen.lastIndexOf(QLatin1Char(':'));
    QString host = colon > 0 ? listen.left(colon) : listen;
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    m_host->setText(host);
    m_port->setValue(colon > 0 ? listen.mid(colon + 1).toInt() : 4242);
    m_requireKeys->setChecked(m_ctx.settings.requireKeys());
    m_logBodies->setChecked(m_ctx.settings.logBodies());
    m_retentionDays->setValue(m_ctx.settings.logRetentionDays());
    m_retentionMb->setValue(m_ctx.settings.logRetentionMb());
    connect(m_host, &QLineEdit::textChanged, this, &SettingsDialog::updateExposure);
    updateExposure();
}

bool SettingsDialog::isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

void SettingsDialog::updateExposure()
{
    const QString host = m_host->text().trimmed();
    const bool loopback = isLoopback(host);
    if (loopback) {
        m_exposure->setText(tr("Only programs on this computer can reach the gateway."));
        m_requireKeys->setEnabled(true);
    } else {
        m_exposure->setText(tr("<b>Other machines can reach the gateway on %1.</b> Every request must then carry a "
                               "gateway key; create one per person or tool on the Keys tab.")
                                .arg(host.toHtmlEscaped()));
        m_requireKeys->setChecked(true);
        m_requireKeys->setEnabled(false);
    }
    if (isVisible())
        adjustSize();
}

void SettingsDialog::save()
{
    const QString host = m_host->text().trimmed();
    const QHostAddress address(host);
    if (host.isEmpty() || (address.isNull() && host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0)) {
        m_error->setText(tr("<b>Enter an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0.</b>"));
        m_error->show();
        m_host->setFocus();
        return;
    }
    const QString hostPart =
        address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(host) : host;
    const QString listen = QStringLiteral("%1:%2").arg(hostPart).arg(m_port->value());
    Settings &s = m_ctx.settings;
    bool ok = s.setValue(Settings::ListenAddress, listen);
    ok = s.setValue(Settings::RequireKeys, isLoopback(host) ? m_requireKeys->isChecked() : true) && ok;
    ok = s.setValue(Settings::LogBodies, m_logBodies->isChecked()) && ok;
    ok = s.setValue(Settings::LogRetentionDays, m_retentionDays->value()) && ok;
    ok = s.setValue(Settings::LogRetentionMb, m_retentionMb->value()) && ok;
    QSettings().setValue(MainWindow::closeToTrayKey(), m_closeToTray->isChecked());
    if (!ok) {
        m_error->setText(tr("<b>The settings could not be saved to the database.</b>"));
        m_error->show();
        return;
    }
    accept();
}
