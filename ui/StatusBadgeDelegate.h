#pragma once

#include <QStyledItemDelegate>

// Draws a status word (active, syncing, errored, online, offline, revoked,
// expired, 2xx/4xx/5xx) as a rounded badge. Colours are blended into the
// palette's base colour so the badge stays readable on light and dark themes.
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The hue that stands for a status (exposed for tests and the tray icon).
    static QColor toneFor(const QString &status);
    // Role that carries the machine status word when the display text is translated.
    static constexpr int StatusRole = Qt::UserRole + 40;
};
