#pragma once

#include <QByteArray>
#include <QJsonParseError>
#include <QString>

// A JSON parse error as a person reads it: what is wrong, in words, and where
// (line and column), instead of the parser's raw message and byte offset.
namespace JsonErrorText {

struct Position
{
    int line = 1;        // 1-based
    int column = 1;      // 1-based, in characters
    int characterOffset; // 0-based, for placing a text cursor
};

Position positionOf(const QByteArray &utf8, int byteOffset);
QString describe(const QByteArray &utf8, const QJsonParseError &error);

} // namespace JsonErrorText
