#pragma once

#include "core/config/ConfigDocument.h"
#include "core/storage/Stores.h"

#include <QList>
#include <QObject>

#include <functional>

// Writes a validated ConfigDocument in one SQLite transaction. Literal
// provider keys go to the keychain (provider/<id>) before the commit; if the
// keychain refuses one, the transaction is rolled back, keychain entries
// already written are removed again, and nothing is left behind.
class ConfigImporter final : public QObject
{
    Q_OBJECT
public:
    struct ShownKey
    {
        QString name;
        QString secret; // generated here: the caller shows it once
    };
    struct Result
    {
        bool ok = false;
        QString error;
        QList<ShownKey> generatedKeys;
        int providers = 0;
        int aliases = 0;
        int keys = 0;
    };
    // Extra writes that belong to the same transaction (first-run bookkeeping).
    using BeforeCommit = std::function<bool(QString *error)>;

    explicit ConfigImporter(const Stores &stores, QObject *parent = nullptr);

    // `done` runs exactly once, possibly before this returns.
    void import(const ConfigDocument &doc, BeforeCommit beforeCommit, std::function<void(const Result &)> done);

private:
    struct Run;
    bool writeRows(Run &run, QString *error);
    void storeNextSecret(const std::shared_ptr<Run> &run);
    void finish(const std::shared_ptr<Run> &run, bool ok, const QString &error);

    Stores m_stores;
};
