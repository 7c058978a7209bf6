#pragma once

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

// Requests, tokens and cost from request_log, bucketed by hour or day and
// grouped by model, key or provider. Shared by the Usage tab and
// `tollgate usage`. SQLite aggregates per UTC hour along the covering indexes
// of migration 2; days are rolled up from hours here, in local time.
class UsageQuery final
{
public:
    enum class GroupBy { Model, Key, Provider };
    enum class Bucket { Hour, Day };

    struct Totals
    {
        qint64 requests = 0;
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;
        qint64 cachedTokens = 0;
        double costUsd = 0;

        qint64 tokens() const { return promptTokens + completionTokens; }
        void add(const Totals &other);
    };

    struct Row
    {
        qint64 bucketMs = 0; // bucket start, ms since epoch
        QString group;
        Totals totals;
    };

    struct Result
    {
        QList<Row> rows;    // by bucket, then group
        QStringList groups; // by descending cost, then requests
        QHash<QString, Totals> perGroup;
        Totals totals;
        QList<qint64> buckets; // every bucket start in the range, gaps included
    };

    explicit UsageQuery(QSqlDatabase db);

    // [fromMs, toMs) widened to whole hours.
    std::optional<Result> run(qint64 fromMs, qint64 toMs, GroupBy groupBy, Bucket bucket,
                              QString *error = nullptr) const;

    static QString groupByName(GroupBy groupBy); // "model" | "key" | "provider"
    static std::optional<GroupBy> parseGroupBy(const QString &name);

private:
    QSqlDatabase m_db;
};
