#include "ui/providers/ProvidersTab.h"

#include "core/providers/ProviderDrivers.h"
#include "core/providers/SyncService.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/time/Clock.h"
#include "ui/StatusBadgeDelegate.h"
#include "ui/ThemeTone.h"
#include "ui/providers/ProviderDialog.h"
#include "ui/providers/ProviderPreset.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

constexpr int IdRole = Qt::UserRole + 1;

QString displayTime(const QString &iso)
{
    if (iso.isEmpty())
        return ProvidersTab::tr("never");
    return QLocale().toString(Clock::fromIso(iso).toLocalTime(), QLocale::ShortFormat);
}

QString statusText(const QString &status)
{
    if (status == QLatin1String("active"))
        return ProvidersTab::tr("active");
    if (status == QLatin1String("syncing"))
        return ProvidersTab::tr("syncing");
    if (status == QLatin1String("errored"))
        return ProvidersTab::tr("errored");
    if (status == QLatin1String("disabled"))
        return ProvidersTab::tr("disabled");
    return status;
}

} // namespace

ProvidersTab::ProvidersTab(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ctx(context)
{
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        {tr("Name"), tr("Kind"), tr("Status"), tr("Models"), tr("Last sync"), tr("Last error"), tr("Base URL")});
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("providersView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setItemDelegateForColumn(StatusColumn, new StatusBadgeDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);

    auto *add = new QPushButton(tr("&Add provider…"), this);
    add->setObjectName(QStringLiteral("addProvider"));
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_sync = new QPushButton(tr("&Sync now"), this);
    m_sync->setObjectName(QStringLiteral("syncNow"));
    m_delete = new QPushButton(tr("&Delete…"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->hide();
    m_progressLabel = new QLabel(this);
    m_progressLabel->hide();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_sync);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_progressLabel);
    buttons->addWidget(m_progress);

    m_historyTitle = new QLabel(tr("Sync history"), this);
    m_history = new QTableWidget(0, 4, this);
    m_history->setObjectName(QStringLiteral("syncHistory"));
    m_history->setHorizontalHeaderLabels({tr("Time"), tr("Added"), tr("Went offline"), tr("Error")});
    m_history->verticalHeader()->hide();
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    auto *historyBox = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_historyTitle);
    historyLayout->addWidget(m_history);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    // The Welcome page's presets, here too: Add provider… opens a menu of them.
    auto *addMenu = new QMenu(add);
    addMenu->setObjectName(QStringLiteral("addProviderMenu"));
    const QList<ProviderPreset> presets = ProviderPreset::all();
    for (const ProviderPreset &preset : presets)
        addMenu->addAction(preset.label, this, [this, preset] { addProviderFromPreset(preset); });
    addMenu->addSeparator();
    addMenu->addAction(tr("Blank…"), this, &ProvidersTab::addProvider);
    add->setMenu(addMenu);

    // An errored provider says what went wrong and offers the next step.
    m_errorBanner = new QFrame(this);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setFrameShape(QFrame::StyledPanel);
    m_errorBanner->setAutoFillBackground(true);
    {
        QPalette p = m_errorBanner->palette();
        p.setColor(QPalette::Window, ThemeTone::background(ThemeTone::Tone::Error, palette()));
        m_errorBanner->setPalette(p);
    }
    m_errorText = new QLabel(m_errorBanner);
    m_errorText->setObjectName(QStringLiteral("errorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorText->setTextFormat(Qt::PlainText);
    auto *bannerEdit = new QPushButton(tr("Edit…"), m_errorBanner);
    bannerEdit->setObjectName(QStringLiteral("errorEdit"));
    auto *bannerSync = new QPushButton(tr("Sync now"), m_errorBanner);
    bannerSync->setObjectName(QStringLiteral("errorSync"));
    bannerSync->setEnabled(m_ctx.sync != nullptr);
    auto *bannerLayout = new QHBoxLayout(m_errorBanner);
    bannerLayout->addWidget(m_errorText, 1);
    bannerLayout->addWidget(bannerEdit);
    bannerLayout->addWidget(bannerSync);
    m_errorBanner->hide();
    connect(bannerEdit, &QPushButton::clicked, this, &ProvidersTab::editSelected);
    connect(bannerSync, &QPushButton::clicked, this, &ProvidersTab::syncSelected);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_errorBanner);
    layout->addWidget(splitter);

    connect(m_edit, &QPushButton::clicked, this, &ProvidersTab::editSelected);
    connect(m_sync, &QPushButton::clicked, this, &ProvidersTab::syncSelected);
    connect(m_delete, &QPushButton::clicked, this, &ProvidersTab::deleteSelected);
    connect(m_view, &QTableView::doubleClicked, this, &ProvidersTab::editSelected);
    connect(&m_ctx.providers, &ProviderStore::changed, this, &ProvidersTab::reload);
    connect(&m_ctx.models, &ModelStore::changed, this, &ProvidersTab::reload);
    if (m_ctx.sync) {
        connect(m_ctx.sync, &SyncService::syncStarted, this, [this](qint64 id) {
            m_syncing.insert(id);
            updateSyncProgress();
        });
        connect(m_ctx.sync, &SyncService::syncFinished, this, [this](qint64 id, bool, const QString &, int, int) {
            m_syncing.remove(id);
            updateSyncProgress();
            reload();
        });
    }
    reload();
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const bool has = selectedProviderId() > 0;
        m_edit->setEnabled(has);
        m_sync->setEnabled(has && m_ctx.sync);
        m_delete->setEnabled(has);
        reloadHistory();
        updateErrorBanner();
    });
    m_edit->setEnabled(false);
    m_sync->setEnabled(false);
    m_delete->setEnabled(false);
}

qint64 ProvidersTab::selectedProviderId() const
{
    const QModelIndexList rows =
        m_view->selectionModel() ? m_view->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? 0 : rows.first().data(IdRole).toLongLong();
}

void ProvidersTab::reload()
{
    const qint64 selected = selectedProviderId();
    const QList<Provider> providers = m_ctx.providers.list();
    m_model->setRowCount(0);
    int selectRow = -1;
    for (const Provider &p : providers) {
        QString status = p.enabled ? p.status : QStringLiteral("disabled");
        if (m_syncing.contains(p.id))
            status = QStringLiteral("syncing");
        QList<QStandardItem *> row;
        row << new QStandardItem(p.name) << new QStandardItem(p.kind) << new QStandardItem(statusText(status))
            << new QStandardItem(QString::number(p.modelCount)) << new QStandardItem(displayTime(p.lastSync))
            << new QStandardItem(p.lastError) << new QStandardItem(p.baseUrl);
        row[StatusColumn]->setData(status, StatusBadgeDelegate::StatusRole);
        row[ModelsColumn]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row[ErrorColumn]->setToolTip(p.lastError);
        row[LastSyncColumn]->setToolTip(p.lastSync);
        for (QStandardItem *item : row)
            item->setData(p.id, IdRole);
        if (p.id == selected)
            selectRow = m_model->rowCount();
        m_model->appendRow(row);
    }
    m_view->resizeColumnsToContents();
    if (selectRow >= 0)
        m_view->selectRow(selectRow);
    reloadHistory();
    if (m_errorBanner)
        updateErrorBanner();
}

void ProvidersTab::reloadHistory()
{
    const qint64 id = selectedProviderId();
    m_history->setRowCount(0);
    if (id <= 0) {
        m_historyTitle->setText(tr("Sync history (select a provider)"));
        return;
    }
    const auto provider = m_ctx.providers.find(id);
    m_historyTitle->setText(tr("Sync history of %1").arg(provider ? provider->name : QString()));
    const QList<SyncEvent> events = m_ctx.models.syncEvents(id, 50);
    m_history->setRowCount(int(events.size()));
    for (int i = 0; i < events.size(); ++i) {
        const SyncEvent &e = events.at(i);
        m_history->setItem(i, 0, new QTableWidgetItem(displayTime(e.time)));
        m_history->setItem(i, 1, new QTableWidgetItem(QString::number(e.added)));
        m_history->setItem(i, 2, new QTableWidgetItem(QString::number(e.removed)));
        m_history->setItem(i, 3, new QTableWidgetItem(e.error));
    }
    m_history->resizeColumnsToContents();
}

void ProvidersTab::updateSyncProgress()
{
    m_progress->setVisible(!m_syncing.isEmpty());
    m_progressLabel->setVisible(!m_syncing.isEmpty());
    m_progressLabel->setText(tr("Syncing %n provider(s)…", nullptr, int(m_syncing.size())));
    reload();
}

void ProvidersTab::addProvider()
{
    ProviderDialog dialog(m_ctx, std::nullopt, this);
    dialog.exec();
}

void ProvidersTab::updateErrorBanner()
{
    const auto provider = m_ctx.providers.find(selectedProviderId());
    const bool errored = provider && provider->status == QLatin1String("errored");
    if (errored)
        m_errorText->setText(
            tr("%1 could not sync: %2")
                .arg(provider->name, provider->lastError.isEmpty() ? tr("unknown error") : provider->lastError));
    m_errorBanner->setVisible(errored);
}

void ProvidersTab::addProviderFromPreset(const ProviderPreset &preset)
{
    ProviderDialog dialog(m_ctx, std::nullopt, this);
    dialog.applyPreset(preset);
    dialog.exec();
}

void ProvidersTab::editSelected()
{
    const auto provider = m_ctx.providers.find(selectedProviderId());
    if (!provider)
        return;
    ProviderDialog dialog(m_ctx, *provider, this);
    dialog.exec();
}

void ProvidersTab::syncSelected()
{
    const qint64 id = selectedProviderId();
    if (id > 0 && m_ctx.sync)
        m_ctx.sync->syncNow(id);
}

void ProvidersTab::deleteSelected()
{
    const auto provider = m_ctx.providers.find(selectedProviderId());
    if (!provider)
        return;
    const ProviderStore::Dependents deps = m_ctx.providers.dependents(provider->id);
    QString text = tr("Delete the provider \"%1\"?").arg(provider->name);
    QStringList consequences;
    if (deps.aliases > 0)
        consequences << tr("%n published alias(es) that point at it will be deleted and stop working for clients.",
                           nullptr, deps.aliases);
    if (deps.models > 0)
        consequences << tr("%n discovered model(s) will be forgotten.", nullptr, deps.models);
    consequences << tr("Its request log entries stay.");
    QMessageBox box(QMessageBox::Warning, tr("Delete provider"), text, QMessageBox::NoButton, this);
    box.setInformativeText(consequences.join(QLatin1Char('\n')));
    QPushButton *deleteButton = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != deleteButton)
        return;
    QString error;
    if (!m_ctx.providers.remove(provider->id, &error)) {
        QMessageBox::critical(this, tr("Delete provider"), tr("The provider could not be deleted: %1").arg(error));
        return;
    }
    // A deleted provider's key must not linger in the keychain.
    if (m_ctx.providerKeys && provider->keyRef == ProviderKeys::keychainRef())
        m_ctx.providerKeys->removeKey(provider->id, this, [](bool, const QString &) {});
}
