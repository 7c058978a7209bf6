#include "ui/usage/UsageWorker.h"

#include "core/storage/Database.h"

UsageWorker::UsageWorker(Database &db)
    : m_db(db)
{
}

void UsageWorker::run(quint64 generation, qint64 fromMs, qint64 toMs, UsageQuery::GroupBy groupBy,
                      UsageQuery::Bucket bucket)
{
    QString error;
    const auto result = UsageQuery(m_db.connection()).run(fromMs, toMs, groupBy, bucket, &error);
    Q_EMIT ready(generation, result.value_or(UsageQuery::Result{}), error);
}
