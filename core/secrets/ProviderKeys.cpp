#include "core/secrets/ProviderKeys.h"

#include "core/secrets/SecretStore.h"

#include <QPointer>
#include <QRegularExpression>

#include <memory>

ProviderKeys::ProviderKeys(SecretStore &store)
    : m_store(store)
{
}

QString ProviderKeys::secretKeyFor(qint64 providerId)
{
    return QStringLiteral("provider/%1").arg(providerId);
}

QString ProviderKeys::envName(const QString &keyRef)
{
    if (!keyRef.startsWith(QLatin1String("env:")))
        return {};
    return keyRef.mid(4);
}

bool ProviderKeys::isValidRef(const QString &keyRef, QString *error)
{
    if (keyRef.isEmpty() || keyRef == keychainRef())
        return true;
    static const QRegularExpression nameRe(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (keyRef.startsWith(QLatin1String("env:")) && nameRe.match(envName(keyRef)).hasMatch())
        return true;
    if (error) {
        *error = keyRef.startsWith(QLatin1String("env:"))
                     // Not echoed: a mistyped reference may well be the key itself.
                     ? tr("env: must be followed by an environment variable name (letters, digits, _).")
                     : tr("A key reference is empty, \"keychain\" or \"env:NAME\".");
    }
    return false;
}

void ProviderKeys::fetch(const Provider &provider, QObject *context,
                         std::function<void(std::optional<QString>, const QString &)> done)
{
    if (provider.keyRef.isEmpty()) {
        done(std::nullopt, QString());
        return;
    }
    const QString env = envName(provider.keyRef);
    if (!env.isEmpty()) {
        const QString value = qEnvironmentVariable(env.toLocal8Bit().constData());
        if (value.isEmpty()) {
            done(std::nullopt,
                 tr("The environment variable %1 (key of provider \"%2\") is not set.").arg(env, provider.name));
            return;
        }
        done(value, QString());
        return;
    }
    if (provider.keyRef != keychainRef()) {
        done(std::nullopt, tr("Provider \"%1\" has an unknown key reference.").arg(provider.name));
        return;
    }
    if (auto known = cached(provider)) {
        done(known, QString());
        return;
    }
    const qint64 id = provider.id;
    const QString name = provider.name;
    m_store.read(secretKeyFor(id), context,
                 [this, id, name, done](std::optional<QString> secret, const QString &error) {
                     if (secret) {
                         remember(id, *secret);
                         done(secret, QString());
                     } else if (!error.isEmpty()) {
                         done(std::nullopt, error);
                     } else {
                         done(std::nullopt, tr("No API key for provider \"%1\" is stored in the keychain.").arg(name));
                     }
                 });
}

std::optional<QString> ProviderKeys::cached(const Provider &provider) const
{
    if (provider.keyRef.isEmpty())
        return std::nullopt;
    const QString env = envName(provider.keyRef);
    if (!env.isEmpty()) {
        const QString value = qEnvironmentVariable(env.toLocal8Bit().constData());
        return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
    }
    QReadLocker locker(&m_lock);
    const auto it = m_cache.constFind(provider.id);
    if (it == m_cache.constEnd())
        return std::nullopt;
    return *it;
}

void ProviderKeys::remember(qint64 providerId, const QString &secret)
{
    QWriteLocker locker(&m_lock);
    m_cache.insert(providerId, secret);
}

void ProviderKeys::invalidate(qint64 providerId)
{
    QWriteLocker locker(&m_lock);
    m_cache.remove(providerId);
}

void ProviderKeys::saveKey(qint64 providerId, const QString &secret, QObject *context, Done done)
{
    // A stale entry must not outlive a failed save: the next fetch re-reads.
    invalidate(providerId);
    m_store.write(secretKeyFor(providerId), secret, context,
                  [this, providerId, secret, done](bool ok, const QString &error) {
                      if (ok)
                          remember(providerId, secret);
                      done(ok, error);
                  });
}

void ProviderKeys::removeKey(qint64 providerId, QObject *context, Done done)
{
    invalidate(providerId);
    m_store.remove(secretKeyFor(providerId), context, std::move(done));
}

void ProviderKeys::preload(const QList<Provider> &providers, QObject *context, PreloadDone done)
{
    struct State
    {
        int pending = 0;
        int loaded = 0;
        QStringList errors;
    };
    auto state = std::make_shared<State>();
    QList<Provider> wanted;
    for (const Provider &p : providers) {
        if (p.keyRef == keychainRef())
            wanted.append(p);
    }
    if (wanted.isEmpty()) {
        done(0, {});
        return;
    }
    state->pending = int(wanted.size());
    for (const Provider &p : wanted) {
        const QString name = p.name;
        fetch(p, context, [state, done, name](std::optional<QString> key, const QString &error) {
            if (key)
                ++state->loaded;
            else
                state->errors.append(tr("%1: %2").arg(name, error));
            if (--state->pending == 0)
                done(state->loaded, state->errors);
        });
    }
}
