#pragma once

#include "core/gateway/GatewayMonitor.h"
#include "core/storage/AliasStore.h"
#include "core/storage/Database.h"
#include "core/storage/KeyStore.h"
#include "core/storage/LogRecord.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/RequestLogWriter.h"
#include "core/storage/Settings.h"
#include "ui/ConsoleContext.h"

#include <QApplication>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <vector>

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

    // Inserts request_log rows directly, as RequestLogWriter writes them, in one transaction.
    bool insertLogs(const QList<LogRecord> &records)
    {
        QSqlDatabase conn = db.connection();
        conn.transaction();
        const std::vector<LogRecord> rows(records.cbegin(), records.cend());
        if (RequestLogWriter::insertRecords(conn, rows) != int(rows.size())) {
            conn.rollback();
            return false;
        }
        return conn.commit();
    }
};
