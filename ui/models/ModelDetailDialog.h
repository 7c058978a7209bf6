#pragma once

#include "ui/ConsoleContext.h"
#include "ui/models/ModelStats.h"

#include <QDialog>

class LogsTab;
class PlaygroundTab;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

// One model or alias on one page: how it is doing (Overview: calls, error
// rate, latency, tokens, spend over a window; status, pricing, defaults; the
// snippets to call it), its requests (Logs) and where to change it (Configure).
class ModelDetailDialog final : public QDialog
{
    Q_OBJECT
public:
    // `model` is the name clients send: an alias or provider/model-id.
    ModelDetailDialog(ConsoleContext &context, const QString &model, const QString &category,
                      QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    LogsTab *logsTab() const { return m_logs; }
    PlaygroundTab *playground() const { return m_playground; }
    const ModelStats &stats() const { return m_stats; }
    QString overviewText() const;
    QString snippet(int index) const; // 0 curl, 1 Python, 2 JavaScript

Q_SIGNALS:
    void openInPlaygroundRequested(const QString &model);
    void editAliasRequested(const QString &alias);

private:
    void refreshOverview();

    ConsoleContext &m_ctx;
    QString m_model;
    QString m_category;
    ModelStats m_stats;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_window = nullptr;
    QLabel *m_overview = nullptr;
    QPlainTextEdit *m_snippets[3] = {};
    LogsTab *m_logs = nullptr;
    PlaygroundTab *m_playground = nullptr;
};
