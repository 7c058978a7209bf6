#include "app/TextTable.h"

#include <QTextStream>

TextTable::TextTable(QStringList header)
{
    m_rows.append(std::move(header));
}

void TextTable::addRow(QStringList cells)
{
    m_rows.append(std::move(cells));
}

void TextTable::print(QTextStream &out) const
{
    QList<int> widths;
    for (const QStringList &row : m_rows) {
        for (int i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], int(row.at(i).size()));
        }
    }
    for (const QStringList &row : m_rows) {
        QString line;
        for (int i = 0; i < row.size(); ++i) {
            const bool last = i == row.size() - 1;
            line += last ? row.at(i) : row.at(i).leftJustified(widths.at(i) + 2);
        }
        out << line.trimmed() << '\n';
    }
}
