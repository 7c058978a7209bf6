#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QString>

#include <optional>

// "ADDR:PORT" as used by gateway.listen, --listen and the settings dialog.
// ADDR is an IPv4 address, a bracketed IPv6 address or "localhost".
struct ListenAddress
{
    Q_DECLARE_TR_FUNCTIONS(ListenAddress)
public:
    QHostAddress host;
    quint16 port = 0;

    static std::optional<ListenAddress> parse(const QString &text, QString *error);
    bool isLoopback() const { return host.isLoopback(); }
    QString toString() const;
    // Where a client on this machine reaches it: "http://127.0.0.1:4242" (a
    // wildcard address becomes loopback). Without a trailing "/v1".
    QString clientUrl() const;
};
