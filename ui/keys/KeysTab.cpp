#include "ui/keys/KeysTab.h"

#include "core/storage/KeyStore.h"
#include "core/time/Clock.h"
#include "ui/StatusBadgeDelegate.h"
#include "ui/keys/KeyCreateDialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

constexpr int KeyIdRole = Qt::UserRole + 1;

QString when(const QString &iso, const QString &none)
{
    if (iso.isEmpty())
        return none;
    return QLocale().toString(Clock::fromIso(iso).toLocalTime(), QLocale::ShortFormat);
}

} // namespace

KeysTab::KeysTab(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ctx(context)
{
    auto *create = new QPushButton(tr("&Create key…"), this);
    create->setObjectName(QStringLiteral("createKey"));
    m_revoke = new QPushButton(tr("&Revoke…"), this);
    m_revoke->setObjectName(QStringLiteral("revokeKey"));
    m_revoke->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(m_revoke);
    buttons->addStretch();

    m_view = new QTableWidget(0, ColumnCount, this);
    m_view->setObjectName(QStringLiteral("keysView"));
    m_view->setHorizontalHeaderLabels({tr("Name"), tr("Key"), tr("Status"), tr("Allowed models"), tr("Limits"),
                                       tr("Expires"), tr("Last used"), tr("Requests"), tr("Created")});
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setItemDelegateForColumn(StatusColumn, new StatusBadgeDelegate(m_view));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_view);

    connect(create, &QPushButton::clicked, this, &KeysTab::createKey);
    connect(m_revoke, &QPushButton::clicked, this, &KeysTab::revokeSelected);
    connect(&m_ctx.keys, &KeyStore::changed, this, &KeysTab::reload);
    connect(m_view, &QTableWidget::currentCellChanged, this, [this](int row) {
        const bool revoked = row >= 0 && m_view->item(row, StatusColumn)
                             && m_view->item(row, StatusColumn)->data(StatusBadgeDelegate::StatusRole).toString()
                                    == QLatin1String("revoked");
        m_revoke->setEnabled(row >= 0 && !revoked);
    });
    reload();
}

void KeysTab::reload()
{
    const int current = m_view->currentRow();
    const QList<GatewayKey> keys = m_ctx.keys.list();
    const QDateTime now = Clock::now();
    m_view->setRowCount(int(keys.size()));
    for (int i = 0; i < keys.size(); ++i) {
        const GatewayKey &k = keys.at(i);
        QString status = QStringLiteral("active");
        QString statusLabel = tr("active");
        if (!k.revokedAt.isEmpty()) {
            status = QStringLiteral("revoked");
            statusLabel = tr("revoked");
        } else if (!k.expiresAt.isEmpty() && Clock::fromIso(k.expiresAt) <= now) {
            status = QStringLiteral("expired");
            statusLabel = tr("expired");
        }
        QStringList limits;
        if (k.rpm > 0)
            limits << tr("%1/min").arg(k.rpm);
        if (k.budgetUsd > 0)
            limits << tr("$%1 budget").arg(QLocale().toString(k.budgetUsd, 'f', 2));
        const QStringList cells = {k.name,
                                   k.prefix + QStringLiteral("…"),
                                   statusLabel,
                                   k.models.isEmpty() ? tr("all") : k.models.join(QLatin1String(", ")),
                                   limits.isEmpty() ? tr("none") : limits.join(QLatin1String(", ")),
                                   when(k.expiresAt, tr("never")),
                                   when(k.lastUsed, tr("never")),
                                   QLocale().toString(k.requests),
                                   when(k.createdAt, QString())};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setData(KeyIdRole, k.id);
            m_view->setItem(i, c, item);
        }
        m_view->item(i, StatusColumn)->setData(StatusBadgeDelegate::StatusRole, status);
        m_view->item(i, RequestsColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    m_view->resizeColumnsToContents();
    if (current >= 0 && current < m_view->rowCount())
        m_view->selectRow(current);
}

void KeysTab::createKey()
{
    KeyCreateDialog dialog(m_ctx, this);
    dialog.exec();
}

void KeysTab::revokeSelected()
{
    const int row = m_view->currentRow();
    if (row < 0)
        return;
    const QString name = m_view->item(row, NameColumn)->text();
    QMessageBox box(QMessageBox::Warning, tr("Revoke key"), tr("Revoke the key \"%1\"?").arg(name),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Clients using it get 401 from their next request on. This cannot be undone."));
    QPushButton *revoke = box.addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != revoke)
        return;
    QString error;
    if (!m_ctx.keys.revoke(QString::number(m_view->item(row, NameColumn)->data(KeyIdRole).toLongLong()), &error))
        QMessageBox::warning(this, tr("Revoke key"), tr("The key could not be revoked: %1").arg(error));
}
