#include "ui/providers/ProviderDialog.h"

#include "core/providers/ProviderDriver.h"
#include "core/providers/ProviderDrivers.h"
#include "core/providers/SyncService.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/ProviderStore.h"
#include "ui/providers/DurationSpinBox.h"
#include "ui/providers/ProviderPreset.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace {

QLabel *makeNote(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

void showNote(QLabel *label, const QString &text, bool isError)
{
    // Error text in bold instead of a fixed red that can vanish on dark themes.
    label->setText(isError ? QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()) : text.toHtmlEscaped());
    label->setVisible(!text.isEmpty());
}

bool isEnvRef(const QString &text)
{
    return text.startsWith(QLatin1String("env:"));
}

} // namespace

ProviderDialog::ProviderDialog(ConsoleContext &context, std::optional<Provider> existing, QWidget *parent)
    : QDialog(parent)
    , m_ctx(context)
    , m_existing(std::move(existing))
{
    setWindowTitle(m_existing ? tr("Edit provider %1").arg(m_existing->name) : tr("Add a provider"));
    setMinimumWidth(520);

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    const QStringList kinds = ProviderDrivers::kinds();
    for (const QString &kind : kinds) {
        const ProviderDriver *driver = ProviderDrivers::forKind(kind);
        m_kind->addItem(driver ? driver->displayName() : kind, kind);
    }
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. openai-production"));
    m_nameError = makeNote(this, QStringLiteral("nameError"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("baseUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://api.openai.com/v1"));
    m_urlHint = makeNote(this, QStringLiteral("urlHint"));

    m_key = new QLineEdit(this);
    m_key->setObjectName(QStringLiteral("apiKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_reveal = new QPushButton(tr("Reveal"), this);
    m_reveal->setObjectName(QStringLiteral("reveal"));
    m_reveal->setCheckable(true);
    m_reveal->setToolTip(tr("Show the key while you type it"));
    connect(m_reveal, &QPushButton::toggled, this, [this](bool on) {
        m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
        m_reveal->setText(on ? tr("Hide") : tr("Reveal"));
    });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_reveal);
    m_keyNote = makeNote(this, QStringLiteral("keyNote"));

    m_interval = new DurationSpinBox(this);
    m_interval->setObjectName(QStringLiteral("syncInterval"));
    m_interval->setRange(0, 86400);
    m_interval->setValue(30);
    m_interval->setSpecialValueText(tr("Never (only \"Sync now\")"));
    m_exposeAll = new QCheckBox(tr("Expose every discovered model as provider/model"), this);
    m_exposeAll->setObjectName(QStringLiteral("exposeAll"));
    m_exposeAll->setChecked(true);
    m_enabled = new QCheckBox(tr("Enabled"), this);
    m_enabled->setObjectName(QStringLiteral("enabled"));
    m_enabled->setChecked(true);

    m_apiVersion = new QLineEdit(this);
    m_apiVersion->setObjectName(QStringLiteral("apiVersion"));
    m_apiVersion->setPlaceholderText(QStringLiteral("2024-10-21"));
    m_apiVersionLabel = new QLabel(tr("API &version:"), this);
    m_apiVersionLabel->setBuddy(m_apiVersion);

    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_testSpinner = new QProgressBar(this);
    m_testSpinner->setObjectName(QStringLiteral("testSpinner"));
    m_testSpinner->setRange(0, 0); // busy indicator
    m_testSpinner->setMaximumWidth(90);
    m_testSpinner->setTextVisible(false);
    m_testSpinner->hide();
    m_testTimer = new QTimer(this);
    m_testTimer->setSingleShot(true);
    connect(m_testTimer, &QTimer::timeout, this, [this] {
        cancelTest(tr("No answer within %1 s. Check the base URL and that the server is running.")
                       .arg(m_testTimeoutMs / 1000));
    });
    m_testResult = makeNote(this, QStringLiteral("testResult"));
    m_error = makeNote(this, QStringLiteral("error"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameError);
    form->addRow(tr("Base &URL:"), m_url);
    form->addRow(QString(), m_urlHint);
    // Alt+Y: Alt+K belongs to Kind.
    auto *keyLabel = new QLabel(tr("API ke&y:"), this);
    keyLabel->setBuddy(m_key);
    form->addRow(keyLabel, keyRow);
    form->addRow(QString(), m_keyNote);
    form->addRow(m_apiVersionLabel, m_apiVersion);
    form->addRow(tr("&Sync every:"), m_interval);
    form->addRow(QString(), m_exposeAll);
    form->addRow(QString(), m_enabled);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testSpinner);
    testRow->addStretch();
    form->addRow(QString(), testRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProviderDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, [this] {
        if (m_testing)
            cancelTest(tr("Test cancelled."));
        else
            testConnection();
    });
    // An env: reference is a name, not a secret: shown as typed. Literal keys stay masked.
    connect(m_key, &QLineEdit::textChanged, this, &ProviderDialog::updateKeyEcho);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProviderDialog::updateKindFields);
    connect(m_url, &QLineEdit::textChanged, this, &ProviderDialog::updateHint);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProviderDialog::updateHint);
    connect(m_name, &QLineEdit::textChanged, this, [this] { m_nameError->hide(); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    // Outside the form, a wrapped result gets all the lines it needs (a form row cut it at 1.5).
    layout->addWidget(m_testResult);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    setTabOrder(m_kind, m_name);
    setTabOrder(m_name, m_url);
    setTabOrder(m_url, m_key);
    setTabOrder(m_key, m_reveal);
    setTabOrder(m_reveal, m_interval);
    setTabOrder(m_interval, m_exposeAll);
    setTabOrder(m_exposeAll, m_enabled);
    setTabOrder(m_enabled, m_test);

    if (m_existing) {
        const Provider &p = *m_existing;
        m_saved = p;
        m_kind->setCurrentIndex(qMax(0, m_kind->findData(p.kind)));
        m_name->setText(p.name);
        m_url->setText(p.baseUrl);
        m_interval->setValue(p.syncIntervalSec);
        m_exposeAll->setChecked(p.exposeAll);
        m_enabled->setChecked(p.enabled);
        m_apiVersion->setText(p.options.value(QLatin1String("api_version")).toString());
        if (isEnvRef(p.keyRef)) {
            // A reference names a variable; it is not itself secret.
            m_key->setText(p.keyRef);
        } else if (p.keyRef == QLatin1String("keychain")) {
            m_key->setPlaceholderText(tr("Stored in the keychain; type a new key to replace it"));
        } else {
            m_key->setPlaceholderText(tr("No key; type one or env:NAME"));
        }
        m_name->setFocus();
    } else {
        m_key->setPlaceholderText(tr("Paste the key, or env:NAME to read an environment variable"));
        m_kind->setFocus();
    }
    updateHint();
    updateKindFields();
}

void ProviderDialog::applyPreset(const ProviderPreset &preset)
{
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(preset.kind)));
    if (m_name->text().isEmpty() || !m_existing)
        m_name->setText(preset.name);
    m_url->setText(preset.baseUrl);
    if (preset.local)
        m_key->setPlaceholderText(tr("Usually not needed for a local server"));
    if (preset.kind == QLatin1String("azure"))
        m_url->setPlaceholderText(QStringLiteral("https://RESOURCE.openai.azure.com/openai"));
    (preset.baseUrl.isEmpty() ? m_url : m_key)->setFocus();
    updateHint();
}

Provider ProviderDialog::currentProvider() const
{
    Provider p = m_existing ? *m_existing : Provider{};
    if (m_saved.id > 0)
        p.id = m_saved.id;
    p.kind = m_kind->currentData().toString();
    p.name = m_name->text().trimmed();
    p.baseUrl = m_url->text().trimmed();
    while (p.baseUrl.endsWith(QLatin1Char('/')))
        p.baseUrl.chop(1);
    p.syncIntervalSec = m_interval->value();
    p.exposeAll = m_exposeAll->isChecked();
    p.enabled = m_enabled->isChecked();
    if (p.kind == QLatin1String("azure") && !m_apiVersion->text().trimmed().isEmpty())
        p.options.insert(QStringLiteral("api_version"), m_apiVersion->text().trimmed());
    else
        p.options.remove(QStringLiteral("api_version"));
    return p;
}

void ProviderDialog::updateHint()
{
    const ProviderDriver *driver = ProviderDrivers::forKind(m_kind->currentData().toString());
    const QString url = m_url->text().trimmed();
    QString hint;
    if (driver && !url.isEmpty())
        hint = driver->urlHint(url);
    if (driver && url.isEmpty() && !driver->defaultBaseUrl().isEmpty())
        m_url->setPlaceholderText(driver->defaultBaseUrl());
    showNote(m_urlHint, hint, false);
}

bool ProviderDialog::validate()
{
    bool ok = true;
    const Provider p = currentProvider();
    if (p.name.isEmpty()) {
        showNote(m_nameError, tr("A provider needs a name."), true);
        ok = false;
    } else if (!ProviderStore::isValidName(p.name)) {
        showNote(m_nameError,
                 tr("Use letters, digits, '.', '_' and '-' (at most 64), starting with a letter or digit."), true);
        ok = false;
    }
    const QUrl url(p.baseUrl, QUrl::StrictMode);
    if (p.baseUrl.isEmpty() || !url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        showNote(m_urlHint,
                 tr("Enter an http:// or https:// URL including the API version path, e.g. https://api.openai.com/v1."),
                 true);
        ok = false;
    }
    const QString key = m_key->text().trimmed();
    static const QRegularExpression envRe(QStringLiteral("^env:[A-Za-z_][A-Za-z0-9_]*$"));
    if (isEnvRef(key) && !envRe.match(key).hasMatch()) {
        showNote(m_keyNote, tr("An environment reference looks like env:OPENAI_API_KEY."), true);
        ok = false;
    } else if (!key.isEmpty() && !isEnvRef(key) && !m_ctx.providerKeys) {
        showNote(m_keyNote,
                 tr("No keychain is available. Enter env:NAME to read the key from an environment variable."), true);
        ok = false;
    } else {
        const ProviderDriver *driver = ProviderDrivers::forKind(p.kind);
        const bool hasStoredKey = m_existing && !m_existing->keyRef.isEmpty();
        if (driver && driver->needsKey() && key.isEmpty() && !hasStoredKey) {
            showNote(m_keyNote, tr("This kind of provider needs an API key (or env:NAME)."), true);
            ok = false;
        } else {
            m_keyNote->hide();
        }
    }
    return ok;
}

void ProviderDialog::setBusy(bool busy, const QString &text)
{
    // Save waits for the test; Cancel (and stopping the test) always works.
    m_testing = busy;
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    m_test->setText(busy ? tr("S&top test") : tr("&Test connection"));
    m_testSpinner->setVisible(busy);
    if (busy)
        m_testTimer->start(m_testTimeoutMs);
    else
        m_testTimer->stop();
    if (!text.isEmpty())
        showNote(m_testResult, text, false);
}

void ProviderDialog::cancelTest(const QString &reason)
{
    if (!m_testing)
        return;
    ++m_testGeneration; // the probe's late answer is ignored
    setBusy(false);
    showNote(m_testResult, reason, true);
    Q_EMIT probeFinished(false, reason);
}

void ProviderDialog::updateKeyEcho()
{
    if (m_reveal->isChecked())
        return;
    m_key->setEchoMode(isEnvRef(m_key->text()) ? QLineEdit::Normal : QLineEdit::Password);
}

void ProviderDialog::updateKindFields()
{
    const bool azure = m_kind->currentData().toString() == QLatin1String("azure");
    m_apiVersion->setVisible(azure);
    m_apiVersionLabel->setVisible(azure);
}

void ProviderDialog::save()
{
    m_error->hide();
    if (!validate())
        return;
    Provider p = currentProvider();
    const QString typed = m_key->text().trimmed();
    const bool typedSecret = !typed.isEmpty() && !isEnvRef(typed);
    if (isEnvRef(typed))
        p.keyRef = typed;
    else if (typedSecret)
        p.keyRef = m_saved.keyRef == QLatin1String("keychain") ? m_saved.keyRef : QString(); // set once stored
    else if (!m_existing && m_saved.id == 0)
        p.keyRef.clear();
    else if (isEnvRef(m_saved.keyRef))
        p.keyRef.clear(); // the user erased the reference

    QString error;
    const bool created = p.id == 0;
    if (created ? !m_ctx.providers.create(p, &error) : !m_ctx.providers.update(p, &error)) {
        showNote(m_error, error, true);
        return;
    }
    m_saved = p;
    if (!typedSecret) {
        finish();
        return;
    }
    setBusy(true, tr("Storing the key in the keychain…"));
    m_ctx.providerKeys->saveKey(p.id, typed, this, [this](bool ok, const QString &keyError) {
        setBusy(false);
        m_testResult->hide();
        if (!ok) {
            // The provider row exists now; further saves edit it.
            m_existing = m_saved;
            showNote(m_error,
                     tr("The key could not be stored in the keychain: %1 Enter env:NAME to read it from an "
                        "environment variable instead.")
                         .arg(keyError),
                     true);
            return;
        }
        m_key->clear();
        if (m_saved.keyRef != QLatin1String("keychain")) {
            m_saved.keyRef = QStringLiteral("keychain");
            QString updateError;
            if (!m_ctx.providers.update(m_saved, &updateError)) {
                showNote(m_error, updateError, true);
                return;
            }
        }
        finish();
    });
}

void ProviderDialog::finish()
{
    if (m_ctx.sync && m_saved.enabled)
        m_ctx.sync->syncNow(m_saved.id);
    accept();
}

void ProviderDialog::resolveKey(const Provider &provider,
                                std::function<void(std::optional<QString>, const QString &)> done)
{
    const QString typed = m_key->text().trimmed();
    if (isEnvRef(typed)) {
        const QString name = typed.mid(4);
        if (!qEnvironmentVariableIsSet(name.toLocal8Bit().constData())) {
            done(std::nullopt, tr("The environment variable %1 is not set.").arg(name));
            return;
        }
        done(qEnvironmentVariable(name.toLocal8Bit().constData()), QString());
        return;
    }
    if (!typed.isEmpty()) {
        done(typed, QString());
        return;
    }
    if (m_existing && !m_existing->keyRef.isEmpty() && m_ctx.providerKeys) {
        m_ctx.providerKeys->fetch(*m_existing, this, std::move(done));
        return;
    }
    done(QString(), QString()); // no key: fine for local servers
}

void ProviderDialog::testConnection()
{
    m_testResult->hide();
    if (!m_ctx.sync) {
        showNote(m_testResult, tr("Model discovery is not available in this session."), true);
        return;
    }
    const Provider p = currentProvider();
    const QUrl url(p.baseUrl);
    if (!url.isValid() || url.host().isEmpty()) {
        showNote(m_urlHint, tr("Enter a base URL first."), true);
        return;
    }
    setBusy(true, tr("Connecting to %1…").arg(p.baseUrl));
    const quint64 generation = ++m_testGeneration;
    resolveKey(p, [this, p, generation](std::optional<QString> key, const QString &keyError) {
        if (generation != m_testGeneration)
            return; // cancelled or timed out meanwhile
        if (!key) {
            setBusy(false);
            showNote(m_testResult, keyError, true);
            Q_EMIT probeFinished(false, keyError);
            return;
        }
        m_ctx.sync->probe(p, *key, this,
                          [this, generation](bool ok, const QString &message, const QStringList &models) {
                              if (generation != m_testGeneration)
                                  return;
                              setBusy(false);
                              QString text;
                              if (ok) {
                                  QStringList sample = models.mid(0, 5);
                                  text = tr("Connected: %n model(s) found.", nullptr, int(models.size()));
                                  if (!sample.isEmpty())
                                      text += QLatin1Char(' ') + sample.join(QLatin1String(", "))
                                              + (models.size() > sample.size() ? QStringLiteral(", …") : QString());
                              } else {
                                  text = tr("Connection failed: %1").arg(message);
                              }
                              showNote(m_testResult, text, !ok);
                              Q_EMIT probeFinished(ok, text);
                          });
    });
}
