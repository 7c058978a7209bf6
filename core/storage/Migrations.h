#pragma once

#include <QSqlDatabase>
#include <QString>

// Numbered, forward-only schema migrations. Each step runs in its own
// transaction and bumps schema_version; a database newer than this build is
// refused rather than guessed at.
namespace Migrations {

int latestVersion();
int currentVersion(const QSqlDatabase &db);
// Applies every step after the current version, up to `target` (default: all).
bool apply(const QSqlDatabase &db, QString *error, int target = -1);

} // namespace Migrations
