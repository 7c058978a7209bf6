#include "ui/models/JsonErrorText.h"

#include <QCoreApplication>

namespace {

QString what(QJsonParseError::ParseError error)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("JsonErrorText", text); };
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        // Qt reports a missing comma between members this way too.
        return tr("a comma or a closing } is missing here");
    case QJsonParseError::MissingNameSeparator:
        return tr("a : is missing after a name");
    case QJsonParseError::UnterminatedArray:
        return tr("a list is not closed with ]");
    case QJsonParseError::MissingValueSeparator:
        return tr("a comma is missing between two values");
    case QJsonParseError::IllegalValue:
        return tr("this is not a JSON value (strings need double quotes; true, false, null are lowercase)");
    case QJsonParseError::TerminationByNumber:
        return tr("the text ends inside a number");
    case QJsonParseError::IllegalNumber:
        return tr("this number is not valid");
    case QJsonParseError::IllegalEscapeSequence:
        return tr("a backslash escape is not valid");
    case QJsonParseError::IllegalUTF8String:
        return tr("the text is not valid UTF-8");
    case QJsonParseError::UnterminatedString:
        return tr("a string is not closed with \"");
    case QJsonParseError::MissingObject:
        return tr("an object {…} was expected");
    case QJsonParseError::DeepNesting:
        return tr("the objects are nested too deeply");
    case QJsonParseError::DocumentTooLarge:
        return tr("the text is too large");
    case QJsonParseError::GarbageAtEnd:
        return tr("there is more text after the closing }");
    case QJsonParseError::NoError:
        break;
    }
    return tr("the text is not valid JSON");
}

} // namespace

JsonErrorText::Position JsonErrorText::positionOf(const QByteArray &utf8, int byteOffset)
{
    Position p{1, 1, 0};
    const QString before = QString::fromUtf8(utf8.left(qBound(0, byteOffset, int(utf8.size()))));
    p.characterOffset = int(before.size());
    for (const QChar c : before) {
        if (c == QLatin1Char('\n')) {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;
        }
    }
    return p;
}

QString JsonErrorText::describe(const QByteArray &utf8, const QJsonParseError &error)
{
    const Position p = positionOf(utf8, error.offset);
    return QCoreApplication::translate("JsonErrorText", "Line %1, column %2: %3.")
        .arg(p.line)
        .arg(p.column)
        .arg(what(error.error));
}
