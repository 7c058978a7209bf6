#pragma once

#include <QString>
#include <QTemporaryDir>

// Shared helpers for the Qt Test suites.
namespace TestSupport {

// Path of the built tollgate executable.
inline QString tollgateBinary()
{
    return QStringLiteral(TOLLGATE_BINARY);
}
inline QString testsDir()
{
    return QStringLiteral(TOLLGATE_TESTS_DIR);
}

} // namespace TestSupport
