#include "core/playground/PlaygroundSession.h"

#include <QLoggingCategory>

#include <cmath>

Q_LOGGING_CATEGORY(lcPlayground, "tollgate.playground")

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

PlaygroundSession::PlaygroundSession(ChatStreamClient &client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    connect(&m_client, &ChatStreamClient::firstToken, this, &PlaygroundSession::onFirstToken);
    connect(&m_client, &ChatStreamClient::textReceived, this, &PlaygroundSession::onText);
    connect(&m_client, &ChatStreamClient::usageReceived, this, &PlaygroundSession::onUsage);
    connect(&m_client, &ChatStreamClient::finished, this, &PlaygroundSession::onFinished);
}

PlaygroundSession::~PlaygroundSession()
{
    // Nobody listens any more: end the streams without signalling.
    disconnect(&m_client, nullptr, this, nullptr);
    for (const Column &c : std::as_const(m_columns)) {
        if (c.stream)
            m_client.cancel(c.stream);
    }
}

int PlaygroundSession::addColumn(const QString &model)
{
    if (m_columns.size() >= kMaxColumns)
        return -1;
    Column c;
    c.data.model = model;
    if (!m_columns.isEmpty())
        c.data.parameters = m_columns.constLast().data.parameters;
    m_columns.append(c);
    Q_EMIT columnsChanged();
    return int(m_columns.size()) - 1;
}

void PlaygroundSession::removeColumn(int column)
{
    if (column < 0 || column >= m_columns.size())
        return;
    stop(column);
    m_columns.removeAt(column);
    Q_EMIT columnsChanged();
    if (!isRunning())
        Q_EMIT runFinished();
}

void PlaygroundSession::keepOnly(int column)
{
    if (column < 0 || column >= m_columns.size())
        return;
    for (int i = 0; i < m_columns.size(); ++i) {
        if (i != column)
            stop(i);
    }
    Column kept = m_columns.at(column);
    // Its parameters become everyone's if they were shared.
    if (m_comparison.sameParameters)
        kept.data.parameters = parameters(column);
    m_columns = {kept};
    Q_EMIT columnsChanged();
}

QString PlaygroundSession::model(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).data.model : QString();
}

void PlaygroundSession::setModel(int column, const QString &model)
{
    if (column >= 0 && column < m_columns.size())
        m_columns[column].data.model = model.trimmed();
}

ChatParameters PlaygroundSession::parameters(int column) const
{
    if (m_columns.isEmpty())
        return ChatParameters();
    if (m_comparison.sameParameters)
        return m_columns.constFirst().data.parameters;
    return ownParameters(column);
}

ChatParameters PlaygroundSession::ownParameters(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).data.parameters : ChatParameters();
}

void PlaygroundSession::setParameters(int column, const ChatParameters &parameters)
{
    if (column >= 0 && column < m_columns.size())
        m_columns[column].data.parameters = parameters;
}

void PlaygroundSession::setSameParameters(bool same)
{
    m_comparison.sameParameters = same;
}

bool PlaygroundSession::validateBeforeSend(const QString &message, QString *error) const
{
    if (m_columns.isEmpty())
        return fail(error, tr("Add at least one model column."));
    if (isRunning())
        return fail(error, tr("Wait for the running answers or stop them first."));
    if (message.trimmed().isEmpty())
        return fail(error, tr("Write a message first."));
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).data.model.isEmpty())
            return fail(error, tr("Column %1 has no model.").arg(i + 1));
    }
    return true;
}

bool PlaygroundSession::run(const QString &prompt, QString *error)
{
    if (!validateBeforeSend(prompt, error))
        return false;
    for (Column &c : m_columns) {
        c.data.turns.clear();
        c.pending.clear();
    }
    for (int i = 0; i < m_columns.size(); ++i)
        send(i, prompt);
    return true;
}

bool PlaygroundSession::followUp(const QString &message, QString *error)
{
    if (!hasConversation())
        return run(message, error);
    if (!validateBeforeSend(message, error))
        return false;
    for (int i = 0; i < m_columns.size(); ++i)
        send(i, message);
    return true;
}

bool PlaygroundSession::rerun(QString *error)
{
    if (!hasConversation())
        return fail(error, tr("There is nothing to run again."));
    if (!validateBeforeSend(QStringLiteral("-"), error))
        return false;
    QList<ChatHistory> prompts;
    for (const Column &c : std::as_const(m_columns)) {
        ChatHistory users;
        for (const ChatMessage &m : c.data.turns) {
            if (m.role == QLatin1String("user"))
                users.append(m);
        }
        prompts.append(users);
    }
    for (int i = 0; i < m_columns.size(); ++i) {
        Column &c = m_columns[i];
        c.data.turns.clear();
        c.pending = prompts.at(i);
        if (!c.pending.isEmpty())
            send(i, c.pending.takeFirst().content);
    }
    return true;
}

bool PlaygroundSession::retry(int column, QString *error)
{
    if (column < 0 || column >= m_columns.size() || m_columns.at(column).state != State::Failed)
        return fail(error, tr("Only a failed answer can be retried."));
    Column &c = m_columns[column];
    // The failed exchange: the last user turn and whatever partial answer followed it.
    qsizetype last = c.data.turns.size() - 1;
    while (last >= 0 && c.data.turns.at(last).role != QLatin1String("user"))
        --last;
    if (last < 0)
        return fail(error, tr("There is nothing to retry."));
    const QString content = c.data.turns.at(last).content;
    c.data.turns.erase(c.data.turns.begin() + last, c.data.turns.end());
    send(column, content);
    return true;
}

int PlaygroundSession::httpStatus(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).httpStatus : 0;
}

ChatHistory PlaygroundSession::messagesFor(int column, const QString &nextUserMessage) const
{
    ChatHistory messages;
    if (!m_comparison.systemPrompt.trimmed().isEmpty())
        messages.append({QStringLiteral("system"), m_comparison.systemPrompt});
    messages += m_comparison.history;
    if (column >= 0 && column < m_columns.size())
        messages += m_columns.at(column).data.turns;
    if (!nextUserMessage.isEmpty())
        messages.append({QStringLiteral("user"), nextUserMessage});
    return messages;
}

void PlaygroundSession::send(int column, const QString &userMessage)
{
    Column &c = m_columns[column];
    const ChatHistory messages = messagesFor(column, userMessage);
    c.data.turns.append({QStringLiteral("user"), userMessage});
    c.data.metrics = ChatMetrics();
    c.data.error.clear();
    c.httpStatus = 0;
    c.answer.clear();
    c.state = State::Running;
    c.clock.start();
    c.stream = m_client.start(c.data.model, messages, parameters(column));
    Q_EMIT columnStarted(column);
}

void PlaygroundSession::stop(int column)
{
    if (column < 0 || column >= m_columns.size())
        return;
    Column &c = m_columns[column];
    c.pending.clear();
    if (c.stream)
        m_client.cancel(c.stream); // finished() arrives at once and settles the column
}

void PlaygroundSession::stopAll()
{
    for (int i = 0; i < m_columns.size(); ++i)
        stop(i);
}

bool PlaygroundSession::isRunning() const
{
    for (const Column &c : m_columns) {
        if (c.state == State::Running)
            return true;
    }
    return false;
}

PlaygroundSession::State PlaygroundSession::state(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).state : State::Idle;
}

QString PlaygroundSession::answer(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).answer : QString();
}

QString PlaygroundSession::error(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).data.error : QString();
}

ChatMetrics PlaygroundSession::metrics(int column) const
{
    if (column < 0 || column >= m_columns.size())
        return ChatMetrics();
    const Column &c = m_columns.at(column);
    ChatMetrics m = c.data.metrics;
    if (c.state == State::Running) {
        // Live: the clock keeps going and the count grows with the text until usage arrives.
        m.totalMs = c.clock.elapsed();
        if (!m.usageReported && !c.answer.isEmpty())
            m.completionTokens = qMax<qint64>(1, c.answer.size() / 4);
        m.costUsd = costOf(c.data.model, m);
    }
    return m;
}

ChatHistory PlaygroundSession::turns(int column) const
{
    return column >= 0 && column < m_columns.size() ? m_columns.at(column).data.turns : ChatHistory();
}

bool PlaygroundSession::hasConversation() const
{
    for (const Column &c : m_columns) {
        if (!c.data.turns.isEmpty())
            return true;
    }
    return false;
}

double PlaygroundSession::metricValue(const ChatMetrics &metrics, Metric metric)
{
    switch (metric) {
    case Metric::FirstToken:
        return double(metrics.ttftMs);
    case Metric::Total:
        return double(metrics.totalMs);
    case Metric::OutputTokens:
        return double(metrics.completionTokens);
    case Metric::TokensPerSecond:
        return metrics.tokensPerSecond();
    case Metric::Cost:
        return metrics.costUsd;
    }
    return 0;
}

int PlaygroundSession::bestColumn(Metric metric) const
{
    if (isRunning())
        return -1;
    int best = -1;
    int answered = 0;
    double bestValue = 0;
    const bool higherIsBetter = metric == Metric::TokensPerSecond;
    for (int i = 0; i < m_columns.size(); ++i) {
        const Column &c = m_columns.at(i);
        if (c.state != State::Done)
            continue;
        ++answered;
        const double v = metricValue(c.data.metrics, metric);
        if (metric == Metric::FirstToken && v < 0)
            continue;
        if (best < 0 || (higherIsBetter ? v > bestValue : v < bestValue)) {
            best = i;
            bestValue = v;
        }
    }
    return answered >= 2 ? best : -1;
}

QList<int> PlaygroundSession::bestColumns(Metric metric) const
{
    if (isRunning() || metric == Metric::OutputTokens)
        return {};
    const bool higherIsBetter = metric == Metric::TokensPerSecond;
    QList<QPair<int, double>> answered;
    for (int i = 0; i < m_columns.size(); ++i) {
        const Column &c = m_columns.at(i);
        const double v = metricValue(c.data.metrics, metric);
        if (c.state != State::Done || (metric == Metric::FirstToken && v < 0))
            continue;
        answered.append({i, v});
    }
    if (answered.size() < 2)
        return {};
    double best = answered.constFirst().second;
    for (const auto &[index, v] : std::as_const(answered))
        best = higherIsBetter ? std::max(best, v) : std::min(best, v);
    // Values within a thousandth of the best tie (metrics are shown rounded).
    const auto ties = [best](double v) { return std::abs(v - best) <= std::max(1e-9, std::abs(best) * 1e-3); };
    QList<int> out;
    for (const auto &[index, v] : std::as_const(answered)) {
        if (ties(v))
            out.append(index);
    }
    if (out.size() == answered.size())
        return {}; // nothing stands out
    return out;
}

double PlaygroundSession::costOf(const QString &model, const ChatMetrics &metrics) const
{
    if (!m_pricing)
        return 0;
    return m_pricing(model).cost(metrics.promptTokens, metrics.completionTokens, metrics.cachedTokens);
}

int PlaygroundSession::indexOfStream(ChatStreamClient::StreamId id) const
{
    for (int i = 0; i < m_columns.size(); ++i) {
        if (m_columns.at(i).stream == id)
            return i;
    }
    return -1;
}

void PlaygroundSession::onFirstToken(ChatStreamClient::StreamId id, qint64 ttftMs)
{
    const int i = indexOfStream(id);
    if (i < 0)
        return;
    m_columns[i].data.metrics.ttftMs = ttftMs;
    Q_EMIT columnMetrics(i);
}

void PlaygroundSession::onText(ChatStreamClient::StreamId id, const QString &delta)
{
    const int i = indexOfStream(id);
    if (i < 0)
        return;
    m_columns[i].answer += delta;
    Q_EMIT columnText(i, delta);
}

void PlaygroundSession::onUsage(ChatStreamClient::StreamId id, const ChatMetrics &metrics)
{
    const int i = indexOfStream(id);
    if (i < 0)
        return;
    ChatMetrics &m = m_columns[i].data.metrics;
    m.promptTokens = metrics.promptTokens;
    m.completionTokens = metrics.completionTokens;
    m.cachedTokens = metrics.cachedTokens;
    m.usageReported = true;
    Q_EMIT columnMetrics(i);
}

void PlaygroundSession::onFinished(ChatStreamClient::StreamId id, const ChatStreamResult &result)
{
    const int i = indexOfStream(id);
    if (i < 0)
        return;
    Column &c = m_columns[i];
    c.stream = 0;
    c.data.metrics = result.metrics;
    c.data.metrics.costUsd = costOf(c.data.model, result.metrics);
    c.answer = result.text;
    if (!c.answer.isEmpty())
        c.data.turns.append({QStringLiteral("assistant"), c.answer});
    if (result.ok()) {
        c.state = State::Done;
        c.data.error.clear();
    } else {
        c.state = result.error == ChatStreamResult::Error::Cancelled ? State::Stopped : State::Failed;
        c.data.error = result.message;
        c.httpStatus = result.httpStatus;
        c.pending.clear();
    }
    if (c.state == State::Done && !c.pending.isEmpty()) {
        send(i, c.pending.takeFirst().content);
        Q_EMIT columnMetrics(i);
        return;
    }
    Q_EMIT columnMetrics(i);
    Q_EMIT columnFinished(i);
    if (!isRunning())
        Q_EMIT runFinished();
}

Comparison PlaygroundSession::comparison() const
{
    Comparison c = m_comparison;
    c.columns.clear();
    for (const Column &col : m_columns)
        c.columns.append(col.data);
    return c;
}

void PlaygroundSession::load(const Comparison &comparison)
{
    for (int i = 0; i < m_columns.size(); ++i) {
        m_columns[i].pending.clear();
        if (m_columns[i].stream) {
            const auto stream = m_columns[i].stream;
            m_columns[i].stream = 0;
            m_client.cancel(stream);
        }
    }
    m_comparison = comparison;
    m_columns.clear();
    for (const ComparisonColumn &data : comparison.columns.mid(0, kMaxColumns)) {
        Column c;
        c.data = data;
        for (auto it = data.turns.crbegin(); it != data.turns.crend(); ++it) {
            if (it->role == QLatin1String("assistant")) {
                c.answer = it->content;
                break;
            }
        }
        c.state = !data.error.isEmpty() ? State::Failed : data.turns.isEmpty() ? State::Idle : State::Done;
        m_columns.append(c);
    }
    m_comparison.columns.clear();
    Q_EMIT columnsChanged();
}

void PlaygroundSession::reset(const QString &model)
{
    load(Comparison());
    addColumn(model);
}

void PlaygroundSession::setSavedAs(qint64 id, const QString &title, const QString &createdAt, const QString &updatedAt)
{
    m_comparison.id = id;
    m_comparison.title = title;
    m_comparison.createdAt = createdAt;
    m_comparison.updatedAt = updatedAt;
}
