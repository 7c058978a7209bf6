#include "ui/WelcomePage.h"

#include "ui/SecretClipboard.h"
#include "ui/providers/ProviderPreset.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

WelcomePage::WelcomePage(const QString &gatewayUrl, const QString &firstKey, QWidget *parent)
    : QWidget(parent)
{
    auto *title = new QLabel(tr("<h2>Welcome to Tollgate</h2>"), this);
    auto *intro = new QLabel(
        tr("Tollgate is an OpenAI-compatible gateway on your computer. Point any OpenAI or Anthropic SDK, curl or tool "
           "at it; it forwards each request to the provider behind the model name, swaps in the provider's key, and "
           "records what happened and what it cost. A built-in <i>demo</i> provider answers offline, so you can try "
           "it before adding your own."),
        this);
    intro->setWordWrap(true);

    auto *gatewayBox = new QGroupBox(tr("Your gateway"), this);
    auto *urlLabel = new QLabel(tr("Base URL:"), gatewayBox);
    auto *url = new QLineEdit(gatewayUrl, gatewayBox);
    url->setObjectName(QStringLiteral("gatewayUrl"));
    url->setReadOnly(true);
    url->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *keyLabel = new QLabel(tr("First key:"), gatewayBox);
    m_key = new QLineEdit(firstKey, gatewayBox);
    m_key->setObjectName(QStringLiteral("firstKey"));
    m_key->setReadOnly(true);
    m_key->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("&Copy key"), gatewayBox);
    copy->setObjectName(QStringLiteral("copyFirstKey"));
    auto *copied = new QLabel(gatewayBox);
    copied->setWordWrap(true);
    connect(copy, &QPushButton::clicked, this, [this, copied] {
        SecretClipboard::copy(m_key->text());
        copied->setText(tr("Copied (marked as secret for clipboard managers)."));
    });
    auto *once = new QLabel(tr("This key is shown only on this page. Tollgate keeps just its hash; create more keys "
                               "on the Keys tab. Until you confirm below, Help ▸ Welcome page brings it back."),
                            gatewayBox);
    once->setWordWrap(true);
    m_confirm = new QCheckBox(tr("I have &saved this key somewhere safe"), gatewayBox);
    m_confirm->setObjectName(QStringLiteral("keySaved"));
    auto *grid = new QGridLayout(gatewayBox);
    grid->addWidget(urlLabel, 0, 0);
    grid->addWidget(url, 0, 1, 1, 2);
    grid->addWidget(keyLabel, 1, 0);
    grid->addWidget(m_key, 1, 1);
    grid->addWidget(copy, 1, 2);
    grid->addWidget(once, 2, 1, 1, 2);
    grid->addWidget(copied, 3, 1, 1, 2);
    grid->addWidget(m_confirm, 4, 1, 1, 2);
    if (firstKey.isEmpty()) {
        keyLabel->hide();
        m_key->hide();
        copy->hide();
        once->hide();
        m_confirm->hide();
    }

    auto *providerBox = new QGroupBox(tr("Add a provider"), this);
    m_presets = new QListWidget(providerBox);
    m_presets->setObjectName(QStringLiteral("presets"));
    const QList<ProviderPreset> presets = ProviderPreset::all();
    for (const ProviderPreset &p : presets) {
        auto *item =
            new QListWidgetItem(p.baseUrl.isEmpty() ? p.label : tr("%1 — %2").arg(p.label, p.baseUrl), m_presets);
        item->setData(Qt::UserRole, p.id);
    }
    m_presets->setCurrentRow(0);
    auto *add = new QPushButton(tr("&Add a provider…"), providerBox);
    add->setObjectName(QStringLiteral("addPreset"));
    auto chosen = [this] {
        if (QListWidgetItem *item = m_presets->currentItem())
            Q_EMIT presetChosen(ProviderPreset::byId(item->data(Qt::UserRole).toString()));
    };
    connect(add, &QPushButton::clicked, this, chosen);
    connect(m_presets, &QListWidget::itemActivated, this, chosen);
    auto *providerLayout = new QVBoxLayout(providerBox);
    providerLayout->addWidget(m_presets);
    providerLayout->addWidget(add, 0, Qt::AlignRight);

    auto *go = new QPushButton(tr("&Open the console"), this);
    go->setObjectName(QStringLiteral("continue"));
    go->setDefault(true);
    connect(go, &QPushButton::clicked, this, &WelcomePage::continueRequested);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addWidget(gatewayBox);
    column->addWidget(providerBox, 1);
    column->addWidget(go, 0, Qt::AlignRight);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 4);
    outer->addStretch(1);
}

QString WelcomePage::shownKey() const
{
    return m_key->text();
}

bool WelcomePage::keyConfirmed() const
{
    return m_confirm->isChecked();
}

void WelcomePage::forgetKey()
{
    m_key->clear();
    m_key->hide();
    m_confirm->hide();
}
