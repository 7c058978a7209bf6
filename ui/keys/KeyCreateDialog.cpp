#include "ui/keys/KeyCreateDialog.h"

#include "core/storage/AliasStore.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/time/Clock.h"
#include "ui/SecretClipboard.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

KeyCreateDialog::KeyCreateDialog(ConsoleContext &context, QWidget *parent)
    : QDialog(parent)
    , m_ctx(context)
{
    setWindowTitle(tr("Create a gateway key"));
    setMinimumWidth(460);

    // Page 1: the form.
    auto *form = new QWidget(this);
    m_name = new QLineEdit(form);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. ci, alice-laptop"));
    m_allModels = new QCheckBox(tr("All models"), form);
    m_allModels->setObjectName(QStringLiteral("allModels"));
    m_allModels->setChecked(true);
    m_models = new QListWidget(form);
    m_models->setObjectName(QStringLiteral("models"));
    m_models->setEnabled(false);
    m_models->setMaximumHeight(140);
    const QList<Alias> aliases = m_ctx.aliases.list();
    for (const Alias &a : aliases) {
        auto *item = new QListWidgetItem(a.alias, m_models);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    const QList<Provider> providers = m_ctx.providers.list();
    for (const Provider &p : providers) {
        if (!p.exposeAll)
            continue;
        const QList<ModelInfo> models = m_ctx.models.list(p.id);
        for (const ModelInfo &m : models) {
            if (m.status != QLatin1String("online"))
                continue;
            auto *item = new QListWidgetItem(p.name + QLatin1Char('/') + m.modelId, m_models);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    connect(m_allModels, &QCheckBox::toggled, m_models, [this](bool all) { m_models->setEnabled(!all); });
    m_expires = new QCheckBox(tr("Expires on"), form);
    m_expires->setObjectName(QStringLiteral("expires"));
    m_expiry = new QDateEdit(QDate::currentDate().addDays(90), form);
    m_expiry->setObjectName(QStringLiteral("expiry"));
    m_expiry->setCalendarPopup(true);
    m_expiry->setMinimumDate(QDate::currentDate().addDays(1));
    m_expiry->setEnabled(false);
    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    auto *expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiry, 1);
    m_rpm = new QSpinBox(form);
    m_rpm->setRange(0, 1000000);
    m_rpm->setSpecialValueText(tr("Unlimited"));
    m_rpm->setSuffix(tr(" requests/min"));
    m_budget = new QDoubleSpinBox(form);
    m_budget->setRange(0, 1e9);
    m_budget->setDecimals(2);
    m_budget->setPrefix(QStringLiteral("$ "));
    m_budget->setSpecialValueText(tr("Unlimited"));
    m_error = new QLabel(form);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto *formLayout = new QFormLayout(form);
    formLayout->addRow(tr("&Name:"), m_name);
    formLayout->addRow(tr("Allowed &models:"), m_allModels);
    formLayout->addRow(QString(), m_models);
    formLayout->addRow(tr("Expiry:"), expiryRow);
    formLayout->addRow(tr("&Rate limit:"), m_rpm);
    formLayout->addRow(tr("&Budget:"), m_budget);
    formLayout->addRow(QString(), m_error);
    auto *formButtons = new QDialogButtonBox(QDialogButtonBox::Cancel, form);
    m_createButton = formButtons->addButton(tr("Create key"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(QStringLiteral("create"));
    m_createButton->setDefault(true);
    connect(formButtons, &QDialogButtonBox::accepted, this, &KeyCreateDialog::create);
    connect(formButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    formLayout->addRow(formButtons);

    // Page 2: the key, once.
    auto *shown = new QWidget(this);
    auto *intro =
        new QLabel(tr("<b>Copy this key now.</b> Tollgate stores only its hash and cannot show it again."), shown);
    intro->setWordWrap(true);
    m_shownKey = new QLineEdit(shown);
    m_shownKey->setObjectName(QStringLiteral("shownKey"));
    m_shownKey->setReadOnly(true);
    m_shownKey->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("&Copy"), shown);
    copy->setObjectName(QStringLiteral("copyKey"));
    connect(copy, &QPushButton::clicked, this, [this] {
        SecretClipboard::copy(m_shownKey->text());
        m_copied->setText(tr("Copied to the clipboard (marked as secret for clipboard managers)."));
    });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_shownKey, 1);
    keyRow->addWidget(copy);
    m_copied = new QLabel(shown);
    m_copied->setObjectName(QStringLiteral("copied"));
    m_copied->setWordWrap(true);
    auto *done = new QDialogButtonBox(QDialogButtonBox::Close, shown);
    connect(done, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto *shownLayout = new QVBoxLayout(shown);
    shownLayout->addWidget(intro);
    shownLayout->addLayout(keyRow);
    shownLayout->addWidget(m_copied);
    shownLayout->addStretch();
    shownLayout->addWidget(done);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(form);
    m_pages->addWidget(shown);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    m_name->setFocus();
}

void KeyCreateDialog::create()
{
    KeyStore::NewKey spec;
    spec.name = m_name->text().trimmed();
    auto fail = [this](const QString &text) {
        m_error->setText(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
        m_error->show();
    };
    if (spec.name.isEmpty())
        return fail(tr("A key needs a name, so you can tell keys apart in the logs."));
    if (!m_allModels->isChecked()) {
        for (int i = 0; i < m_models->count(); ++i) {
            if (m_models->item(i)->checkState() == Qt::Checked)
                spec.models << m_models->item(i)->text();
        }
        if (spec.models.isEmpty())
            return fail(tr("Tick at least one model, or allow all models."));
    }
    if (m_expires->isChecked())
        spec.expiresAt = Clock::toIso(m_expiry->date().startOfDay(Qt::UTC));
    spec.rpm = m_rpm->value();
    spec.budgetUsd = m_budget->value();
    QString error;
    const QString secret = m_ctx.keys.create(spec, &error);
    if (secret.isEmpty())
        return fail(error);
    m_created = true;
    m_createdName = spec.name;
    m_shownKey->setText(secret);
    SecretClipboard::copy(secret);
    m_copied->setText(tr("Copied to the clipboard (marked as secret for clipboard managers)."));
    m_pages->setCurrentIndex(1);
    m_shownKey->setFocus();
    m_shownKey->selectAll();
}
