#pragma once

#include "core/secrets/SecretStore.h"

#include <QCoreApplication>

// SecretStore over QtKeychain: the Secret Service on Linux (through libsecret),
// Keychain on macOS, Credential Manager on Windows. The insecure fallback
// (a plain-text QSettings file) is always off: when no keychain answers, the
// write fails and the caller is told to use an env: reference instead.
class KeychainSecretStore final : public SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(KeychainSecretStore)
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("tollgate"));

    void write(const QString &key, const QString &secret, QObject *context, WriteDone done) override;
    void read(const QString &key, QObject *context, ReadDone done) override;
    void remove(const QString &key, QObject *context, WriteDone done) override;

    QString service() const { return m_service; }

    // The message shown when no keychain service can be reached at all.
    static QString unreachableMessage();

private:
    QString m_service;
};
