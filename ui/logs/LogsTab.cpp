#include "ui/logs/LogsTab.h"

#include "core/gateway/GatewayMonitor.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ModelStore.h"
#include "core/time/Clock.h"
#include "ui/StatusBadgeDelegate.h"
#include "ui/keys/SnippetBuilder.h"
#include "ui/logs/LogDetailPane.h"
#include "ui/logs/LogExportWorker.h"
#include "ui/logs/LogTableModel.h"
#include "ui/logs/LogText.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

LogsTab::LogsTab(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ctx(context)
{
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("timeRange"));
    m_range->addItems({tr("Last 15 minutes"), tr("Last hour"), tr("Last 24 hours"), tr("Last 7 days"),
                       tr("Last 30 days"), tr("All time"), tr("Custom…")});
    m_range->setCurrentIndex(AllTime);
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-1), this);
    m_to = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->hide();
    }
    m_modelFilter = new QComboBox(this);
    m_modelFilter->setObjectName(QStringLiteral("modelFilter"));
    m_modelFilter->setEditable(true);
    m_modelFilter->setMinimumContentsLength(14);
    m_modelFilter->lineEdit()->setPlaceholderText(tr("any model"));
    m_keyFilter = new QComboBox(this);
    m_keyFilter->setObjectName(QStringLiteral("keyFilter"));
    m_keyFilter->setEditable(true);
    m_keyFilter->setMinimumContentsLength(10);
    m_keyFilter->lineEdit()->setPlaceholderText(tr("any key"));
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    m_statusFilter->addItem(tr("Any status"), int(LogFilter::Status::Any));
    m_statusFilter->addItem(tr("Success (2xx/3xx)"), int(LogFilter::Status::Success));
    m_statusFilter->addItem(tr("Client errors (4xx)"), int(LogFilter::Status::ClientError));
    m_statusFilter->addItem(tr("Server errors (5xx)"), int(LogFilter::Status::ServerError));
    m_statusFilter->addItem(tr("Any error"), int(LogFilter::Status::AnyError));
    m_sourceFilter = new QComboBox(this);
    m_sourceFilter->setObjectName(QStringLiteral("sourceFilter"));
    m_sourceFilter->addItem(tr("All traffic"), QString());
    m_sourceFilter->addItem(tr("API clients"), QStringLiteral("api"));
    m_sourceFilter->addItem(tr("Playground"), QStringLiteral("playground"));
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("textFilter"));
    m_text->setPlaceholderText(tr("Search route, model, provider, key, error…"));
    m_text->setClearButtonEnabled(true);
    m_live = new QCheckBox(tr("&Live"), this);
    m_live->setObjectName(QStringLiteral("liveTail"));
    m_live->setToolTip(tr("Show new requests as they arrive"));
    m_live->setChecked(true);
    m_export = new QPushButton(tr("E&xport"), this);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("As CSV…"), this, [this] { chooseExport(false); });
    exportMenu->addAction(tr("As JSON Lines…"), this, [this] { chooseExport(true); });
    m_export->setMenu(exportMenu);

    // Two rows, so the search box keeps room for its placeholder at the minimum window size.
    m_text->setMinimumWidth(m_text->fontMetrics().horizontalAdvance(m_text->placeholderText()) + 40);
    auto *filterRows = new QVBoxLayout;
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_range);
    filters->addWidget(m_from);
    filters->addWidget(m_to);
    filters->addWidget(m_modelFilter);
    filters->addWidget(m_keyFilter);
    filters->addWidget(m_statusFilter);
    filters->addWidget(m_sourceFilter);
    filters->addStretch();
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_text, 1);
    searchRow->addWidget(m_live);
    searchRow->addWidget(m_export);
    filterRows->addLayout(filters);
    filterRows->addLayout(searchRow);

    m_model = new LogTableModel(m_ctx.db, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setItemDelegateForColumn(LogTableModel::StatusColumn, new StatusBadgeDelegate(m_view));
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows it has not shown.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    // Every column sized for its content; the last (Cost) takes what is left, so Route keeps "(stream)".
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    const int charWidth = m_view->fontMetrics().averageCharWidth();
    const int widths[] = {24, 16, 0, 24, 16, 8, 10, 14, 11};
    for (int c = 0; c < LogTableModel::ColumnCount; ++c)
        m_view->setColumnWidth(c, widths[c] * charWidth);
    m_view->setColumnWidth(
        LogTableModel::RouteColumn,
        m_view->fontMetrics().horizontalAdvance(tr("%1 (stream)").arg(QStringLiteral("/v1/chat/completions")))
            + 3 * charWidth);
    // At least a handful of rows at the minimum window size.
    m_view->setMinimumHeight(m_view->verticalHeader()->defaultSectionSize() * 6
                             + m_view->horizontalHeader()->sizeHint().height());
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::customContextMenuRequested, this, &LogsTab::showContextMenu);

    m_detail = new LogDetailPane(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(100);
    m_busy->hide();
    m_exportProgress = new QProgressBar(this);
    m_exportProgress->setRange(0, 100);
    m_exportProgress->setMaximumWidth(220);
    m_exportProgress->hide();
    m_exportCancel = new QPushButton(tr("Cancel export"), this);
    m_exportCancel->hide();
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_busy);
    statusRow->addWidget(m_exportProgress);
    statusRow->addWidget(m_exportCancel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterRows);
    layout->addWidget(splitter, 1);
    layout->addLayout(statusRow);

    m_textDebounce = new QTimer(this);
    m_textDebounce->setSingleShot(true);
    m_textDebounce->setInterval(300);
    connect(m_textDebounce, &QTimer::timeout, this, &LogsTab::applyFilters);
    connect(m_text, &QLineEdit::textChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_range, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_from->setVisible(index == CustomRange);
        m_to->setVisible(index == CustomRange);
        applyFilters();
    });
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &LogsTab::applyFilters);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &LogsTab::applyFilters);
    connect(m_modelFilter, &QComboBox::currentTextChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_keyFilter, &QComboBox::currentTextChanged, m_textDebounce, qOverload<>(&QTimer::start));
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &LogsTab::applyFilters);
    connect(m_sourceFilter, &QComboBox::currentIndexChanged, this, &LogsTab::applyFilters);
    connect(m_model, &LogTableModel::loadingChanged, this, &LogsTab::updateStatus);
    connect(m_model, &LogTableModel::pageLoaded, this, &LogsTab::updateStatus);
    connect(m_model, &LogTableModel::newerLoaded, this, &LogsTab::updateStatus);
    connect(m_model, &LogTableModel::loadFailed, this,
            [this](const QString &error) { m_status->setText(tr("The log could not be read: %1").arg(error)); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LogsTab::showSelected);
    connect(m_exportCancel, &QPushButton::clicked, this, [this] {
        if (m_exportWorker)
            m_exportWorker->cancel();
    });

    // Live tail: poll once a second, and sooner when the gateway reports a request.
    m_tail = new QTimer(this);
    m_tail->setInterval(1000);
    connect(m_tail, &QTimer::timeout, this, [this] {
        if (m_live->isChecked())
            m_model->pollNewer();
    });
    m_tail->start();
    connect(&m_ctx.monitor, &GatewayMonitor::requestFinished, this, [this] {
        if (m_live->isChecked() && isVisible())
            QTimer::singleShot(250, m_model, &LogTableModel::pollNewer);
    });
    connect(&m_ctx.aliases, &AliasStore::changed, this, &LogsTab::refreshFilterChoices);
    connect(&m_ctx.keys, &KeyStore::changed, this, &LogsTab::refreshFilterChoices);

    refreshFilterChoices();
    applyFilters();
}

LogsTab::~LogsTab()
{
    if (m_exportThread) {
        m_exportWorker->cancel();
        m_exportThread->quit();
        m_exportThread->wait();
        delete m_exportWorker;
    }
}

void LogsTab::refreshFilterChoices()
{
    // Choices come from the small catalog tables, never from scanning the log.
    const QSignalBlocker blockModel(m_modelFilter);
    const QSignalBlocker blockKey(m_keyFilter);
    const QString model = m_modelFilter->currentText();
    const QString key = m_keyFilter->currentText();
    m_modelFilter->clear();
    m_modelFilter->addItem(QString());
    QStringList models;
    const QList<Alias> aliases = m_ctx.aliases.list();
    for (const Alias &a : aliases)
        models << a.alias;
    const QList<ModelInfo> discovered = m_ctx.models.list();
    for (const ModelInfo &m : discovered)
        models << m.providerName + QLatin1Char('/') + m.modelId;
    m_modelFilter->addItems(models);
    m_modelFilter->setCurrentText(model);
    m_keyFilter->clear();
    m_keyFilter->addItem(QString());
    const QList<GatewayKey> keys = m_ctx.keys.list(true);
    for (const GatewayKey &k : keys)
        m_keyFilter->addItem(k.name);
    m_keyFilter->setCurrentText(key);
}

LogFilter LogsTab::currentFilter() const
{
    LogFilter f;
    const qint64 now = Clock::nowMs();
    switch (m_range->currentIndex()) {
    case Last15Minutes:
        f.fromMs = now - 15 * 60000LL;
        break;
    case LastHour:
        f.fromMs = now - 3600000LL;
        break;
    case LastDay:
        f.fromMs = now - 24 * 3600000LL;
        break;
    case LastWeek:
        f.fromMs = now - 7 * 24 * 3600000LL;
        break;
    case LastMonth:
        f.fromMs = now - 30 * 24 * 3600000LL;
        break;
    case CustomRange:
        f.fromMs = m_from->dateTime().toMSecsSinceEpoch();
        f.toMs = m_to->dateTime().toMSecsSinceEpoch();
        break;
    default:
        break;
    }
    f.model = m_modelFilter->currentText().trimmed();
    f.key = m_keyFilter->currentText().trimmed();
    f.status = LogFilter::Status(m_statusFilter->currentData().toInt());
    f.source = m_sourceFilter->currentData().toString();
    f.text = m_text->text().trimmed();
    return f;
}

void LogsTab::applyFilters()
{
    m_textDebounce->stop();
    m_detail->clear();
    m_model->setFilter(currentFilter());
    updateStatus();
}

std::optional<LogRecord> LogsTab::recordAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return std::nullopt;
    return LogQuery(m_ctx.db.connection()).find(index.data(LogTableModel::IdRole).toLongLong());
}

QMenu *LogsTab::contextMenuFor(const QModelIndex &index)
{
    const auto record = recordAt(index);
    if (!record)
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("logContextMenu"));
    const QString url = SnippetBuilder::gatewayBaseUrl(m_ctx.gatewayAddress());
    QAction *curl = menu->addAction(tr("Copy as &curl"), this, [record = *record, url] {
        QApplication::clipboard()->setText(LogText::curlCommand(record, url));
    });
    curl->setEnabled(!record->requestBody.isEmpty());
    QAction *open = menu->addAction(tr("Open in &Playground"), this,
                                    [this, model = record->model] { Q_EMIT openInPlaygroundRequested(model); });
    open->setEnabled(!record->model.isEmpty());
    menu->addSeparator();
    QAction *request = menu->addAction(tr("Copy &request"), this, [body = record->requestBody] {
        QApplication::clipboard()->setText(QString::fromUtf8(body));
    });
    request->setEnabled(!record->requestBody.isEmpty());
    QAction *response = menu->addAction(tr("Copy r&esponse"), this, [body = record->responseBody] {
        QApplication::clipboard()->setText(QString::fromUtf8(body));
    });
    response->setEnabled(!record->responseBody.isEmpty());
    return menu;
}

void LogsTab::showContextMenu(const QPoint &pos)
{
    QMenu *menu = contextMenuFor(m_view->indexAt(pos));
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

void LogsTab::showSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    // One primary-key lookup; bodies are at most 2 x 64 KiB.
    const auto record = LogQuery(m_ctx.db.connection()).find(current.data(LogTableModel::IdRole).toLongLong());
    if (record)
        m_detail->showRecord(*record);
    else
        m_detail->clear();
}

void LogsTab::updateStatus()
{
    m_busy->setVisible(m_model->isLoading());
    const int rows = m_model->rowCount();
    if (m_model->isLoading() && rows == 0)
        m_status->setText(tr("Loading…"));
    else if (rows == 0)
        m_status->setText(tr("No requests match these filters."));
    else if (m_model->isExhausted())
        m_status->setText(tr("%n request(s).", nullptr, rows));
    else
        m_status->setText(tr("%1 newest requests loaded; scroll for more.").arg(QLocale().toString(rows)));
}

void LogsTab::chooseExport(bool jsonLines)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested =
        dir + (jsonLines ? QStringLiteral("/tollgate-requests.jsonl") : QStringLiteral("/tollgate-requests.csv"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export requests"), suggested,
                                                      jsonLines ? tr("JSON Lines (*.jsonl)") : tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    if (!startExport(path, jsonLines))
        QMessageBox::information(this, tr("Export"), tr("An export is already running."));
}

bool LogsTab::startExport(const QString &path, bool jsonLines)
{
    if (m_exportThread)
        return false;
    m_exportThread = new QThread(this);
    m_exportWorker = new LogExportWorker(m_ctx.db, currentFilter(), path,
                                         jsonLines ? LogExportWorker::Format::JsonLines : LogExportWorker::Format::Csv);
    m_exportWorker->moveToThread(m_exportThread);
    connect(m_exportThread, &QThread::started, m_exportWorker, &LogExportWorker::run);
    connect(m_exportWorker, &LogExportWorker::progress, this, [this](int percent, qint64 rows) {
        m_exportProgress->setValue(percent);
        m_exportProgress->setFormat(tr("Exporting… %1 rows").arg(QLocale().toString(rows)));
    });
    connect(m_exportWorker, &LogExportWorker::finished, this, [this, path](bool ok, qint64 rows, const QString &error) {
        m_exportThread->quit();
        m_exportThread->wait();
        delete m_exportWorker;
        m_exportWorker = nullptr;
        m_exportThread->deleteLater();
        m_exportThread = nullptr;
        m_exportProgress->hide();
        m_exportCancel->hide();
        m_export->setEnabled(true);
        m_status->setText(ok ? tr("Exported %1 requests to %2.").arg(QLocale().toString(rows), path)
                             : tr("Export failed: %1").arg(error));
        Q_EMIT exportFinished(ok, rows, error);
    });
    m_exportProgress->setValue(0);
    m_exportProgress->setFormat(tr("Exporting…"));
    m_exportProgress->show();
    m_exportCancel->show();
    m_export->setEnabled(false);
    m_exportThread->start();
    return true;
}
