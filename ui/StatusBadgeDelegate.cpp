#include "ui/StatusBadgeDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace {

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                            a.blueF() * (1 - t) + b.blueF() * t);
}

} // namespace

QColor StatusBadgeDelegate::toneFor(const QString &status)
{
    const QString s = status.toLower();
    if (s == QLatin1String("active") || s == QLatin1String("online") || s == QLatin1String("running")
        || s.startsWith(QLatin1Char('2')))
        return QColor(0x2e, 0xa0, 0x43);
    if (s == QLatin1String("syncing") || s == QLatin1String("starting") || s.startsWith(QLatin1Char('3')))
        return QColor(0x2f, 0x81, 0xf7);
    if (s == QLatin1String("errored") || s == QLatin1String("failed") || s == QLatin1String("port in use")
        || s.startsWith(QLatin1Char('5')))
        return QColor(0xd1, 0x24, 0x2f);
    if (s.startsWith(QLatin1Char('4')) || s == QLatin1String("expired"))
        return QColor(0xbf, 0x87, 0x00);
    return QColor(0x8c, 0x95, 0x9f); // offline, revoked, disabled, stopped
}

void StatusBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    QVariant statusValue = index.data(StatusRole);
    const QString status = statusValue.isValid() ? statusValue.toString() : text;
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;

    const QColor tone = toneFor(status);
    const QColor base = opt.palette.color(QPalette::Base);
    const QColor fill = blend(base, tone, 0.28);
    const QColor border = blend(base, tone, 0.75);
    const QFontMetrics fm(opt.font);
    const int padX = 7;
    const int h = qMin(opt.rect.height() - 4, fm.height() + 4);
    const int w = qMin(opt.rect.width() - 6, fm.horizontalAdvance(text) + 2 * padX);
    const QRect badge(opt.rect.left() + 3, opt.rect.center().y() - h / 2, w, h);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge).adjusted(0.5, 0.5, -0.5, -0.5), h / 2.0, h / 2.0);
    painter->fillPath(path, fill);
    painter->setPen(border);
    painter->drawPath(path);
    painter->setPen(opt.palette.color(QPalette::Text));
    painter->drawText(badge, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, badge.width() - 2 * padX + 4));
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(s.width() + 20);
    s.setHeight(qMax(s.height(), option.fontMetrics.height() + 8));
    return s;
}
