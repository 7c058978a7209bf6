#include "core/playground/PlaygroundEndpoint.h"

#include "core/net/ListenAddress.h"
#include "core/storage/KeyStore.h"
#include "core/storage/Settings.h"
#include "core/time/Clock.h"

#include <QHostAddress>

QString PlaygroundEndpoint::baseUrlFor(const QString &listenAddress)
{
    const auto listen = ListenAddress::parse(listenAddress, nullptr);
    return listen ? listen->clientUrl() : QStringLiteral("http://127.0.0.1:4242");
}

QString PlaygroundEndpoint::ensureConsoleKey(Settings &settings, KeyStore &keys, QString *error)
{
    const QString stored = settings.value(Settings::ConsoleKey).toString();
    if (!stored.isEmpty()) {
        const QString hash = KeyStore::hashSecret(stored);
        const QList<GatewayKey> all = keys.list(true);
        for (const GatewayKey &k : all) {
            if (k.hash == hash && k.revokedAt.isEmpty())
                return stored;
        }
    }
    KeyStore::NewKey spec;
    spec.name = QStringLiteral("tollgate-console");
    spec.internal = true;
    // The name is unique even among revoked keys.
    if (keys.findByName(spec.name))
        spec.name += QLatin1Char('-') + QString::number(Clock::nowMs());
    const QString secret = keys.create(spec, error);
    if (secret.isEmpty())
        return QString();
    if (!settings.setValue(Settings::ConsoleKey, secret)) {
        if (error)
            *error = tr("Cannot store the console's gateway key.");
        return QString();
    }
    return secret;
}
