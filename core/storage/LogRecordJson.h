#pragma once

#include "core/storage/LogRecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

// The public shape of a request log record (PRODUCT.md "Request log and
// usage"), shared by `tollgate logs --json`, the console's JSONL and CSV export.
// Bodies are never part of it.
namespace LogRecordJson {

QJsonObject toJson(const LogRecord &record);
QByteArray toJsonLine(const LogRecord &record); // compact, with a trailing '\n'

QStringList fieldNames();                     // column order of toCsvRow()
QByteArray csvHeader();                       // with a trailing "\r\n"
QByteArray toCsvRow(const LogRecord &record); // RFC 4180 quoting, trailing "\r\n"

} // namespace LogRecordJson
