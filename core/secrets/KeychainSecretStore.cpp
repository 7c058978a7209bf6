#include "core/secrets/KeychainSecretStore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <qt6keychain/keychain.h>

#include <functional>

Q_LOGGING_CATEGORY(lcSecrets, "tollgate.secrets")

namespace {

// QtKeychain on Linux dlopens libsecret, which reaches the Secret Service over
// the session D-Bus. Without a bus (or with no daemon owning
// org.freedesktop.secrets) libsecret fails with a GIO/D-Bus error that
// QtKeychain reports as OtherError; NoBackendAvailable means libsecret itself
// is missing. Both mean the same thing to the user: there is no keychain.
bool looksUnreachable(QKeychain::Error code, const QString &text)
{
    if (code == QKeychain::NoBackendAvailable)
        return true;
    if (code != QKeychain::OtherError)
        return false;
    static const char *const hints[] = {
        "D-Bus",
        "DBus",
        "dbus",
        "autolaunch",
        "org.freedesktop.secrets",
        "ServiceUnknown",
        "Could not connect",
        "No such file",
        "not provided by any",
        "No keychain service",
        "Unknown error",
        "Connection refused",
        "Did not receive a reply",
        "NoReply",
        "Disconnected",
        "message bus",
        "spawn",
    };
    for (const char *hint : hints) {
        if (text.contains(QLatin1String(hint)))
            return true;
    }
    return false;
}

QString describe(QKeychain::Error code, const QString &text)
{
    if (looksUnreachable(code, text))
        return KeychainSecretStore::unreachableMessage();
    switch (code) {
    case QKeychain::AccessDenied:
        return KeychainSecretStore::tr("The keychain denied access (is it locked?): %1").arg(text);
    case QKeychain::EntryNotFound:
        return KeychainSecretStore::tr("The keychain holds no such entry.");
    default:
        return KeychainSecretStore::tr("The keychain reported an error: %1").arg(text);
    }
}

template<typename Job>
Job *prepare(Job *job, const QString &key)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

// Starts `job`; `handle` sees it finish unless a `context` was given and is
// gone by then (the caller's object died while the keychain was busy).
void startGuarded(QKeychain::Job *job, QObject *context, std::function<void(QKeychain::Job *)> handle)
{
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [guard, hasContext = context != nullptr, handle = std::move(handle)](QKeychain::Job *j) {
                         if (hasContext && !guard)
                             return;
                         handle(j);
                     });
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{
}

QString KeychainSecretStore::unreachableMessage()
{
    return tr("No keychain (Secret Service) is reachable, so the key was not saved. "
              "Use an environment variable reference instead, e.g. env:OPENAI_API_KEY.");
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *context, WriteDone done)
{
    auto *job = prepare(new QKeychain::WritePasswordJob(m_service), key);
    job->setTextData(secret);
    startGuarded(job, context, [done, key](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError) {
            qCDebug(lcSecrets) << "stored" << key;
            done(true, QString());
            return;
        }
        qCWarning(lcSecrets) << "storing" << key << "failed:" << j->error() << j->errorString();
        done(false, describe(j->error(), j->errorString()));
    });
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    auto *job = prepare(new QKeychain::ReadPasswordJob(m_service), key);
    startGuarded(job, context, [done, key](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError) {
            done(static_cast<QKeychain::ReadPasswordJob *>(j)->textData(), QString());
            return;
        }
        if (j->error() == QKeychain::EntryNotFound) {
            done(std::nullopt, QString());
            return;
        }
        qCWarning(lcSecrets) << "reading" << key << "failed:" << j->error() << j->errorString();
        QString message = describe(j->error(), j->errorString());
        if (message == unreachableMessage())
            message = tr("No keychain (Secret Service) is reachable, so the key cannot be read.");
        done(std::nullopt, message);
    });
}

void KeychainSecretStore::remove(const QString &key, QObject *context, WriteDone done)
{
    auto *job = prepare(new QKeychain::DeletePasswordJob(m_service), key);
    startGuarded(job, context, [done, key](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound) {
            done(true, QString());
            return;
        }
        qCWarning(lcSecrets) << "removing" << key << "failed:" << j->error() << j->errorString();
        done(false, describe(j->error(), j->errorString()));
    });
}
