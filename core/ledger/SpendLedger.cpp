#include "core/ledger/SpendLedger.h"

#include "core/storage/LogRecord.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcLedger, "tollgate.ledger")

namespace {

struct DayKey
{
    BudgetHolder holder;
    QString day;
    friend bool operator==(const DayKey &a, const DayKey &b) { return a.holder == b.holder && a.day == b.day; }
    friend size_t qHash(const DayKey &k, size_t seed = 0) { return qHashMulti(seed, k.holder, k.day); }
};

struct DaySum
{
    double usd = 0;
    qint64 requests = 0;
    qint64 tokens = 0;
};

} // namespace

namespace SpendLedger {

QString dayOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::LocalTime).date().toString(Qt::ISODate);
}

bool addBatch(const QSqlDatabase &db, const std::vector<LogRecord> &records)
{
    QHash<DayKey, DaySum> sums;
    QString lastDay;
    qint64 lastDayMs = -1;
    for (const LogRecord &r : records) {
        if (r.keyId <= 0)
            continue;
        // Most of a batch falls on one day: format the date once per distinct second.
        if (r.timeMs / 1000 != lastDayMs) {
            lastDayMs = r.timeMs / 1000;
            lastDay = dayOf(r.timeMs);
        }
        DaySum &sum = sums[DayKey{{BudgetHolder::Kind::Key, r.keyId}, lastDay}];
        sum.usd += r.costUsd;
        ++sum.requests;
        sum.tokens += r.promptTokens + r.completionTokens;
    }
    if (sums.isEmpty())
        return true;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO spend_ledger (holder_kind, holder_id, day, spend_usd, requests, tokens) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (holder_kind, holder_id, day) DO UPDATE SET "
                             "spend_usd = spend_usd + excluded.spend_usd, requests = requests + excluded.requests, "
                             "tokens = tokens + excluded.tokens"));
    bool ok = true;
    for (auto it = sums.constBegin(); it != sums.constEnd(); ++it) {
        q.addBindValue(it.key().holder.kindName());
        q.addBindValue(it.key().holder.id);
        q.addBindValue(it.key().day);
        q.addBindValue(it->usd);
        q.addBindValue(it->requests);
        q.addBindValue(it->tokens);
        if (!q.exec()) {
            qCWarning(lcLedger) << "cannot add to the spend ledger:" << q.lastError().text();
            ok = false;
        }
    }
    q.finish();
    return ok;
}

double spentSince(const QSqlDatabase &db, const BudgetHolder &holder, const QDate &from)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(spend_usd), 0) FROM spend_ledger "
                             "WHERE holder_kind = ? AND holder_id = ? AND day >= ?"));
    q.addBindValue(holder.kindName());
    q.addBindValue(holder.id);
    q.addBindValue(from.isValid() ? from.toString(Qt::ISODate) : QStringLiteral(""));
    if (!q.exec() || !q.next()) {
        qCWarning(lcLedger) << "cannot read the spend ledger:" << q.lastError().text();
        return 0;
    }
    return q.value(0).toDouble();
}

} // namespace SpendLedger
