#pragma once

#include "core/playground/Comparison.h"

#include <QList>
#include <QObject>

#include <optional>

class Database;

// Saved Playground comparisons (table `comparisons`, migration 4).
class ComparisonStore final : public QObject
{
    Q_OBJECT
public:
    explicit ComparisonStore(Database &db, QObject *parent = nullptr);

    struct Summary
    {
        qint64 id = 0;
        QString title;
        QStringList models;
        QString createdAt;
        QString updatedAt;
    };

    // Newest first.
    QList<Summary> list() const;
    std::optional<Comparison> load(qint64 id, QString *error = nullptr) const;
    // Inserts when comparison->id is 0 (and sets it), else updates; stamps the times.
    bool save(Comparison *comparison, QString *error);
    bool remove(qint64 id, QString *error);

Q_SIGNALS:
    void changed();

private:
    Database &m_db;
};
