#include "ui/SecretClipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

void SecretClipboard::copy(const QString &secret)
{
    auto *mime = new QMimeData;
    mime->setText(secret);
    mime->setData(QString::fromLatin1(mimeHint()), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
}

bool SecretClipboard::isMarkedSecret()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData(QClipboard::Clipboard);
    return mime && mime->data(QString::fromLatin1(mimeHint())) == "secret";
}
