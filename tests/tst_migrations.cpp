#include "core/storage/Database.h"
#include "core/storage/Migrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestMigrations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyDatabaseReachesLatest();
    void reopenIsIdempotent();
    void walModeIsOn();
    void everyEarlierVersionUpgrades();
    void newerDatabaseIsRefused();
};

void TestMigrations::emptyDatabaseReachesLatest()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(Migrations::currentVersion(db.connection()), Migrations::latestVersion());
    QSqlQuery q(db.connection());
    for (const char *table :
         {"settings", "providers", "models", "sync_events", "aliases", "gateway_keys", "request_log"}) {
        QVERIFY2(q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))), table);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
}

void TestMigrations::reopenIsIdempotent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tollgate.db"));
    {
        Database db(path);
        QVERIFY(db.open(nullptr));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('x', 'y')")));
    }
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'x'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("y"));
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestMigrations::walModeIsOn()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("tollgate.db")));
    QVERIFY(db.open(nullptr));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString().toLower(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestMigrations::everyEarlierVersionUpgrades()
{
    for (int from = 0; from < Migrations::latestVersion(); ++from) {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("tollgate.db")));
        QSqlDatabase conn = db.connection();
        QString error;
        QVERIFY2(Migrations::apply(conn, &error, from), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(conn), from);
        QVERIFY2(db.open(&error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(conn), Migrations::latestVersion());
    }
}

void TestMigrations::newerDatabaseIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tollgate.db"));
    {
        Database db(path);
        QVERIFY(db.open(nullptr));
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = 9999")));
    }
    Database db(path);
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
