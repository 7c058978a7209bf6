#include "ui/models/ModelsTab.h"

#include "core/pricing/PriceJson.h"
#include "core/pricing/PriceLookup.h"
#include "core/storage/AliasStore.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"
#include "core/time/Clock.h"
#include "ui/StatusBadgeDelegate.h"
#include "ui/keys/SnippetBuilder.h"
#include "ui/models/AliasDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

constexpr int ProviderIdRole = Qt::UserRole + 1;
constexpr int ModelIdRole = Qt::UserRole + 2;
constexpr int CategoryRole = Qt::UserRole + 3;
constexpr int AliasIdRole = Qt::UserRole + 4;
constexpr int ExposeRole = Qt::UserRole + 5;

QString price(double v)
{
    return QLocale().toString(v, 'f', v < 0.1 && v > 0 ? 4 : 2);
}

} // namespace

ModelsTab::ModelsTab(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ctx(context)
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("modelFilter"));
    m_filter->setPlaceholderText(tr("Filter models and aliases…"));
    m_filter->setClearButtonEnabled(true);
    m_showOffline = new QCheckBox(tr("Show &offline models"), this);
    m_showOffline->setChecked(true);
    m_publish = new QPushButton(tr("&Publish as alias…"), this);
    m_publish->setObjectName(QStringLiteral("publish"));
    m_publish->setEnabled(false);
    m_openInPlayground = new QPushButton(tr("Open in Pla&yground"), this);
    m_openInPlayground->setObjectName(QStringLiteral("openInPlayground"));
    m_openInPlayground->setEnabled(false);
    connect(m_openInPlayground, &QPushButton::clicked, this, [this] {
        if (!m_snippetModel.isEmpty())
            Q_EMIT openInPlaygroundRequested(m_snippetModel);
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_showOffline);
    top->addWidget(m_publish);
    top->addWidget(m_openInPlayground);

    m_discovered = new QTreeWidget(this);
    m_discovered->setObjectName(QStringLiteral("discovered"));
    m_discovered->setHeaderLabels({tr("Model"), tr("Status"), tr("Category"), tr("Owned by"), tr("Last seen")});
    m_discovered->setItemDelegateForColumn(1, new StatusBadgeDelegate(m_discovered));
    m_discovered->setRootIsDecorated(true);
    m_discovered->setUniformRowHeights(true);
    m_discovered->setAlternatingRowColors(true);

    m_aliases = new QTableWidget(0, AliasColumnCount, this);
    m_aliases->setObjectName(QStringLiteral("aliases"));
    m_aliases->setHorizontalHeaderLabels({tr("Alias"), tr("Provider"), tr("Upstream model"), tr("Category"),
                                          tr("In $/1M"), tr("Out $/1M"), tr("Cached $/1M"), tr("Cache write $/1M"),
                                          tr("Price source"), tr("Defaults"), tr("Active")});
    m_aliases->verticalHeader()->hide();
    m_aliases->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_aliases->setSelectionMode(QAbstractItemView::SingleSelection);
    m_aliases->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_aliases->horizontalHeader()->setStretchLastSection(true);
    m_aliases->setAlternatingRowColors(true);
    auto *newAliasButton = new QPushButton(tr("&New alias…"), this);
    m_editAlias = new QPushButton(tr("Ed&it…"), this);
    m_deleteAlias = new QPushButton(tr("De&lete…"), this);
    m_editAlias->setEnabled(false);
    m_deleteAlias->setEnabled(false);
    auto *aliasButtons = new QHBoxLayout;
    aliasButtons->addWidget(new QLabel(tr("<b>Published aliases</b>"), this));
    aliasButtons->addStretch();
    aliasButtons->addWidget(newAliasButton);
    aliasButtons->addWidget(m_editAlias);
    aliasButtons->addWidget(m_deleteAlias);
    auto *aliasBox = new QWidget(this);
    auto *aliasLayout = new QVBoxLayout(aliasBox);
    aliasLayout->setContentsMargins(0, 0, 0, 0);
    aliasLayout->addLayout(aliasButtons);
    aliasLayout->addWidget(m_aliases);

    auto *discoveredBox = new QWidget(this);
    auto *discoveredLayout = new QVBoxLayout(discoveredBox);
    discoveredLayout->setContentsMargins(0, 0, 0, 0);
    discoveredLayout->addWidget(new QLabel(tr("<b>Discovered models</b>"), this));
    discoveredLayout->addWidget(m_discovered);

    auto *lists = new QSplitter(Qt::Vertical, this);
    lists->addWidget(discoveredBox);
    lists->addWidget(aliasBox);

    m_snippetTitle = new QLabel(tr("Select a model or alias to see how to call it."), this);
    m_snippetTitle->setWordWrap(true);
    m_snippetTabs = new QTabWidget(this);
    m_snippetTabs->setObjectName(QStringLiteral("snippets"));
    const QString labels[3] = {tr("curl"), tr("Python"), tr("JavaScript")};
    for (int i = 0; i < 3; ++i) {
        m_snippets[i] = new QPlainTextEdit(this);
        m_snippets[i]->setReadOnly(true);
        m_snippets[i]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        // Commands keep their lines: wrapping would break a URL in the middle.
        m_snippets[i]->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_snippets[i]->setTabChangesFocus(true);
        m_snippetTabs->addTab(m_snippets[i], labels[i]);
    }
    auto *copy = new QPushButton(tr("&Copy snippet"), this);
    copy->setObjectName(QStringLiteral("copySnippet"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(snippet(m_snippetTabs->currentIndex())); });
    auto *snippetBox = new QWidget(this);
    auto *snippetLayout = new QVBoxLayout(snippetBox);
    snippetLayout->setContentsMargins(0, 0, 0, 0);
    snippetLayout->addWidget(m_snippetTitle);
    snippetLayout->addWidget(m_snippetTabs, 1);
    snippetLayout->addWidget(copy, 0, Qt::AlignRight);

    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(lists);
    main->addWidget(snippetBox);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(main, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &ModelsTab::applyFilter);
    connect(m_showOffline, &QCheckBox::toggled, this, &ModelsTab::applyFilter);
    connect(m_publish, &QPushButton::clicked, this, &ModelsTab::publishSelected);
    connect(newAliasButton, &QPushButton::clicked, this, &ModelsTab::newAlias);
    connect(m_editAlias, &QPushButton::clicked, this, &ModelsTab::editAlias);
    connect(m_deleteAlias, &QPushButton::clicked, this, &ModelsTab::deleteAlias);
    connectDetailRequests();
    connect(m_discovered, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        const bool isModel = item && !item->data(0, ModelIdRole).toString().isEmpty();
        m_publish->setEnabled(isModel);
        if (!isModel)
            return;
        const QString provider = item->parent() ? item->parent()->text(0) : QString();
        const QString modelId = item->data(0, ModelIdRole).toString();
        const QString category = item->data(0, CategoryRole).toString();
        if (item->data(0, ExposeRole).toBool())
            showSnippetFor(provider + QLatin1Char('/') + modelId, category);
        else
            showSnippetFor(modelId, category,
                           tr("%1 does not expose all models; publish this one as an alias so clients can call it.")
                               .arg(provider));
    });
    connect(m_aliases, &QTableWidget::currentCellChanged, this, [this](int row) {
        const bool has = row >= 0;
        m_editAlias->setEnabled(has);
        m_deleteAlias->setEnabled(has);
        if (has && m_aliases->item(row, AliasName))
            showSnippetFor(m_aliases->item(row, AliasName)->text(), m_aliases->item(row, AliasCategory)->text());
    });
    connect(m_aliases, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_reloading || item->column() != AliasActive)
            return;
        QString error;
        if (!m_ctx.aliases.setActive(item->data(AliasIdRole).toLongLong(), item->checkState() == Qt::Checked, &error))
            QMessageBox::warning(this, tr("Alias"), tr("The alias could not be changed: %1").arg(error));
    });
    connect(&m_ctx.models, &ModelStore::changed, this, &ModelsTab::reloadDiscovered);
    connect(&m_ctx.providers, &ProviderStore::changed, this, &ModelsTab::reload);
    connect(&m_ctx.aliases, &AliasStore::changed, this, &ModelsTab::reloadAliases);
    reload();
}

QString ModelsTab::snippet(int index) const
{
    return index >= 0 && index < 3 ? m_snippets[index]->toPlainText() : QString();
}

void ModelsTab::reload()
{
    reloadDiscovered();
    reloadAliases();
}

void ModelsTab::reloadDiscovered()
{
    QString currentKey;
    if (QTreeWidgetItem *current = m_discovered->currentItem())
        currentKey =
            current->data(0, ProviderIdRole).toString() + QLatin1Char('/') + current->data(0, ModelIdRole).toString();
    m_discovered->clear();
    const QList<Provider> providers = m_ctx.providers.list();
    QHash<qint64, QTreeWidgetItem *> groups;
    QHash<qint64, Provider> providerById;
    for (const Provider &p : providers) {
        providerById.insert(p.id, p);
        auto *group = new QTreeWidgetItem(m_discovered, {p.name});
        group->setData(0, ProviderIdRole, p.id);
        group->setData(0, ExposeRole, p.exposeAll);
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFirstColumnSpanned(false);
        groups.insert(p.id, group);
    }
    const QList<ModelInfo> models = m_ctx.models.list();
    QHash<qint64, int> online;
    QTreeWidgetItem *restore = nullptr;
    for (const ModelInfo &m : models) {
        QTreeWidgetItem *group = groups.value(m.providerId);
        if (!group)
            continue;
        const QString lastSeen = QLocale().toString(Clock::fromIso(m.lastSeen).toLocalTime(), QLocale::ShortFormat);
        auto *item =
            new QTreeWidgetItem(group, {m.modelId, m.status == QLatin1String("online") ? tr("online") : tr("offline"),
                                        m.category, m.ownedBy, lastSeen});
        item->setData(1, StatusBadgeDelegate::StatusRole, m.status);
        // Called as provider/model or by bare id, a model is charged the bundled price.
        const Provider &provider = providerById[m.providerId];
        const EffectivePrice bundled =
            PriceLookup::bundled(PriceTable::bundled(), provider.kind, provider.name, m.modelId);
        item->setToolTip(
            0, bundled.priced
                   ? tr("%1 in, %2 out, %3 cache read per 1M tokens (%4)")
                         .arg(PriceJson::usd(bundled.price.input), PriceJson::usd(bundled.price.output),
                              bundled.price.cacheRead ? PriceJson::usd(bundled.price.cacheRead) : tr("input price"),
                              bundled.source)
                   : tr("No bundled price: calls are logged at $0."));
        item->setData(0, ProviderIdRole, m.providerId);
        item->setData(0, ModelIdRole, m.modelId);
        item->setData(0, CategoryRole, m.category);
        item->setData(0, ExposeRole, group->data(0, ExposeRole));
        if (m.status == QLatin1String("online"))
            ++online[m.providerId];
        if (QString::number(m.providerId) + QLatin1Char('/') + m.modelId == currentKey)
            restore = item;
    }
    for (auto it = groups.constBegin(); it != groups.constEnd(); ++it) {
        QTreeWidgetItem *group = it.value();
        group->setText(1, tr("%1 online / %2").arg(online.value(it.key())).arg(group->childCount()));
        // The badge colour follows the word, not the leading digit.
        group->setData(1, StatusBadgeDelegate::StatusRole,
                       online.value(it.key()) > 0 ? QStringLiteral("online") : QStringLiteral("offline"));
        group->setExpanded(true);
    }
    for (int c = 0; c < m_discovered->columnCount(); ++c)
        m_discovered->resizeColumnToContents(c);
    if (restore)
        m_discovered->setCurrentItem(restore);
    applyFilter();
}

void ModelsTab::connectDetailRequests()
{
    // Double-click opens the model's detail page; Edit…/Publish… stay on the buttons (and its Configure tab).
    connect(m_aliases, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (QTableWidgetItem *name = m_aliases->item(row, AliasName))
            Q_EMIT modelDetailRequested(name->text(), m_aliases->item(row, AliasCategory)->text());
    });
    connect(m_discovered, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const QString modelId = item ? item->data(0, ModelIdRole).toString() : QString();
        if (modelId.isEmpty())
            return;
        const QString provider = item->parent() ? item->parent()->text(0) : QString();
        Q_EMIT modelDetailRequested(provider + QLatin1Char('/') + modelId, item->data(0, CategoryRole).toString());
    });
}

void ModelsTab::fitAliasColumns()
{
    // Long names and defaults are elided (full text in the tooltip) so every column,
    // Active included, fits without scrolling sideways at normal widths.
    const int ch = m_aliases->fontMetrics().averageCharWidth();
    const QList<QPair<int, int>> caps = {
        {AliasName, 22}, {AliasProvider, 18}, {AliasUpstream, 24}, {AliasPriceSource, 18}, {AliasDefaults, 18}};
    for (const auto &[column, chars] : caps) {
        if (m_aliases->columnWidth(column) > chars * ch)
            m_aliases->setColumnWidth(column, chars * ch);
        for (int row = 0; row < m_aliases->rowCount(); ++row) {
            if (QTableWidgetItem *item = m_aliases->item(row, column))
                item->setToolTip(item->text());
        }
    }
    m_aliases->setTextElideMode(Qt::ElideRight);
}

void ModelsTab::reloadAliases()
{
    const int currentRow = m_aliases->currentRow();
    m_reloading = true;
    const QList<Alias> aliases = m_ctx.aliases.list();
    QHash<qint64, Provider> providers;
    for (const Provider &p : m_ctx.providers.list())
        providers.insert(p.id, p);
    m_aliases->setRowCount(int(aliases.size()));
    for (int i = 0; i < aliases.size(); ++i) {
        const Alias &a = aliases.at(i);
        const QString defaults = a.defaults.isEmpty()
                                     ? QString()
                                     : QString::fromUtf8(QJsonDocument(a.defaults).toJson(QJsonDocument::Compact));
        // The price requests are charged by: the alias's own, else the bundled table's.
        const Provider provider = providers.value(a.providerId);
        const EffectivePrice effective =
            PriceLookup::effective(PriceTable::bundled(), &a.pricing, provider.kind, provider.name, a.modelId);
        const ModelPrice &p = effective.price;
        const QString none = QStringLiteral("-");
        const QStringList cells = {a.alias,
                                   a.providerName,
                                   a.modelId,
                                   a.category,
                                   effective.priced ? price(p.input) : none,
                                   effective.priced ? price(p.output) : none,
                                   !effective.priced ? none
                                   : p.cacheRead     ? price(*p.cacheRead)
                                                     : tr("= input"),
                                   !effective.priced ? none
                                   : p.cacheWrite    ? price(*p.cacheWrite)
                                                     : tr("= input"),
                                   effective.priced ? effective.source : tr("unpriced (costs $0)"),
                                   defaults,
                                   QString()};
        QString priceTip;
        if (effective.priced) {
            priceTip = effective.source == QLatin1String("override")
                           ? tr("Prices from this alias's pricing block.")
                           : tr("Prices from the bundled table (%1, matched as %2).")
                                 .arg(effective.source, effective.matchedId);
            if (p.cacheWrite1h)
                priceTip +=
                    QLatin1Char('\n') + tr("1-hour cache writes: %1 per 1M.").arg(PriceJson::usd(p.cacheWrite1h));
            const QString note = PriceJson::cacheNote(p);
            if (!note.isEmpty())
                priceTip += QLatin1Char('\n') + note;
        } else {
            priceTip = tr("No price known: requests are logged at $0. Set a pricing block on the alias.");
        }
        for (int c = 0; c < AliasColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setData(AliasIdRole, a.id);
            if (c >= AliasIn && c <= AliasCacheWrite)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (c >= AliasIn && c <= AliasPriceSource)
                item->setToolTip(priceTip);
            if (c == AliasActive) {
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
                item->setCheckState(a.active ? Qt::Checked : Qt::Unchecked);
                item->setText(a.active ? tr("active") : tr("inactive"));
            }
            m_aliases->setItem(i, c, item);
        }
    }
    m_aliases->resizeColumnsToContents();
    fitAliasColumns();
    m_reloading = false;
    if (currentRow >= 0 && currentRow < m_aliases->rowCount())
        m_aliases->selectRow(currentRow);
    applyFilter();
}

void ModelsTab::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    const bool showOffline = m_showOffline->isChecked();
    for (int g = 0; g < m_discovered->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_discovered->topLevelItem(g);
        const bool groupMatches = !text.isEmpty() && group->text(0).contains(text, Qt::CaseInsensitive);
        int visible = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool offline = item->data(1, StatusBadgeDelegate::StatusRole).toString() == QLatin1String("offline");
            const bool hide =
                (offline && !showOffline)
                || (!text.isEmpty() && !groupMatches && !item->text(0).contains(text, Qt::CaseInsensitive));
            item->setHidden(hide);
            visible += hide ? 0 : 1;
        }
        group->setHidden(!text.isEmpty() && visible == 0 && !groupMatches);
    }
    for (int r = 0; r < m_aliases->rowCount(); ++r) {
        bool match = text.isEmpty();
        for (int c = AliasName; !match && c <= AliasUpstream; ++c)
            match = m_aliases->item(r, c) && m_aliases->item(r, c)->text().contains(text, Qt::CaseInsensitive);
        m_aliases->setRowHidden(r, !match);
    }
}

void ModelsTab::showSnippetFor(const QString &model, const QString &category, const QString &note)
{
    m_snippetModel = model;
    m_openInPlayground->setEnabled(!model.isEmpty() && category == QLatin1String("chat") && note.isEmpty());
    const QString base = SnippetBuilder::gatewayBaseUrl(m_ctx.gatewayAddress());
    m_snippetTitle->setText(note.isEmpty()
                                ? tr("Call <b>%1</b> through the gateway at %2 (set TOLLGATE_KEY to a gateway key):")
                                      .arg(model.toHtmlEscaped(), base.toHtmlEscaped())
                                : note.toHtmlEscaped());
    m_snippets[0]->setPlainText(SnippetBuilder::curl(base, model, category));
    m_snippets[1]->setPlainText(SnippetBuilder::python(base, model, category));
    m_snippets[2]->setPlainText(SnippetBuilder::javascript(base, model, category));
}

void ModelsTab::publishSelected()
{
    QTreeWidgetItem *item = m_discovered->currentItem();
    if (!item || item->data(0, ModelIdRole).toString().isEmpty())
        return;
    AliasDialog dialog(m_ctx, std::nullopt, this);
    dialog.setTarget(item->data(0, ProviderIdRole).toLongLong(), item->data(0, ModelIdRole).toString(),
                     item->data(0, CategoryRole).toString());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Alias saved = dialog.savedAlias();
    for (int r = 0; r < m_aliases->rowCount(); ++r) {
        if (m_aliases->item(r, AliasName)->text() == saved.alias) {
            m_aliases->setCurrentCell(r, AliasName);
            break;
        }
    }
    showSnippetFor(saved.alias, saved.category);
}

void ModelsTab::newAlias()
{
    AliasDialog dialog(m_ctx, std::nullopt, this);
    dialog.exec();
}

void ModelsTab::editAlias()
{
    const int row = m_aliases->currentRow();
    if (row < 0 || !m_aliases->item(row, AliasName))
        return;
    const auto alias = m_ctx.aliases.find(m_aliases->item(row, AliasName)->text());
    if (!alias)
        return;
    AliasDialog dialog(m_ctx, *alias, this);
    dialog.exec();
}

void ModelsTab::deleteAlias()
{
    const int row = m_aliases->currentRow();
    if (row < 0 || !m_aliases->item(row, AliasName))
        return;
    const QString name = m_aliases->item(row, AliasName)->text();
    const auto answer = QMessageBox::question(
        this, tr("Delete alias"),
        tr("Delete the alias \"%1\"? Clients calling it will get model_not_found. Logged requests stay.").arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!m_ctx.aliases.remove(m_aliases->item(row, AliasName)->data(AliasIdRole).toLongLong(), &error))
        QMessageBox::warning(this, tr("Delete alias"), tr("The alias could not be deleted: %1").arg(error));
}
