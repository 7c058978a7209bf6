#pragma once

#include "core/routing/Alias.h"

#include <QList>
#include <QObject>
#include <QSqlDatabase>

#include <optional>

class Database;

// Published model names (aliases) with their pricing and defaults.
class AliasStore final : public QObject
{
    Q_OBJECT
public:
    explicit AliasStore(Database &db, QObject *parent = nullptr);

    QList<Alias> list() const;
    std::optional<Alias> find(const QString &alias) const;

    bool create(Alias &alias, QString *error);
    bool update(const Alias &alias, QString *error);
    bool setActive(qint64 id, bool active, QString *error);
    bool remove(qint64 id, QString *error);

    static bool isValidName(const QString &alias);
    // Every alias, read through any connection (the gateway thread has its own).
    static QList<Alias> readAll(const QSqlDatabase &db);

Q_SIGNALS:
    void changed();

private:
    Database &m_db;
};
