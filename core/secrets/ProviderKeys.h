#pragma once

#include "core/secrets/ProviderKeySource.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QReadWriteLock>
#include <QStringList>

class SecretStore;

// Resolves Provider::keyRef:
//   ""          no key
//   "env:NAME"  the environment variable NAME (read on every use)
//   "keychain"  the SecretStore entry provider/<id>, cached in memory
// The gateway thread calls cached() while the main thread saves or preloads,
// so the cache sits behind a read-write lock. Errors name the variable or the
// provider, never the key.
class ProviderKeys final : public ProviderKeySource
{
    Q_DECLARE_TR_FUNCTIONS(ProviderKeys)
public:
    using Done = std::function<void(bool ok, const QString &error)>;
    using PreloadDone = std::function<void(int loaded, const QStringList &errors)>;

    explicit ProviderKeys(SecretStore &store);

    static QString keychainRef() { return QStringLiteral("keychain"); }
    static QString secretKeyFor(qint64 providerId);
    // "env:NAME" -> "NAME"; anything else -> empty.
    static QString envName(const QString &keyRef);
    // Empty, "keychain" or "env:" followed by a valid variable name.
    static bool isValidRef(const QString &keyRef, QString *error);

    void fetch(const Provider &provider, QObject *context,
               std::function<void(std::optional<QString> key, const QString &error)> done) override;
    std::optional<QString> cached(const Provider &provider) const override;

    // Writes the keychain entry for the provider and refreshes the cache. The
    // caller sets keyRef to keychainRef() once this succeeded.
    void saveKey(qint64 providerId, const QString &secret, QObject *context, Done done);
    void removeKey(qint64 providerId, QObject *context, Done done);
    // Reads every keychain-backed provider's key into the cache.
    void preload(const QList<Provider> &providers, QObject *context, PreloadDone done);
    void invalidate(qint64 providerId);

private:
    void remember(qint64 providerId, const QString &secret);

    SecretStore &m_store;
    mutable QReadWriteLock m_lock;
    QHash<qint64, QString> m_cache;
};
