#include "core/storage/TargetStateStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

bool TargetStateStore::publish(const QSqlDatabase &db, const QHash<QString, TargetHealth::Status> &states, qint64 nowMs,
                               QString *error)
{
    QSqlDatabase conn = db;
    conn.transaction();
    QSqlQuery q(conn);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO target_state (target, state, in_flight, ttfb_ms, error_rate, "
                             "cooldown_until_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (auto it = states.constBegin(); it != states.constEnd(); ++it) {
        const TargetHealth::Status &s = *it;
        q.addBindValue(it.key());
        q.addBindValue(TargetHealth::stateName(s.state));
        q.addBindValue(s.inFlight);
        q.addBindValue(s.ttfbMs < 0 ? QVariant(QMetaType::fromType<double>()) : QVariant(s.ttfbMs));
        q.addBindValue(s.errorRate);
        q.addBindValue(s.availableAt);
        q.addBindValue(nowMs);
        if (!q.exec()) {
            if (error)
                *error = q.lastError().text();
            conn.rollback();
            return false;
        }
    }
    return conn.commit();
}

QHash<QString, TargetStateStore::Row> TargetStateStore::read(const QSqlDatabase &db)
{
    QHash<QString, Row> out;
    QSqlQuery q(db);
    q.exec(QStringLiteral(
        "SELECT target, state, in_flight, ttfb_ms, error_rate, cooldown_until_ms, updated_ms FROM target_state"));
    while (q.next()) {
        Row r;
        r.state = q.value(1).toString();
        r.inFlight = q.value(2).toInt();
        r.ttfbMs = q.value(3).isNull() ? -1 : q.value(3).toDouble();
        r.errorRate = q.value(4).toDouble();
        r.cooldownUntilMs = q.value(5).toLongLong();
        r.updatedMs = q.value(6).toLongLong();
        out.insert(q.value(0).toString(), r);
    }
    return out;
}
