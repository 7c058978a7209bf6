#pragma once

#include "ui/ConsoleContext.h"

#include <QWidget>

class QPushButton;
class QTableWidget;

// Gateway keys: create (shown once), revoke, and what each key may do and did.
class KeysTab final : public QWidget
{
    Q_OBJECT
public:
    explicit KeysTab(ConsoleContext &context, QWidget *parent = nullptr);

    enum Column {
        NameColumn,
        PrefixColumn,
        StatusColumn,
        ModelsColumn,
        LimitsColumn,
        ExpiresColumn,
        LastUsedColumn,
        RequestsColumn,
        CreatedColumn,
        ColumnCount
    };

    QTableWidget *view() const { return m_view; }

public Q_SLOTS:
    void reload();
    void createKey();
    void revokeSelected();

private:
    ConsoleContext &m_ctx;
    QTableWidget *m_view = nullptr;
    QPushButton *m_revoke = nullptr;
};
