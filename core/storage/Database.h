#pragma once

#include <QSqlDatabase>
#include <QString>

// The SQLite file at DATA_DIR/tollgate.db. Qt Sql connections belong to the
// thread that opened them, so connection() hands out one per thread, opened
// lazily with the same pragmas (WAL, foreign keys, busy timeout).
class Database final
{
public:
    explicit Database(QString path);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Opens the file, switches to WAL and applies pending migrations.
    bool open(QString *error);

    QString path() const { return m_path; }
    QSqlDatabase connection() const;

    // Drops this thread's connection; call before a worker thread ends.
    void closeThreadConnection() const;

    static QString defaultPath(const QString &dataDir);

private:
    QString connectionName() const;

    QString m_path;
    QString m_prefix;
};
