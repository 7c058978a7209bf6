#pragma once

#include "core/storage/UsageQuery.h"

#include <QObject>

class Database;

// Runs UsageQuery on its own thread with that thread's database connection.
class UsageWorker final : public QObject
{
    Q_OBJECT
public:
    explicit UsageWorker(Database &db);

    void run(quint64 generation, qint64 fromMs, qint64 toMs, UsageQuery::GroupBy groupBy, UsageQuery::Bucket bucket);

Q_SIGNALS:
    void ready(quint64 generation, const UsageQuery::Result &result, const QString &error);

private:
    Database &m_db;
};
