#pragma once

#include "core/gateway/GatewayMonitor.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/LogRecord.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"
#include "ui/ConsoleContext.h"

#include <QApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

// A real database in a temporary directory plus every store the console
// needs, for the GUI suites (tests/tst_ui_*.cpp) and the console benchmark.
struct ConsoleFixture
{
    QTemporaryDir dir;
    Database db{dir.filePath(QStringLiteral("tollgate.db"))};
    Settings settings{db};
    ProviderStore providers{db};
    ModelStore models{db};
    AliasStore aliases{db};
    KeyStore keys{db};
    GatewayMonitor monitor;
    ConsoleContext ctx{db, settings, providers, models, aliases, keys, monitor, nullptr, nullptr, QString()};

    bool open() { return db.open(nullptr); }

    static KeyStore::NewKey keySpec(const QString &name, const QStringList &models = {}, int rpm = 0,
                                    double budgetUsd = 0, const QString &expiresAt = QString())
    {
        KeyStore::NewKey spec;
        spec.name = name;
        spec.models = models;
        spec.rpm = rpm;
        spec.budgetUsd = budgetUsd;
        spec.expiresAt = expiresAt;
        return spec;
    }

    // A null QString binds as SQL NULL; the log's text columns are NOT NULL.
    static QString notNull(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }

    // Inserts request_log rows directly (what RequestLogWriter would write), in one transaction.
    bool insertLogs(const QList<LogRecord> &records)
    {
        QSqlDatabase conn = db.connection();
        conn.transaction();
        QSqlQuery q(conn);
        q.prepare(QStringLiteral(
            "INSERT INTO request_log (time_ms, key_id, key_name, route, model, provider, upstream_model, stream, "
            "status, "
            "error, latency_ms, ttfb_ms, prompt_tokens, completion_tokens, cached_tokens, cost_usd, client, source, "
            "request_body, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const LogRecord &r : records) {
            q.addBindValue(r.timeMs);
            q.addBindValue(r.keyId);
            q.addBindValue(notNull(r.keyName));
            q.addBindValue(notNull(r.route));
            q.addBindValue(notNull(r.model));
            q.addBindValue(notNull(r.provider));
            q.addBindValue(notNull(r.upstreamModel));
            q.addBindValue(r.stream);
            q.addBindValue(r.status);
            q.addBindValue(notNull(r.error));
            q.addBindValue(r.latencyMs);
            q.addBindValue(r.ttfbMs);
            q.addBindValue(r.promptTokens);
            q.addBindValue(r.completionTokens);
            q.addBindValue(r.cachedTokens);
            q.addBindValue(r.costUsd);
            q.addBindValue(notNull(r.client));
            q.addBindValue(notNull(r.source));
            q.addBindValue(r.requestBody.isNull() ? QVariant() : QVariant(QString::fromUtf8(r.requestBody)));
            q.addBindValue(r.responseBody.isNull() ? QVariant() : QVariant(QString::fromUtf8(r.responseBody)));
            if (!q.exec()) {
                qWarning("insertLogs: %s", qPrintable(q.lastError().text()));
                conn.rollback();
                return false;
            }
        }
        return conn.commit();
    }
};
