#include "core/storage/Database.h"

#include "core/storage/Migrations.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

Q_LOGGING_CATEGORY(lcDatabase, "tollgate.database")

Database::Database(QString path)
    : m_path(std::move(path))
    , m_prefix(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

Database::~Database()
{
    closeThreadConnection();
}

QString Database::defaultPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("tollgate.db"));
}

QString Database::connectionName() const
{
    return m_prefix + QLatin1Char('-') + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
}

QSqlDatabase Database::connection() const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        qCWarning(lcDatabase) << "cannot open" << m_path << db.lastError().text();
        return db;
    }
    QSqlQuery q(db);
    // Pragmas first: WAL lets CLI readers run beside a writing gateway.
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    return db;
}

void Database::closeThreadConnection() const
{
    const QString name = connectionName();
    if (!QSqlDatabase::contains(name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

bool Database::open(QString *error)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create data directory %1").arg(info.absolutePath());
        return false;
    }
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        if (error)
            *error = QStringLiteral("cannot open database %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    {
        QSqlQuery q(db);
        const bool wal = q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next()
                         && q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0;
        if (!wal) {
            if (error)
                *error = QStringLiteral("cannot switch %1 to WAL mode").arg(m_path);
            return false;
        }
    }
    return Migrations::apply(db, error);
}
