#pragma once

#include "core/routing/TargetHealth.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

// The running gateway's view of each target ("provider/model"), published to
// SQLite at most once a second so `tollgate routes` and the console can read
// it from another process.
namespace TargetStateStore {

struct Row
{
    QString state = QStringLiteral("healthy");
    int inFlight = 0;
    double ttfbMs = -1;
    double errorRate = 0;
    qint64 cooldownUntilMs = 0;
    qint64 updatedMs = 0;
};

bool publish(const QSqlDatabase &db, const QHash<QString, TargetHealth::Status> &states, qint64 nowMs, QString *error);
QHash<QString, Row> read(const QSqlDatabase &db);

} // namespace TargetStateStore
