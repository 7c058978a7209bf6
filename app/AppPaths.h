#pragma once

#include <QString>

// Where Tollgate keeps its data: --data-dir, or the platform's
// QStandardPaths::AppDataLocation (~/.local/share/tollgate on Linux).
class AppPaths final
{
public:
    explicit AppPaths(const QString &dataDirOverride = QString());

    QString dataDir() const { return m_dataDir; }
    QString databasePath() const;
    bool ensureDataDir(QString *error) const;

private:
    QString m_dataDir;
};
