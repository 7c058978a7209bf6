#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

// Wall-clock time for everything that stores or compares timestamps, so tests
// can move time without sleeping.
namespace Clock {

QDateTime now();  // UTC
qint64 nowMs();   // ms since epoch
QString nowIso(); // ISO 8601 UTC with milliseconds and 'Z'
QString toIso(const QDateTime &t);
QString msToIso(qint64 ms);
QDateTime fromIso(const QString &iso); // invalid for an empty string

// Tests only: replace the source of time; pass nullptr to restore.
void setSourceForTesting(std::function<QDateTime()> source);

} // namespace Clock
