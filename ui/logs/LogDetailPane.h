#pragma once

#include "core/storage/LogRecord.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;

// One request in full: who, what, how long, how many tokens, what it cost,
// and the logged request and response bodies (JSON pretty-printed).
class LogDetailPane final : public QWidget
{
    Q_OBJECT
public:
    explicit LogDetailPane(QWidget *parent = nullptr);

    void showRecord(const LogRecord &record);
    void clear();

    QString summaryText() const;
    QString requestBodyText() const;
    QString responseBodyText() const;

    // Pretty-prints JSON; SSE streams and other text come back unchanged.
    static QString prettyBody(const QByteArray &body);

    QCheckBox *prettyBox() const { return m_pretty; }

private:
    void showBodies();

    QLabel *m_summary = nullptr;
    QCheckBox *m_pretty = nullptr;
    std::optional<LogRecord> m_record;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPlainTextEdit *m_response = nullptr;
};
