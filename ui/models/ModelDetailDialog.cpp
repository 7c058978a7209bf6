#include "ui/models/ModelDetailDialog.h"

#include "core/playground/PlaygroundEndpoint.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/time/Clock.h"
#include "ui/keys/SnippetBuilder.h"
#include "ui/logs/LogsTab.h"
#include "ui/playground/PlaygroundTab.h"
#include "ui/usage/UsageFormat.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

ModelDetailDialog::ModelDetailDialog(ConsoleContext &context, const QString &model, const QString &category,
                                     QWidget *parent)
    : QDialog(parent)
    , m_ctx(context)
    , m_model(model)
    , m_category(category.isEmpty() ? QStringLiteral("chat") : category)
{
    setWindowTitle(tr("Model %1").arg(model));
    resize(900, 640);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));

    // Overview: the numbers, then how to call it.
    auto *overview = new QWidget(m_tabs);
    m_window = new QComboBox(overview);
    m_window->setObjectName(QStringLiteral("window"));
    m_window->addItem(tr("Last 24 hours"), 1);
    m_window->addItem(tr("Last 7 days"), 7);
    m_window->addItem(tr("Last 30 days"), 30);
    m_window->setCurrentIndex(1);
    m_overview = new QLabel(overview);
    m_overview->setObjectName(QStringLiteral("overview"));
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_overview->setWordWrap(true);
    m_overview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *snippetTabs = new QTabWidget(overview);
    const QString base = SnippetBuilder::gatewayBaseUrl(m_ctx.gatewayAddress());
    const QString texts[3] = {SnippetBuilder::curl(base, m_model, m_category),
                              SnippetBuilder::python(base, m_model, m_category),
                              SnippetBuilder::javascript(base, m_model, m_category)};
    const QString labels[3] = {tr("curl"), tr("Python"), tr("JavaScript")};
    for (int i = 0; i < 3; ++i) {
        m_snippets[i] = new QPlainTextEdit(texts[i], snippetTabs);
        m_snippets[i]->setReadOnly(true);
        m_snippets[i]->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_snippets[i]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        snippetTabs->addTab(m_snippets[i], labels[i]);
    }
    auto *copy = new QPushButton(tr("&Copy snippet"), overview);
    copy->setObjectName(QStringLiteral("copySnippet"));
    connect(copy, &QPushButton::clicked, this,
            [this, snippetTabs] { QApplication::clipboard()->setText(snippet(snippetTabs->currentIndex())); });
    auto *play = new QPushButton(tr("Open in the Playground &tab"), overview);
    connect(play, &QPushButton::clicked, this, [this] { Q_EMIT openInPlaygroundRequested(m_model); });
    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(new QLabel(tr("Over the"), overview));
    windowRow->addWidget(m_window);
    windowRow->addStretch();
    auto *snippetButtons = new QHBoxLayout;
    snippetButtons->addStretch();
    snippetButtons->addWidget(play);
    snippetButtons->addWidget(copy);
    auto *overviewLayout = new QVBoxLayout(overview);
    overviewLayout->addLayout(windowRow);
    overviewLayout->addWidget(m_overview);
    overviewLayout->addWidget(new QLabel(tr("<b>Call it</b>"), overview));
    overviewLayout->addWidget(snippetTabs, 1);
    overviewLayout->addLayout(snippetButtons);
    m_tabs->addTab(overview, tr("&Overview"));

    // Playground: one column bound to this model (its defaults apply at the gateway).
    m_playground = new PlaygroundTab(m_ctx, m_tabs);
    m_playground->setGatewayUrl(PlaygroundEndpoint::baseUrlFor(m_ctx.gatewayAddress()));
    m_playground->openModel(m_model);
    m_tabs->addTab(m_playground, tr("&Playground"));

    // Logs: the Logs tab, narrowed to this model.
    m_logs = new LogsTab(m_ctx, m_tabs);
    if (auto *filter = m_logs->findChild<QComboBox *>(QStringLiteral("modelFilter")))
        filter->setCurrentText(m_model);
    m_logs->applyFilters();
    connect(m_logs, &LogsTab::openInPlaygroundRequested, this, &ModelDetailDialog::openInPlaygroundRequested);
    m_tabs->addTab(m_logs, tr("&Logs"));

    // Configure: aliases are edited in place (the alias dialog); discovered models are published first.
    auto *configure = new QWidget(m_tabs);
    auto *configureLayout = new QVBoxLayout(configure);
    const auto alias = m_ctx.aliases.find(m_model);
    auto *configureText = new QLabel(configure);
    configureText->setWordWrap(true);
    auto *edit = new QPushButton(alias ? tr("&Edit alias…") : tr("&Publish as alias…"), configure);
    edit->setObjectName(QStringLiteral("editAlias"));
    configureText->setText(alias ? tr("Display name, status, pricing and defaults apply at once; no restart.")
                                 : tr("This is a discovered model. Publish it as an alias to give it a short name, "
                                      "pricing and defaults."));
    connect(edit, &QPushButton::clicked, this, [this] { Q_EMIT editAliasRequested(m_model); });
    configureLayout->addWidget(configureText);
    configureLayout->addWidget(edit, 0, Qt::AlignLeft);
    configureLayout->addStretch();
    m_tabs->insertTab(2, configure, tr("Con&figure"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    connect(m_window, &QComboBox::currentIndexChanged, this, &ModelDetailDialog::refreshOverview);
    refreshOverview();
}

void ModelDetailDialog::refreshOverview()
{
    const qint64 since = Clock::nowMs() - qint64(m_window->currentData().toInt()) * 24 * 3600 * 1000;
    QString error;
    m_stats = ModelStats::load(m_ctx.db.connection(), m_model, since, &error);
    const QLocale locale;
    const QString row = QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>");
    QString html = QStringLiteral("<table cellspacing=\"4\">");
    const auto add = [&](const QString &label, const QString &value) {
        html += row.arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    if (!error.isEmpty())
        add(tr("Error"), error);
    add(tr("Calls"), locale.toString(m_stats.calls));
    add(tr("Error rate"),
        tr("%1 % (%2 failed)")
            .arg(locale.toString(100 * m_stats.errorRate(), 'f', 1), locale.toString(m_stats.errors)));
    add(tr("Latency"),
        tr("p50 %1 ms · p95 %2 ms")
            .arg(locale.toString(m_stats.p50LatencyMs, 'f', 0), locale.toString(m_stats.p95LatencyMs, 'f', 0)));
    add(tr("Time to first byte"), tr("%1 ms on average").arg(locale.toString(m_stats.avgTtfbMs, 'f', 0)));
    add(tr("Tokens"), tr("%1 prompt + %2 completion")
                          .arg(locale.toString(m_stats.promptTokens), locale.toString(m_stats.completionTokens)));
    add(tr("Spend"), UsageFormat::usd(m_stats.costUsd, locale));
    if (const auto alias = m_ctx.aliases.find(m_model)) {
        add(tr("Status"), alias->active ? tr("active") : tr("inactive"));
        add(tr("Target"), tr("%1 at %2").arg(alias->modelId, alias->providerName));
        add(tr("Defaults"), alias->defaults.isEmpty()
                                ? tr("none")
                                : QString::fromUtf8(QJsonDocument(alias->defaults).toJson(QJsonDocument::Compact)));
        add(tr("Created"), alias->createdAt);
    }
    html += QStringLiteral("</table>");
    m_overview->setText(html);
}

QString ModelDetailDialog::overviewText() const
{
    return m_overview->text();
}

QString ModelDetailDialog::snippet(int index) const
{
    return index >= 0 && index < 3 ? m_snippets[index]->toPlainText() : QString();
}
