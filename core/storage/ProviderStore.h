#pragma once

#include "core/routing/Provider.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>

#include <optional>

class Database;

// CRUD for providers. Emits changed() after every successful write so views
// and the sync service can refresh.
class ProviderStore final : public QObject
{
    Q_OBJECT
public:
    explicit ProviderStore(Database &db, QObject *parent = nullptr);

    QList<Provider> list() const;
    std::optional<Provider> find(qint64 id) const;
    std::optional<Provider> findByName(const QString &name) const;

    // Inserts and fills provider.id; fails on a duplicate name.
    bool create(Provider &provider, QString *error);
    // Writes the editable fields (name, kind, URL, key ref, interval, expose_all, enabled, options).
    bool update(const Provider &provider, QString *error);
    bool setEnabled(qint64 id, bool enabled, QString *error);
    bool setStatus(qint64 id, const QString &status, const QString &lastError, bool touchLastSync);
    bool remove(qint64 id, QString *error);

    // What a delete would take with it, for the confirmation dialog.
    struct Dependents
    {
        int aliases = 0;
        int models = 0;
    };
    Dependents dependents(qint64 id) const;

    static bool isValidName(const QString &name);
    // Every provider, read through any connection (the gateway thread has its own).
    static QList<Provider> readAll(const QSqlDatabase &db);

Q_SIGNALS:
    void changed();

private:
    Database &m_db;
};
