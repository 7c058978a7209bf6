#include "core/config/ConfigImporter.h"

#include "core/secrets/ProviderKeys.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSqlDatabase>

Q_LOGGING_CATEGORY(lcConfig, "tollgate.config")

struct ConfigImporter::Run
{
    ConfigDocument doc;
    BeforeCommit beforeCommit;
    std::function<void(const Result &)> done;
    Result result;
    QList<qint64> providerIds; // parallel to doc.providers
    int nextSecret = 0;        // index into doc.providers
    QList<qint64> storedSecrets;
};

ConfigImporter::ConfigImporter(const Stores &stores, QObject *parent)
    : QObject(parent)
    , m_stores(stores)
{
}

void ConfigImporter::import(const ConfigDocument &doc, BeforeCommit beforeCommit,
                            std::function<void(const Result &)> done)
{
    auto run = std::make_shared<Run>();
    run->doc = doc;
    run->beforeCommit = std::move(beforeCommit);
    run->done = std::move(done);

    QSqlDatabase connection = m_stores.db.connection();
    if (!connection.transaction()) {
        run->done({false, tr("%1: cannot start a database transaction.").arg(doc.fileName), {}, 0, 0, 0});
        return;
    }
    QString error;
    if (!writeRows(*run, &error)) {
        connection.rollback();
        run->done({false, error, {}, 0, 0, 0});
        return;
    }
    storeNextSecret(run);
}

bool ConfigImporter::writeRows(Run &run, QString *error)
{
    const ConfigDocument &doc = run.doc;
    const auto at = [&doc](int line, const QString &path, const QString &message) {
        return QStringLiteral("%1:%2: %3: %4").arg(doc.fileName).arg(line).arg(path, message);
    };
    if (doc.listen && !m_stores.settings.setValue(Settings::ListenAddress, *doc.listen)) {
        *error = at(0, QStringLiteral("gateway.listen"), tr("cannot store the setting"));
        return false;
    }
    if (doc.requireKeys && !m_stores.settings.setValue(Settings::RequireKeys, *doc.requireKeys)) {
        *error = at(0, QStringLiteral("gateway.require_keys"), tr("cannot store the setting"));
        return false;
    }

    if (doc.breakerFailures && !m_stores.settings.setValue(Settings::BreakerFailures, *doc.breakerFailures)) {
        *error = at(0, QStringLiteral("gateway.circuit_breaker.failures"), tr("cannot store the setting"));
        return false;
    }
    if (doc.breakerCooldownSec && !m_stores.settings.setValue(Settings::BreakerCooldownSec, *doc.breakerCooldownSec)) {
        *error = at(0, QStringLiteral("gateway.circuit_breaker.cooldown"), tr("cannot store the setting"));
        return false;
    }

    QHash<QString, qint64> providerIds;
    for (int i = 0; i < doc.providers.size(); ++i) {
        Provider p = doc.providers.at(i).provider;
        QString why;
        if (!m_stores.providers.create(p, &why)) {
            *error = at(doc.providers.at(i).line, QStringLiteral("providers[%1]").arg(i), why);
            return false;
        }
        providerIds.insert(p.name, p.id);
        run.providerIds.append(p.id);
        ++run.result.providers;
    }
    for (int i = 0; i < doc.aliases.size(); ++i) {
        Alias a = doc.aliases.at(i).alias;
        a.providerId = providerIds.value(a.providerName);
        for (AliasTarget &t : a.targets)
            t.providerId = providerIds.value(t.providerName);
        QString why;
        if (!m_stores.aliases.create(a, &why)) {
            *error = at(doc.aliases.at(i).line, QStringLiteral("models[%1]").arg(i), why);
            return false;
        }
        ++run.result.aliases;
    }
    for (int i = 0; i < doc.keys.size(); ++i) {
        const ConfigDocument::KeyEntry &entry = doc.keys.at(i);
        QString why;
        bool ok = false;
        if (entry.secret.isEmpty()) {
            const QString secret = m_stores.keys.create(entry.spec, &why);
            ok = !secret.isEmpty();
            if (ok)
                run.result.generatedKeys.append({entry.spec.name, secret});
        } else {
            ok = m_stores.keys.createWithSecret(entry.spec, entry.secret, &why);
        }
        if (!ok) {
            *error = at(entry.line, QStringLiteral("keys[%1]").arg(i), why);
            return false;
        }
        ++run.result.keys;
    }
    return true;
}

void ConfigImporter::storeNextSecret(const std::shared_ptr<Run> &run)
{
    const auto &providers = run->doc.providers;
    while (run->nextSecret < providers.size() && providers.at(run->nextSecret).literalKey.isEmpty())
        ++run->nextSecret;
    if (run->nextSecret >= providers.size()) {
        QString error;
        if (run->beforeCommit && !run->beforeCommit(&error)) {
            finish(run, false, error);
            return;
        }
        finish(run, true, QString());
        return;
    }
    const int index = run->nextSecret++;
    const qint64 id = run->providerIds.at(index);
    m_stores.providerKeys.saveKey(id, providers.at(index).literalKey, this,
                                  [this, run, index, id](bool ok, const QString &error) {
                                      if (!ok) {
                                          const ConfigDocument &doc = run->doc;
                                          finish(run, false,
                                                 QStringLiteral("%1:%2: providers[%3].api_key: %4")
                                                     .arg(doc.fileName)
                                                     .arg(doc.providers.at(index).line)
                                                     .arg(index)
                                                     .arg(error));
                                          return;
                                      }
                                      run->storedSecrets.append(id);
                                      storeNextSecret(run);
                                  });
}

void ConfigImporter::finish(const std::shared_ptr<Run> &run, bool ok, const QString &error)
{
    QSqlDatabase connection = m_stores.db.connection();
    if (ok && !connection.commit()) {
        ok = false;
        run->result.error = tr("%1: cannot commit the import.").arg(run->doc.fileName);
    }
    if (!ok) {
        connection.rollback();
        // Keychain entries for provider ids that no longer exist would be orphans.
        for (qint64 id : std::as_const(run->storedSecrets))
            m_stores.providerKeys.removeKey(id, this, [](bool, const QString &) {});
        Result failed;
        failed.error = run->result.error.isEmpty() ? error : run->result.error;
        qCWarning(lcConfig).noquote() << "import failed:" << failed.error;
        run->done(failed);
        return;
    }
    run->result.ok = true;
    qCInfo(lcConfig).noquote() << "imported" << run->doc.fileName << ":" << run->result.providers << "providers,"
                               << run->result.aliases << "aliases," << run->result.keys << "keys";
    run->done(run->result);
}
