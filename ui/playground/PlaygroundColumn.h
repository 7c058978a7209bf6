#pragma once

#include "core/playground/ChatMessage.h"
#include "core/playground/ChatMetrics.h"
#include "core/playground/ChatParameters.h"
#include "core/playground/PlaygroundSession.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFrame;
class QLabel;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QToolButton;

// One model's column in the Playground: model picker, parameters, the
// conversation rendered as Markdown, status and metrics. Holds no state of
// its own beyond what the widgets show; PlaygroundTab feeds it from the session.
class PlaygroundColumn final : public QWidget
{
    Q_OBJECT
public:
    explicit PlaygroundColumn(QWidget *parent = nullptr);

    void setTitle(int index);
    void setModelChoices(const QStringList &models);
    QString model() const;
    void setModel(const QString &model);
    ChatParameters parameters() const;
    void setParameters(const ChatParameters &parameters);
    // Off when column 1's parameters apply to every column.
    void setParametersEditable(bool editable);
    void setRemovable(bool removable);

    void showConversation(const ChatHistory &turns, const QString &liveAnswer, bool running);
    void showState(PlaygroundSession::State state, const QString &error, bool firstByteSeen = true);
    void showMetrics(const ChatMetrics &metrics, bool running);
    void setBest(PlaygroundSession::Metric metric, bool best);
    bool isBest(PlaygroundSession::Metric metric) const;

    QString latestAnswer() const { return m_latestAnswer; }
    QTextBrowser *view() const { return m_view; }
    QLabel *statusLabel() const { return m_status; }
    // The inline card a failed answer shows: HTTP status, the gateway's message, Retry.
    QFrame *errorCard() const { return m_errorCard; }
    QString errorCardText() const;
    QPushButton *retryButton() const { return m_retry; }
    void showFailure(int httpStatus, const QString &message);
    QLabel *metricLabel(PlaygroundSession::Metric metric) const;
    QComboBox *modelBox() const { return m_model; }
    QToolButton *stopButton() const { return m_stop; }
    QToolButton *keepButton() const { return m_keep; }
    QToolButton *removeButton() const { return m_remove; }
    QToolButton *copyButton() const { return m_copy; }

    static QString conversationMarkdown(const ChatHistory &turns, const QString &liveAnswer, bool running);

Q_SIGNALS:
    void modelEdited(const QString &model);
    void parametersEdited();
    void stopRequested();
    void keepRequested();
    void removeRequested();
    void retryRequested();

private:
    QLabel *m_title = nullptr;
    QComboBox *m_model = nullptr;
    QDoubleSpinBox *m_temperature = nullptr;
    QSpinBox *m_maxTokens = nullptr;
    QDoubleSpinBox *m_topP = nullptr;
    QSpinBox *m_seed = nullptr;
    QToolButton *m_stop = nullptr;
    QToolButton *m_keep = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_copy = nullptr;
    QLabel *m_status = nullptr;
    QFrame *m_errorCard = nullptr;
    QLabel *m_errorTitle = nullptr;
    QLabel *m_errorMessage = nullptr;
    QPushButton *m_retry = nullptr;
    int m_failureStatus = 0;
    static QString httpReason(int status);
    QTextBrowser *m_view = nullptr;
    QLabel *m_metrics[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
    QString m_latestAnswer;
    QString m_shownMarkdown;
    bool m_updating = false;
};
