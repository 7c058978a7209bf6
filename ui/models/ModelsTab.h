#pragma once

#include "ui/ConsoleContext.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

// Discovered models grouped by provider, the published aliases, and
// ready-to-paste client snippets for whichever one is selected.
class ModelsTab final : public QWidget
{
    Q_OBJECT
public:
    explicit ModelsTab(ConsoleContext &context, QWidget *parent = nullptr);

    enum AliasColumn {
        AliasName,
        AliasProvider,
        AliasUpstream,
        AliasCategory,
        AliasIn,
        AliasOut,
        AliasCached,
        AliasCacheWrite,
        AliasPriceSource, // "override" or "bundled 2026-08-21"
        AliasDefaults,
        AliasActive,
        AliasColumnCount
    };

    QTreeWidget *discoveredView() const { return m_discovered; }
    QTableWidget *aliasView() const { return m_aliases; }
    // The model name the snippets use right now (alias or provider/model), empty when none.
    QString snippetModel() const { return m_snippetModel; }
    QString snippet(int index) const; // 0 curl, 1 Python, 2 JavaScript
    QPushButton *openInPlaygroundButton() const { return m_openInPlayground; }

Q_SIGNALS:
    // "Open in Playground" for the selected model or alias.
    void openInPlaygroundRequested(const QString &model);
    // Double-click on an alias or a discovered model: open its detail page.
    void modelDetailRequested(const QString &model, const QString &category);

public Q_SLOTS:
    void reload();
    void publishSelected();
    void newAlias();
    void editAlias();
    void deleteAlias();

private:
    void reloadDiscovered();
    void reloadAliases();
    void fitAliasColumns();
    void connectDetailRequests();
    void applyFilter();
    void showSnippetFor(const QString &model, const QString &category, const QString &note = QString());

    ConsoleContext &m_ctx;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_showOffline = nullptr;
    QTreeWidget *m_discovered = nullptr;
    QTableWidget *m_aliases = nullptr;
    QPushButton *m_publish = nullptr;
    QPushButton *m_openInPlayground = nullptr;
    QPushButton *m_editAlias = nullptr;
    QPushButton *m_deleteAlias = nullptr;
    QLabel *m_snippetTitle = nullptr;
    QTabWidget *m_snippetTabs = nullptr;
    QPlainTextEdit *m_snippets[3] = {nullptr, nullptr, nullptr};
    QString m_snippetModel;
    bool m_reloading = false;
};
