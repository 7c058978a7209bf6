#pragma once

#include <QList>
#include <QStringList>

class QTextStream;

// Left-aligned columns for the human-readable CLI output.
class TextTable final
{
public:
    explicit TextTable(QStringList header);
    void addRow(QStringList cells);
    void print(QTextStream &out) const;

private:
    QList<QStringList> m_rows;
};
