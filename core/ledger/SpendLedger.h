#pragma once

#include "core/ledger/BudgetHolder.h"

#include <QDate>

#include <vector>

class QSqlDatabase;
struct LogRecord;

// The persistent side of spend: table spend_ledger, one row per holder and
// local day (requests, tokens, USD). Every budget period is a whole number of
// local days, so a period's spend is the sum of a handful of rows, whatever
// period a holder is given later. Written only by the log writer, in the same
// transaction as the request_log rows it comes from; never derived from
// request_log, so retention pruning leaves it alone.
namespace SpendLedger {

// Adds the batch's spend on `db` inside the caller's transaction. Returns false on an SQL error.
bool addBatch(const QSqlDatabase &db, const std::vector<LogRecord> &records);
// USD spent by `holder` on or after local day `from` (every day when `from` is invalid).
double spentSince(const QSqlDatabase &db, const BudgetHolder &holder, const QDate &from);
// The ledger's day for a timestamp: the local date, yyyy-MM-dd.
QString dayOf(qint64 ms);

} // namespace SpendLedger
