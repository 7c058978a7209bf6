#include "ui/playground/PlaygroundTab.h"

#include "core/net/HttpClient.h"
#include "core/playground/ChatStreamClient.h"
#include "core/playground/ComparisonExport.h"
#include "core/playground/PlaygroundEndpoint.h"
#include "core/playground/PlaygroundSession.h"
#include "core/providers/SyncService.h"
#include "core/storage/AliasStore.h"
#include "core/storage/ComparisonStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"
#include "ui/ThemeTone.h"
#include "ui/playground/PlaygroundColumn.h"
#include "ui/playground/PlaygroundModels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcPlaygroundUi, "tollgate.ui.playground")

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr PlaygroundSession::Metric kMetrics[] = {
    PlaygroundSession::Metric::FirstToken, PlaygroundSession::Metric::Total, PlaygroundSession::Metric::OutputTokens,
    PlaygroundSession::Metric::TokensPerSecond, PlaygroundSession::Metric::Cost};

} // namespace

PlaygroundTab::PlaygroundTab(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ctx(context)
{
    m_http = new HttpClient(this);
    m_modelsTimer = new QTimer(this);
    m_modelsTimer->setSingleShot(true);
    m_modelsTimer->setInterval(100);
    connect(m_modelsTimer, &QTimer::timeout, this, &PlaygroundTab::loadModels);
    m_client = new ChatStreamClient(*m_http, this);
    m_session = new PlaygroundSession(*m_client, this);
    m_store = new ComparisonStore(m_ctx.db, this);
    m_gatewayUrl = PlaygroundEndpoint::baseUrlFor(m_ctx.settings.listenAddress());
    m_session->setPricing([this](const QString &model) {
        const auto alias = m_ctx.aliases.find(model);
        return alias ? alias->pricing : Pricing();
    });

    buildUi();

    m_ticker = new QTimer(this);
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, this, &PlaygroundTab::refreshMetrics);
    m_renderer = new QTimer(this);
    m_renderer->setSingleShot(true);
    m_renderer->setInterval(30);
    connect(m_renderer, &QTimer::timeout, this, [this] {
        const QList<int> dirty = std::exchange(m_dirty, {});
        for (int i : dirty)
            refreshColumn(i);
    });

    connect(m_session, &PlaygroundSession::columnsChanged, this, &PlaygroundTab::rebuildColumns);
    connect(m_session, &PlaygroundSession::columnStarted, this, [this](int i) {
        refreshColumn(i);
        refreshControls();
        m_ticker->start();
    });
    connect(m_session, &PlaygroundSession::columnText, this, [this](int i) {
        if (!m_dirty.contains(i))
            m_dirty.append(i);
        if (!m_renderer->isActive())
            m_renderer->start();
    });
    connect(m_session, &PlaygroundSession::columnMetrics, this, [this](int i) {
        if (PlaygroundColumn *c = column(i))
            c->showMetrics(m_session->metrics(i), m_session->isRunning(i));
    });
    connect(m_session, &PlaygroundSession::columnFinished, this, [this](int i) {
        m_dirty.removeAll(i);
        refreshColumn(i);
    });
    connect(m_session, &PlaygroundSession::runFinished, this, [this] {
        m_ticker->stop();
        refreshMetrics();
        refreshControls();
    });
    connect(m_store, &ComparisonStore::changed, this, &PlaygroundTab::reloadSaved);
    // Every change to what the gateway offers: publish, discovery, a provider edited or synced.
    connect(&m_ctx.aliases, &AliasStore::changed, this, &PlaygroundTab::refreshModels);
    connect(&m_ctx.models, &ModelStore::changed, this, &PlaygroundTab::refreshModels);
    connect(&m_ctx.providers, &ProviderStore::changed, this, &PlaygroundTab::refreshModels);
    if (m_ctx.sync)
        connect(m_ctx.sync, &SyncService::syncFinished, this, &PlaygroundTab::refreshModels);

    QStringList initial;
    const QList<Alias> aliases = m_ctx.aliases.list();
    for (const Alias &a : aliases) {
        if (a.active && a.category == QLatin1String("chat")) // an embedding model cannot chat
            initial << a.alias;
    }
    setModelChoices(initial);
    m_session->reset(initial.isEmpty() ? QString() : initial.constFirst());
    reloadSaved();
    refreshControls();
    refreshModels(); // the full list (provider models too) once the event loop runs
}

PlaygroundTab::~PlaygroundTab()
{
    // Children die in creation order, but the session cancels through the
    // client and the client aborts through the HTTP client: end them in reverse.
    delete m_session;
    m_session = nullptr;
    delete m_client;
    m_client = nullptr;
    delete m_http;
    m_http = nullptr;
}

void PlaygroundTab::buildUi()
{
    // Left: saved comparisons.
    m_saved = new QListWidget(this);
    m_saved->setAlternatingRowColors(true);
    m_openSaved = new QPushButton(tr("&Open"), this);
    m_rerunSaved = new QPushButton(tr("&Re-run"), this);
    m_rerunSaved->setToolTip(tr("Open and send the saved prompts again to today's models"));
    m_deleteSaved = new QPushButton(tr("&Delete"), this);
    auto *savedButtons = new QHBoxLayout;
    savedButtons->addWidget(m_openSaved);
    savedButtons->addWidget(m_rerunSaved);
    savedButtons->addWidget(m_deleteSaved);
    auto *savedBox = new QGroupBox(tr("Saved comparisons"), this);
    auto *savedLayout = new QVBoxLayout(savedBox);
    savedLayout->addWidget(m_saved, 1);
    savedLayout->addLayout(savedButtons);

    // Top: toolbar and the shared prompt.
    m_new = new QPushButton(tr("&New"), this);
    m_new->setToolTip(tr("Start a new comparison with the same models"));
    m_save = new QPushButton(tr("&Save"), this);
    m_export = new QToolButton(this);
    m_export->setText(tr("E&xport"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("As &Markdown…"), this, [this] { exportInteractive(ExportFormat::Markdown); });
    exportMenu->addAction(tr("As &JSON…"), this, [this] { exportInteractive(ExportFormat::Json); });
    m_export->setMenu(exportMenu);
    m_same = new QCheckBox(tr("Same &parameters for all"), this);
    m_same->setChecked(true);
    m_addColumn = new QPushButton(tr("&Add model"), this);
    m_notice = new QLabel(this);
    m_notice->setStyleSheet(ThemeTone::labelStyle(ThemeTone::Tone::Error, palette()));
    m_notice->setWordWrap(true);
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_new);
    toolbar->addWidget(m_save);
    toolbar->addWidget(m_export);
    toolbar->addWidget(m_notice, 1);
    toolbar->addWidget(m_same);
    toolbar->addWidget(m_addColumn);

    m_system = new QPlainTextEdit(this);
    m_system->setPlaceholderText(tr("System prompt (optional)"));
    m_system->setMaximumHeight(64);
    m_system->setTabChangesFocus(true);
    m_history = new QTableWidget(0, 2, this);
    m_history->setHorizontalHeaderLabels({tr("Role"), tr("Message")});
    m_history->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_history->verticalHeader()->hide();
    m_history->setMaximumHeight(110);
    auto *addTurn = new QPushButton(tr("Add turn"), this);
    auto *removeTurn = new QPushButton(tr("Remove turn"), this);
    m_historyToggle = new QCheckBox(tr("Earlier &turns every model sees"), this);
    auto *historyBox = new QWidget(this);
    auto *historyLayout = new QHBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_history, 1);
    auto *turnButtons = new QVBoxLayout;
    turnButtons->addWidget(addTurn);
    turnButtons->addWidget(removeTurn);
    turnButtons->addStretch();
    historyLayout->addLayout(turnButtons);
    historyBox->setVisible(false);
    connect(m_historyToggle, &QCheckBox::toggled, historyBox, &QWidget::setVisible);
    connect(addTurn, &QPushButton::clicked, this, [this] {
        const int row = m_history->rowCount();
        m_history->insertRow(row);
        m_history->setItem(row, 0,
                           new QTableWidgetItem(row % 2 == 0 ? QStringLiteral("user") : QStringLiteral("assistant")));
        m_history->setItem(row, 1, new QTableWidgetItem);
        m_history->editItem(m_history->item(row, 1));
    });
    connect(removeTurn, &QPushButton::clicked, this, [this] {
        if (m_history->currentRow() >= 0)
            m_history->removeRow(m_history->currentRow());
    });

    // Middle: the columns, side by side, scrolling sideways when narrow.
    auto *columnsHost = new QWidget(this);
    m_columnsLayout = new QHBoxLayout(columnsHost);
    m_columnsLayout->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(columnsHost);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    // Bottom: the message and the run controls.
    m_message = new QPlainTextEdit(this);
    m_message->setPlaceholderText(tr("Message to every model (Ctrl+Enter sends)"));
    m_message->setMaximumHeight(80);
    m_message->setTabChangesFocus(true);
    m_run = new QPushButton(tr("&Run"), this);
    m_run->setDefault(true);
    m_stopAll = new QPushButton(tr("S&top all"), this);
    auto *runButtons = new QVBoxLayout;
    runButtons->addWidget(m_run);
    runButtons->addWidget(m_stopAll);
    runButtons->addStretch();
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 1);
    bottom->addLayout(runButtons);

    auto *main = new QWidget(this);
    auto *mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    mainLayout->addLayout(toolbar);
    mainLayout->addWidget(m_system);
    mainLayout->addWidget(m_historyToggle);
    mainLayout->addWidget(historyBox);
    mainLayout->addWidget(scroll, 1);
    mainLayout->addLayout(bottom);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(savedBox);
    splitter->addWidget(main);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 1000});
    splitter->setCollapsible(1, false);
    // The saved list folds away (a toolbar toggle), so three columns fit the default window.
    m_savedBox = savedBox;
    m_savedToggle = new QToolButton(this);
    m_savedToggle->setObjectName(QStringLiteral("savedToggle"));
    m_savedToggle->setCheckable(true);
    m_savedToggle->setText(tr("Sa&ved…"));
    m_savedToggle->setToolTip(tr("Show or hide the saved comparisons"));
    const bool savedShown = QSettings().value(QStringLiteral("playground/savedShown"), false).toBool();
    m_savedToggle->setChecked(savedShown);
    savedBox->setVisible(savedShown);
    connect(m_savedToggle, &QToolButton::toggled, this, [savedBox](bool shown) {
        savedBox->setVisible(shown);
        QSettings().setValue(QStringLiteral("playground/savedShown"), shown);
    });
    toolbar->insertWidget(0, m_savedToggle);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_run, &QPushButton::clicked, this, &PlaygroundTab::send);
    for (const QKeySequence &seq : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(seq, m_message);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &PlaygroundTab::send);
    }
    connect(m_stopAll, &QPushButton::clicked, this, &PlaygroundTab::stopAll);
    connect(m_addColumn, &QPushButton::clicked, this, [this] { addColumn(); });
    connect(m_new, &QPushButton::clicked, this, &PlaygroundTab::newComparison);
    connect(m_save, &QPushButton::clicked, this, [this] { saveComparison(); });
    connect(m_same, &QCheckBox::toggled, this, [this](bool same) {
        m_session->setSameParameters(same);
        for (int i = 0; i < m_columns.size(); ++i) {
            m_columns.at(i)->setParametersEditable(!same || i == 0);
            m_columns.at(i)->setParameters(m_session->parameters(i));
        }
    });
    connect(m_saved, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem *item) { openSaved(item->data(kIdRole).toLongLong()); });
    connect(m_openSaved, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_saved->currentItem())
            openSaved(item->data(kIdRole).toLongLong());
    });
    connect(m_rerunSaved, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_saved->currentItem(); item && openSaved(item->data(kIdRole).toLongLong()))
            rerun();
    });
    connect(m_deleteSaved, &QPushButton::clicked, this, &PlaygroundTab::deleteSelectedSaved);
    connect(m_saved, &QListWidget::currentRowChanged, this, [this] { refreshControls(); });
}

void PlaygroundTab::setGatewayUrl(const QString &baseUrl)
{
    m_gatewayUrl = baseUrl;
    m_client->setEndpoint(m_gatewayUrl, m_key);
    // The console key is created now, so the gateway has loaded it by the first send.
    ensureEndpoint();
    refreshModels();
}

int PlaygroundTab::columnCount() const
{
    return int(m_columns.size());
}

PlaygroundColumn *PlaygroundTab::column(int index) const
{
    return index >= 0 && index < m_columns.size() ? m_columns.at(index) : nullptr;
}

bool PlaygroundTab::ensureEndpoint()
{
    if (m_key.isEmpty()) {
        QString error;
        m_key = PlaygroundEndpoint::ensureConsoleKey(m_ctx.settings, m_ctx.keys, &error);
        if (m_key.isEmpty()) {
            report(tr("The Playground has no gateway key: %1").arg(error));
            return false;
        }
    }
    m_client->setEndpoint(m_gatewayUrl, m_key);
    return true;
}

void PlaygroundTab::report(const QString &error)
{
    m_lastError = error;
    m_notice->setText(error);
    if (!error.isEmpty())
        qCInfo(lcPlaygroundUi).noquote() << error;
}

void PlaygroundTab::setModelChoices(const QStringList &models)
{
    m_modelChoices = models;
    for (PlaygroundColumn *c : std::as_const(m_columns))
        c->setModelChoices(models);
}

void PlaygroundTab::refreshModels()
{
    // Several stores change together during a sync: read once after the burst.
    m_modelsTimer->start();
}

void PlaygroundTab::loadModels()
{
    QString error;
    const QStringList models = PlaygroundModels::chatModels(m_ctx.db, m_ctx.models, m_ctx.aliases, &error);
    if (!error.isEmpty()) {
        qCInfo(lcPlaygroundUi).noquote() << "model list unavailable:" << error;
        return;
    }
    setModelChoices(models);
    Q_EMIT modelsRefreshed();
}

void PlaygroundTab::rebuildColumns()
{
    m_dirty.clear();
    qDeleteAll(m_columns);
    m_columns.clear();
    for (int i = 0; i < m_session->columnCount(); ++i) {
        auto *c = new PlaygroundColumn(this);
        c->setMinimumWidth(250);
        c->setTitle(i);
        c->setModelChoices(m_modelChoices);
        c->setModel(m_session->model(i));
        c->setParameters(m_session->parameters(i));
        c->setParametersEditable(!m_session->sameParameters() || i == 0);
        c->setRemovable(m_session->columnCount() > 1);
        m_columnsLayout->addWidget(c, 1);
        m_columns.append(c);
        // Columns are found by position: the session renumbers them on removal.
        connect(c, &PlaygroundColumn::retryRequested, this, [this, c] {
            QString error;
            if (!m_session->retry(int(m_columns.indexOf(c)), &error))
                report(error);
            refreshControls();
        });
        connect(c, &PlaygroundColumn::modelEdited, this,
                [this, c](const QString &model) { m_session->setModel(int(m_columns.indexOf(c)), model); });
        connect(c, &PlaygroundColumn::parametersEdited, this, [this, c] {
            const int index = int(m_columns.indexOf(c));
            m_session->setParameters(index, c->parameters());
            if (index == 0 && m_session->sameParameters()) {
                for (int j = 1; j < m_columns.size(); ++j)
                    m_columns.at(j)->setParameters(c->parameters());
            }
        });
        connect(c, &PlaygroundColumn::stopRequested, this, [this, c] { m_session->stop(int(m_columns.indexOf(c))); });
        connect(c, &PlaygroundColumn::keepRequested, this, [this, c] {
            const int index = int(m_columns.indexOf(c));
            // Deferred: keepOnly deletes this very widget.
            QTimer::singleShot(0, this, [this, index] { m_session->keepOnly(index); });
        });
        connect(c, &PlaygroundColumn::removeRequested, this, [this, c] {
            const int index = int(m_columns.indexOf(c));
            QTimer::singleShot(0, this, [this, index] { m_session->removeColumn(index); });
        });
        refreshColumn(i);
    }
    refreshMetrics();
    refreshControls();
}

void PlaygroundTab::refreshColumn(int index)
{
    PlaygroundColumn *c = column(index);
    if (!c)
        return;
    const bool running = m_session->isRunning(index);
    c->showConversation(m_session->turns(index), m_session->answer(index), running);
    const ChatMetrics metrics = m_session->metrics(index);
    c->showFailure(m_session->httpStatus(index), m_session->error(index));
    c->showState(m_session->state(index), m_session->error(index),
                 metrics.ttftMs >= 0 || !m_session->answer(index).isEmpty());
    c->showMetrics(m_session->metrics(index), running);
}

void PlaygroundTab::refreshMetrics()
{
    for (int i = 0; i < m_columns.size(); ++i)
        m_columns.at(i)->showMetrics(m_session->metrics(i), m_session->isRunning(i));
    // Highlights only when every column has finished (no best before), ties all highlighted.
    for (PlaygroundSession::Metric metric : kMetrics) {
        const QList<int> best = m_session->bestColumns(metric);
        for (int i = 0; i < m_columns.size(); ++i)
            m_columns.at(i)->setBest(metric, best.contains(i));
    }
}

void PlaygroundTab::refreshControls()
{
    const bool running = m_session->isRunning();
    m_run->setEnabled(!running);
    m_run->setText(m_session->hasConversation() ? tr("Send &follow-up") : tr("&Run"));
    m_stopAll->setEnabled(running);
    m_addColumn->setEnabled(!running && m_session->columnCount() < PlaygroundSession::kMaxColumns);
    m_save->setEnabled(!running && m_session->hasConversation());
    m_export->setEnabled(!running && m_session->hasConversation());
    m_new->setEnabled(!running);
    const bool selected = m_saved->currentItem() != nullptr;
    m_openSaved->setEnabled(selected && !running);
    m_rerunSaved->setEnabled(selected && !running);
    m_deleteSaved->setEnabled(selected);
    for (PlaygroundColumn *c : std::as_const(m_columns)) {
        c->modelBox()->setEnabled(!running);
        c->setRemovable(!running && m_columns.size() > 1);
    }
}

void PlaygroundTab::syncPromptToSession()
{
    m_session->setSystemPrompt(m_system->toPlainText());
    ChatHistory history;
    // Unchecked: the turns stay in the table but are not sent.
    for (int row = 0; m_historyToggle->isChecked() && row < m_history->rowCount(); ++row) {
        const QTableWidgetItem *role = m_history->item(row, 0);
        const QTableWidgetItem *text = m_history->item(row, 1);
        if (!text || text->text().trimmed().isEmpty())
            continue;
        QString r = role ? role->text().trimmed().toLower() : QString();
        if (r != QLatin1String("assistant") && r != QLatin1String("system"))
            r = QStringLiteral("user");
        history.append({r, text->text()});
    }
    m_session->setSharedHistory(history);
    m_session->setSameParameters(m_same->isChecked());
    for (int i = 0; i < m_columns.size(); ++i) {
        m_session->setModel(i, m_columns.at(i)->model());
        m_session->setParameters(i, m_columns.at(i)->parameters());
    }
}

void PlaygroundTab::showPrompt()
{
    m_system->setPlainText(m_session->systemPrompt());
    const ChatHistory history = m_session->sharedHistory();
    m_history->setRowCount(0);
    for (const ChatMessage &m : history) {
        const int row = m_history->rowCount();
        m_history->insertRow(row);
        m_history->setItem(row, 0, new QTableWidgetItem(m.role));
        m_history->setItem(row, 1, new QTableWidgetItem(m.content));
    }
    if (!history.isEmpty())
        m_historyToggle->setChecked(true);
    const QSignalBlocker block(m_same);
    m_same->setChecked(m_session->sameParameters());
}

void PlaygroundTab::openModel(const QString &model)
{
    m_session->reset(model);
    showPrompt();
    m_message->setFocus();
}

void PlaygroundTab::addColumn(const QString &model)
{
    QString chosen = model;
    if (chosen.isEmpty()) {
        // Suggest the next model nobody compares yet.
        QStringList used;
        for (int i = 0; i < m_session->columnCount(); ++i)
            used << m_session->model(i);
        for (const QString &m : std::as_const(m_modelChoices)) {
            if (!used.contains(m)) {
                chosen = m;
                break;
            }
        }
    }
    m_session->addColumn(chosen);
}

bool PlaygroundTab::send()
{
    if (m_session->isRunning())
        return false;
    if (!ensureEndpoint())
        return false;
    syncPromptToSession();
    const QString message = m_message->toPlainText();
    QString error;
    const bool ok =
        m_session->hasConversation() ? m_session->followUp(message, &error) : m_session->run(message, &error);
    if (!ok) {
        report(error);
        return false;
    }
    report(QString());
    m_message->clear();
    for (PlaygroundColumn *c : std::as_const(m_columns)) {
        for (PlaygroundSession::Metric metric : kMetrics)
            c->setBest(metric, false);
    }
    refreshControls();
    return true;
}

bool PlaygroundTab::newComparison()
{
    if (m_session->isRunning())
        return false;
    syncPromptToSession();
    Comparison fresh = m_session->comparison();
    fresh.id = 0;
    fresh.title.clear();
    fresh.createdAt.clear();
    fresh.updatedAt.clear();
    for (ComparisonColumn &c : fresh.columns) {
        c.turns.clear();
        c.metrics = ChatMetrics();
        c.error.clear();
    }
    m_session->load(fresh);
    report(QString());
    m_message->setFocus();
    return true;
}

void PlaygroundTab::stopAll()
{
    m_session->stopAll();
}

bool PlaygroundTab::saveComparison(const QString &title)
{
    if (m_session->isRunning() || !m_session->hasConversation()) {
        report(tr("Run a comparison before saving it."));
        return false;
    }
    syncPromptToSession();
    Comparison c = m_session->comparison();
    if (!title.isEmpty())
        c.title = title;
    QString error;
    if (!m_store->save(&c, &error)) {
        report(error);
        return false;
    }
    m_session->setSavedAs(c.id, c.title, c.createdAt, c.updatedAt);
    report(QString());
    for (int row = 0; row < m_saved->count(); ++row) {
        if (m_saved->item(row)->data(kIdRole).toLongLong() == c.id)
            m_saved->setCurrentRow(row);
    }
    return true;
}

bool PlaygroundTab::openSaved(qint64 id)
{
    if (m_session->isRunning())
        return false;
    QString error;
    const auto c = m_store->load(id, &error);
    if (!c) {
        report(error);
        return false;
    }
    m_session->load(*c);
    showPrompt();
    report(QString());
    return true;
}

bool PlaygroundTab::rerun()
{
    if (!ensureEndpoint())
        return false;
    syncPromptToSession();
    QString error;
    if (!m_session->rerun(&error)) {
        report(error);
        return false;
    }
    report(QString());
    refreshControls();
    return true;
}

bool PlaygroundTab::exportTo(const QString &path, ExportFormat format)
{
    syncPromptToSession();
    Comparison c = m_session->comparison();
    if (c.title.isEmpty())
        c.title = c.defaultTitle();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        report(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    file.write(format == ExportFormat::Markdown ? ComparisonExport::toMarkdown(c).toUtf8()
                                                : ComparisonExport::toJson(c));
    if (!file.commit()) {
        report(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    report(QString());
    return true;
}

void PlaygroundTab::exportInteractive(ExportFormat format)
{
    const bool markdown = format == ExportFormat::Markdown;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export comparison"), markdown ? QStringLiteral("comparison.md") : QStringLiteral("comparison.json"),
        markdown ? tr("Markdown (*.md)") : tr("JSON (*.json)"));
    if (!path.isEmpty() && !exportTo(path, format))
        QMessageBox::warning(this, tr("Export comparison"), m_lastError);
}

void PlaygroundTab::reloadSaved()
{
    if (m_savedToggle)
        m_savedToggle->setText(tr("Sa&ved (%1)").arg(m_store->list().size()));
    const qint64 current = m_saved->currentItem() ? m_saved->currentItem()->data(kIdRole).toLongLong() : 0;
    m_saved->clear();
    const QList<ComparisonStore::Summary> all = m_store->list();
    const QLocale locale;
    for (const auto &s : all) {
        auto *item = new QListWidgetItem(s.title, m_saved);
        item->setData(kIdRole, s.id);
        const QDateTime when = QDateTime::fromString(s.updatedAt, Qt::ISODateWithMs).toLocalTime();
        item->setToolTip(
            tr("%1\nModels: %2\nSaved %3")
                .arg(s.title, s.models.join(QLatin1String(", ")), locale.toString(when, QLocale::ShortFormat)));
        if (s.id == current)
            m_saved->setCurrentItem(item);
    }
    refreshControls();
}

void PlaygroundTab::deleteSelectedSaved()
{
    QListWidgetItem *item = m_saved->currentItem();
    if (!item)
        return;
    if (QMessageBox::question(this, tr("Delete comparison"), tr("Delete the saved comparison “%1”?").arg(item->text()))
        != QMessageBox::Yes)
        return;
    const qint64 id = item->data(kIdRole).toLongLong();
    QString error;
    if (!m_store->remove(id, &error))
        report(error);
    else if (m_session->savedId() == id)
        m_session->setSavedAs(0, QString(), QString(), QString());
}
