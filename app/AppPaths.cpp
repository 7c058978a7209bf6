#include "app/AppPaths.h"

#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

AppPaths::AppPaths(const QString &dataDirOverride)
    : m_dataDir(dataDirOverride.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                          : QFileInfo(dataDirOverride).absoluteFilePath())
{
}

QString AppPaths::databasePath() const
{
    return Database::defaultPath(m_dataDir);
}

bool AppPaths::ensureDataDir(QString *error) const
{
    if (QDir().mkpath(m_dataDir))
        return true;
    if (error)
        *error = QCoreApplication::translate("AppPaths", "Cannot create the data directory %1.").arg(m_dataDir);
    return false;
}
