#pragma once

#include "core/playground/ChatStreamClient.h"
#include "core/playground/Comparison.h"
#include "core/routing/Alias.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <functional>

// The Playground's state without widgets: a shared prompt, 1 to 6 model
// columns each with its own parameters and conversation, runs that stream
// into every column at once through a ChatStreamClient, per-column metrics
// and the best value of each metric across columns.
class PlaygroundSession final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxColumns = 6;

    enum class State { Idle, Running, Done, Failed, Stopped };
    Q_ENUM(State)
    enum class Metric { FirstToken, Total, OutputTokens, TokensPerSecond, Cost };
    Q_ENUM(Metric)

    explicit PlaygroundSession(ChatStreamClient &client, QObject *parent = nullptr);
    ~PlaygroundSession() override;

    // Prices a model name for the cost column (alias pricing; zero when unknown).
    void setPricing(std::function<Pricing(const QString &model)> pricing) { m_pricing = std::move(pricing); }

    int columnCount() const { return int(m_columns.size()); }
    // Returns the new column's index, or -1 when there are already kMaxColumns.
    int addColumn(const QString &model = QString());
    void removeColumn(int column);
    // "Keep column": drops every other column (stopping them first).
    void keepOnly(int column);

    QString model(int column) const;
    void setModel(int column, const QString &model);
    // The parameters a column's next request uses (column 0's when they are the same for all).
    ChatParameters parameters(int column) const;
    ChatParameters ownParameters(int column) const;
    void setParameters(int column, const ChatParameters &parameters);
    bool sameParameters() const { return m_comparison.sameParameters; }
    void setSameParameters(bool same);

    QString systemPrompt() const { return m_comparison.systemPrompt; }
    void setSystemPrompt(const QString &text) { m_comparison.systemPrompt = text; }
    ChatHistory sharedHistory() const { return m_comparison.history; }
    void setSharedHistory(const ChatHistory &history) { m_comparison.history = history; }

    // Starts a new comparison: every column forgets its conversation and answers `prompt`.
    bool run(const QString &prompt, QString *error = nullptr);
    // Sends a follow-up to every column, each continuing its own conversation.
    bool followUp(const QString &message, QString *error = nullptr);
    // Replays a loaded comparison against today's models: each column sends
    // its saved user turns again, one after the other.
    bool rerun(QString *error = nullptr);
    // Sends a failed column's last message again (the others keep their answers).
    bool retry(int column, QString *error = nullptr);
    void stop(int column);
    void stopAll();

    bool isRunning() const;
    bool isRunning(int column) const { return state(column) == State::Running; }
    State state(int column) const;
    // The latest answer: growing while it streams.
    QString answer(int column) const;
    QString error(int column) const;
    int httpStatus(int column) const; // of the last failed answer; 0 when none came back
    ChatMetrics metrics(int column) const;
    // The column's own turns (user/assistant) after the shared prompt, finished answers included.
    ChatHistory turns(int column) const;
    // Exactly what the column's next request sends, system and shared history first.
    ChatHistory messagesFor(int column, const QString &nextUserMessage) const;
    bool hasConversation() const;

    // The column with the best value of `metric`, or -1 unless at least two
    // columns answered and none is still running. Lower is better except for tokens/s.
    int bestColumn(Metric metric) const;
    // Every column that shares the best value (ties are all best), or none when every answer
    // ties or the metric has no better end (output tokens: fewer is not better).
    QList<int> bestColumns(Metric metric) const;
    static double metricValue(const ChatMetrics &metrics, Metric metric);

    // The comparison as saved and exported (answers and metrics included).
    Comparison comparison() const;
    // Replaces everything with a saved comparison (stops running columns first).
    void load(const Comparison &comparison);
    // After saving: the stored id, title and creation time, without touching the columns.
    void setSavedAs(qint64 id, const QString &title, const QString &createdAt, const QString &updatedAt);
    qint64 savedId() const { return m_comparison.id; }
    QString title() const { return m_comparison.title; }
    // An empty session with one column bound to `model`.
    void reset(const QString &model = QString());

Q_SIGNALS:
    void columnsChanged();
    void columnStarted(int column);
    void columnText(int column, const QString &delta);
    void columnMetrics(int column);
    void columnFinished(int column);
    void runFinished();

private:
    struct Column
    {
        ComparisonColumn data;
        State state = State::Idle;
        ChatStreamClient::StreamId stream = 0;
        QString answer;
        ChatHistory pending; // user turns still to send (rerun)
        int httpStatus = 0;
        QElapsedTimer clock; // since the current request started, for live metrics
    };

    int indexOfStream(ChatStreamClient::StreamId id) const;
    void send(int column, const QString &userMessage);
    void onFirstToken(ChatStreamClient::StreamId id, qint64 ttftMs);
    void onText(ChatStreamClient::StreamId id, const QString &delta);
    void onUsage(ChatStreamClient::StreamId id, const ChatMetrics &metrics);
    void onFinished(ChatStreamClient::StreamId id, const ChatStreamResult &result);
    double costOf(const QString &model, const ChatMetrics &metrics) const;
    bool validateBeforeSend(const QString &message, QString *error) const;

    ChatStreamClient &m_client;
    std::function<Pricing(const QString &)> m_pricing;
    Comparison m_comparison; // shared prompt, title, id; columns live in m_columns
    QList<Column> m_columns;
};
