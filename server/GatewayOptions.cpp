#include "server/GatewayOptions.h"

#include <QCoreApplication>

bool GatewayOptions::parseListen(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    const QString t = text.trimmed();
    const int colon = t.lastIndexOf(QLatin1Char(':'));
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (colon <= 0)
        return fail(QCoreApplication::translate("GatewayOptions", "\"%1\" is not ADDRESS:PORT (for example 127.0.0.1:4242).").arg(text));
    QString host = t.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    bool ok = false;
    const uint p = t.mid(colon + 1).toUInt(&ok);
    if (!ok || p == 0 || p > 65535)
        return fail(QCoreApplication::translate("GatewayOptions", "\"%1\" has no valid port (1-65535).").arg(text));
    QHostAddress a;
    if (!a.setAddress(host))
        return fail(QCoreApplication::translate("GatewayOptions", "\"%1\" is not an IP address.").arg(host));
    if (address)
        *address = a;
    if (port)
        *port = quint16(p);
    return true;
}

QString GatewayOptions::listenText() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}
