#include "ui/models/AliasDialog.h"

#include "core/storage/AliasStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "ui/ThemeTone.h"
#include "ui/models/JsonErrorText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QVBoxLayout>

namespace {

QDoubleSpinBox *priceBox(QWidget *parent, const QString &objectName)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(0, 100000);
    box->setDecimals(4);
    box->setPrefix(QStringLiteral("$ "));
    box->setSingleStep(0.05);
    return box;
}

} // namespace

QWidget *AliasDialog::buildChecklist()
{
    // Pre-flight: what must hold before clients can call the alias; Save waits for the blocking checks.
    m_checklist = new QLabel(this);
    m_checklist->setObjectName(QStringLiteral("checklist"));
    m_checklist->setTextFormat(Qt::RichText);
    m_checklist->setWordWrap(true);
    for (QObject *source :
         {static_cast<QObject *>(m_alias), static_cast<QObject *>(m_provider), static_cast<QObject *>(m_model)}) {
        if (auto *edit = qobject_cast<QLineEdit *>(source))
            connect(edit, &QLineEdit::textChanged, this, &AliasDialog::updateChecklist);
        else if (auto *box = qobject_cast<QComboBox *>(source))
            connect(box, &QComboBox::currentTextChanged, this, &AliasDialog::updateChecklist);
    }
    for (QDoubleSpinBox *price : {m_input, m_output, m_cached})
        connect(price, &QDoubleSpinBox::valueChanged, this, &AliasDialog::updateChecklist);
    return m_checklist;
}

AliasDialog::Checks AliasDialog::checks() const
{
    Checks c;
    const auto provider = m_ctx.providers.find(m_provider->currentData().toLongLong());
    c.providerActive = provider && provider->enabled && provider->status != QLatin1String("errored");
    const QString modelId = m_model->currentText().trimmed();
    if (provider && !modelId.isEmpty()) {
        const QList<ModelInfo> models = m_ctx.models.list(provider->id);
        for (const ModelInfo &m : models)
            c.modelOnline = c.modelOnline || (m.modelId == modelId && m.status == QLatin1String("online"));
    }
    c.nameGiven = !m_alias->text().trimmed().isEmpty();
    c.priced = m_input->value() > 0 || m_output->value() > 0;
    return c;
}

void AliasDialog::updateChecklist()
{
    const Checks c = checks();
    const QString okMark = ThemeTone::foreground(ThemeTone::Tone::Success, palette()).name();
    const QString badMark = ThemeTone::foreground(ThemeTone::Tone::Error, palette()).name();
    const QString warnMark = ThemeTone::foreground(ThemeTone::Tone::Warning, palette()).name();
    const auto line = [&](bool ok, const QString &text, bool blocking = true) {
        return QStringLiteral("<div><span style=\"color:%1\">%2</span> %3</div>")
            .arg(ok ? okMark : (blocking ? badMark : warnMark), ok ? QStringLiteral("✓") : QStringLiteral("✗"),
                 text.toHtmlEscaped());
    };
    QString html;
    html += line(c.providerActive, c.providerActive ? tr("Provider is active") : tr("Provider is disabled or errored"));
    html += line(c.modelOnline, c.modelOnline ? tr("Model is online at the provider")
                                              : tr("Model is not online at the provider (sync it first)"));
    html += line(c.nameGiven, c.nameGiven ? tr("Alias name set") : tr("Give the alias a name"));
    html += line(c.priced, c.priced ? tr("Pricing set") : tr("No pricing: requests will cost $0 in Usage"), false);
    m_checklist->setText(html);
    if (m_save)
        m_save->setEnabled(c.providerActive && c.modelOnline && c.nameGiven);
}

AliasDialog::AliasDialog(ConsoleContext &context, std::optional<Alias> existing, QWidget *parent)
    : QDialog(parent)
    , m_ctx(context)
    , m_existing(std::move(existing))
{
    setWindowTitle(m_existing ? tr("Edit alias %1").arg(m_existing->alias) : tr("Publish a model"));
    setMinimumWidth(480);
    m_alias = new QLineEdit(this);
    m_alias->setObjectName(QStringLiteral("alias"));
    m_alias->setPlaceholderText(tr("e.g. fast"));
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("provider"));
    const QList<Provider> providers = m_ctx.providers.list();
    for (const Provider &p : providers)
        m_provider->addItem(p.name, p.id);
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("model"));
    m_model->setEditable(true);
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("category"));
    m_category->addItem(tr("Chat"), QStringLiteral("chat"));
    m_category->addItem(tr("Embedding"), QStringLiteral("embedding"));
    m_category->addItem(tr("Audio"), QStringLiteral("audio"));
    m_category->addItem(tr("Image"), QStringLiteral("image"));
    m_category->addItem(tr("Other"), QStringLiteral("other"));
    m_input = priceBox(this, QStringLiteral("priceInput"));
    m_output = priceBox(this, QStringLiteral("priceOutput"));
    m_cached = priceBox(this, QStringLiteral("priceCached"));
    m_defaults = new QPlainTextEdit(this);
    m_defaults->setObjectName(QStringLiteral("defaults"));
    m_defaults->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_defaults->setPlaceholderText(QStringLiteral("{\"temperature\": 0.2, \"max_tokens\": 1024}"));
    m_defaults->setTabChangesFocus(true);
    m_defaults->setMaximumHeight(90);
    m_active = new QCheckBox(tr("Active (clients may call it)"), this);
    m_active->setObjectName(QStringLiteral("active"));
    m_active->setChecked(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Alias:"), m_alias);
    form->addRow(tr("&Provider:"), m_provider);
    form->addRow(tr("Upstream &model:"), m_model);
    form->addRow(tr("&Category:"), m_category);
    form->addRow(tr("&Input price (per 1M):"), m_input);
    form->addRow(tr("&Output price (per 1M):"), m_output);
    form->addRow(tr("Cac&hed input (per 1M):"), m_cached);
    form->addRow(tr("&Defaults (JSON):"), m_defaults);
    form->addRow(QString(), m_active);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &AliasDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &AliasDialog::fillModels);
    m_save = buttons->button(QDialogButtonBox::Save);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buildChecklist());
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    fillModels();
    if (m_existing) {
        const Alias &a = *m_existing;
        m_alias->setText(a.alias);
        m_provider->setCurrentIndex(qMax(0, m_provider->findData(a.providerId)));
        m_model->setCurrentText(a.modelId);
        m_category->setCurrentIndex(qMax(0, m_category->findData(a.category)));
        m_input->setValue(a.pricing.input);
        m_output->setValue(a.pricing.output);
        m_cached->setValue(a.pricing.cachedInput);
        if (!a.defaults.isEmpty())
            m_defaults->setPlainText(QString::fromUtf8(QJsonDocument(a.defaults).toJson(QJsonDocument::Compact)));
        m_active->setChecked(a.active);
    }
    if (providers.isEmpty()) {
        m_error->setText(tr("Add a provider first: an alias points at a provider's model."));
        m_error->show();
    }
    updateChecklist();
}

void AliasDialog::fillModels()
{
    const QString current = m_model->currentText();
    m_model->clear();
    const QList<ModelInfo> models = m_ctx.models.list(m_provider->currentData().toLongLong());
    for (const ModelInfo &m : models)
        m_model->addItem(m.status == QLatin1String("online") ? m.modelId : tr("%1 (offline)").arg(m.modelId),
                         m.modelId);
    m_model->setCurrentText(current);
}

void AliasDialog::setTarget(qint64 providerId, const QString &modelId, const QString &category)
{
    m_provider->setCurrentIndex(qMax(0, m_provider->findData(providerId)));
    const int index = m_model->findData(modelId);
    if (index >= 0)
        m_model->setCurrentIndex(index);
    else
        m_model->setCurrentText(modelId);
    m_category->setCurrentIndex(qMax(0, m_category->findData(category)));
    if (m_alias->text().isEmpty()) {
        // A bare model id is the friendliest default name; strip vendor prefixes like "models/".
        QString suggestion = modelId.section(QLatin1Char('/'), -1);
        m_alias->setText(suggestion);
    }
    m_alias->setFocus();
    m_alias->selectAll();
    updateChecklist();
}

void AliasDialog::save()
{
    m_error->hide();
    Alias a = m_existing ? *m_existing : Alias{};
    a.alias = m_alias->text().trimmed();
    a.providerId = m_provider->currentData().toLongLong();
    const int modelIndex = m_model->findText(m_model->currentText());
    a.modelId = modelIndex >= 0 && !m_model->itemData(modelIndex).toString().isEmpty()
                    ? m_model->itemData(modelIndex).toString()
                    : m_model->currentText().trimmed();
    a.category = m_category->currentData().toString();
    a.pricing.input = m_input->value();
    a.pricing.output = m_output->value();
    a.pricing.cachedInput = m_cached->value();
    a.active = m_active->isChecked();

    auto fail = [this](const QString &text) {
        m_error->setText(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
        m_error->show();
    };
    if (a.providerId <= 0)
        return fail(tr("Choose a provider."));
    const QString defaultsText = m_defaults->toPlainText().trimmed();
    a.defaults = {};
    if (!defaultsText.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(defaultsText.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            // Say what and where, and put the cursor there.
            const QByteArray utf8 = defaultsText.toUtf8();
            const auto where = JsonErrorText::positionOf(utf8, parseError.offset);
            QTextCursor cursor = m_defaults->textCursor();
            cursor.setPosition(qMin(where.characterOffset, int(m_defaults->toPlainText().size())));
            m_defaults->setTextCursor(cursor);
            m_defaults->setFocus();
            return fail(tr("Defaults: %1").arg(JsonErrorText::describe(utf8, parseError)));
        }
        if (!doc.isObject())
            return fail(tr("Defaults must be a JSON object, e.g. {\"temperature\": 0.2}."));
        a.defaults = doc.object();
    }
    QString error;
    const bool ok = a.id > 0 ? m_ctx.aliases.update(a, &error) : m_ctx.aliases.create(a, &error);
    if (!ok)
        return fail(error);
    m_saved = a;
    accept();
}
