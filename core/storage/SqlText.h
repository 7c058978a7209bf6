#pragma once

#include <QString>

// Qt Sql binds a null QString as SQL NULL; columns declared NOT NULL DEFAULT ''
// want an empty string instead.
inline QString sqlText(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}
