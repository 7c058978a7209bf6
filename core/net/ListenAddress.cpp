#include "core/net/ListenAddress.h"

std::optional<ListenAddress> ListenAddress::parse(const QString &text, QString *error)
{
    const auto fail = [&](const QString &why) -> std::optional<ListenAddress> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    const int colon = int(trimmed.lastIndexOf(QLatin1Char(':')));
    if (colon <= 0 || colon == trimmed.size() - 1)
        return fail(tr("\"%1\" is not ADDR:PORT (e.g. 127.0.0.1:4242).").arg(text));
    QString hostPart = trimmed.left(colon);
    const QString portPart = trimmed.mid(colon + 1);
    bool ok = false;
    const uint port = portPart.toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return fail(tr("\"%1\" is not a port between 1 and 65535.").arg(portPart));
    if (hostPart.startsWith(QLatin1Char('[')) && hostPart.endsWith(QLatin1Char(']')))
        hostPart = hostPart.mid(1, hostPart.size() - 2);
    else if (hostPart.contains(QLatin1Char(':')))
        return fail(tr("Write an IPv6 address in brackets, e.g. [::1]:4242."));
    ListenAddress result;
    if (hostPart.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        result.host = QHostAddress(QHostAddress::LocalHost);
    else if (!result.host.setAddress(hostPart))
        return fail(tr("\"%1\" is not an IP address.").arg(hostPart));
    result.port = quint16(port);
    return result;
}

QString ListenAddress::toString() const
{
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(host.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(host.toString()).arg(port);
}

QString ListenAddress::clientUrl() const
{
    ListenAddress reachable = *this;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        reachable.host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        reachable.host = QHostAddress(QHostAddress::LocalHostIPv6);
    return QStringLiteral("http://") + reachable.toString();
}
