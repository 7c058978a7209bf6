#pragma once

#include <QCoreApplication>
#include <QString>

class KeyStore;
class Settings;

// Where and as whom the Playground calls the gateway: the loopback URL of the
// configured listener and the console's own internal key.
class PlaygroundEndpoint final
{
    Q_DECLARE_TR_FUNCTIONS(PlaygroundEndpoint)
public:
    // "127.0.0.1:4242" -> "http://127.0.0.1:4242"; a wildcard listener is reached on loopback.
    static QString baseUrlFor(const QString &listenAddress);
    // The console key from Settings; when it is missing (older database) or
    // revoked, creates a new internal key and stores it. Empty with *error on failure.
    static QString ensureConsoleKey(Settings &settings, KeyStore &keys, QString *error);
};
