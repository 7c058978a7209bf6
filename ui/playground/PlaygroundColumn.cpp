#include "ui/playground/PlaygroundColumn.h"

#include "ui/ThemeTone.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyle>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// The lowest value of each spin box means "not set: gateway or alias default".
constexpr double kUnsetTemperature = -0.1;
constexpr double kUnsetTopP = -0.05;

QString quoted(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &l : lines)
        l = QStringLiteral("> ") + l;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

PlaygroundColumn::PlaygroundColumn(QWidget *parent)
    : QWidget(parent)
{
    m_title = new QLabel(this);
    m_model = new QComboBox(this);
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(12);
    m_model->lineEdit()->setPlaceholderText(tr("Model or alias"));
    m_model->setToolTip(tr("Any alias or exposed model the gateway lists"));
    m_title->setBuddy(m_model);

    auto tool = [this](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    m_stop = tool(tr("Stop"), tr("Stop this answer"));
    m_keep = tool(tr("Keep"), tr("Keep only this column and continue the conversation with it"));
    m_remove = tool(QStringLiteral("✕"), tr("Remove this column"));
    m_copy = tool(tr("Copy"), tr("Copy the latest answer as Markdown"));
    m_stop->setEnabled(false);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_model, 1);
    header->addWidget(m_stop);
    header->addWidget(m_keep);
    header->addWidget(m_remove);

    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setRange(kUnsetTemperature, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(2);
    m_temperature->setSpecialValueText(tr("default"));
    m_temperature->setValue(kUnsetTemperature);
    m_temperature->setToolTip(tr("temperature"));
    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setRange(0, 1000000);
    m_maxTokens->setSingleStep(256);
    m_maxTokens->setSpecialValueText(tr("default"));
    m_maxTokens->setToolTip(tr("max_tokens"));
    m_topP = new QDoubleSpinBox(this);
    m_topP->setRange(kUnsetTopP, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setDecimals(2);
    m_topP->setSpecialValueText(tr("default"));
    m_topP->setValue(kUnsetTopP);
    m_topP->setToolTip(tr("top_p"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(-1, std::numeric_limits<int>::max());
    m_seed->setSpecialValueText(tr("none"));
    m_seed->setValue(-1);
    m_seed->setToolTip(tr("seed"));

    auto *params = new QGridLayout;
    params->setHorizontalSpacing(6);
    params->setVerticalSpacing(2);
    const QList<QPair<QString, QWidget *>> fields{
        {tr("&Temp."), m_temperature}, {tr("Max &tokens"), m_maxTokens}, {tr("to&p_p"), m_topP}, {tr("S&eed"), m_seed}};
    for (int i = 0; i < fields.size(); ++i) {
        auto *label = new QLabel(fields.at(i).first, this);
        label->setBuddy(fields.at(i).second);
        params->addWidget(label, i / 2, (i % 2) * 2);
        params->addWidget(fields.at(i).second, i / 2, (i % 2) * 2 + 1);
    }
    params->setColumnStretch(1, 1);
    params->setColumnStretch(3, 1);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // A failed answer gets a card, not a one-line label a long message would be cut in.
    m_errorCard = new QFrame(this);
    m_errorCard->setObjectName(QStringLiteral("errorCard"));
    m_errorCard->setFrameShape(QFrame::StyledPanel);
    m_errorCard->setAutoFillBackground(true);
    {
        QPalette p = m_errorCard->palette();
        p.setColor(QPalette::Window, ThemeTone::background(ThemeTone::Tone::Error, palette()));
        m_errorCard->setPalette(p);
    }
    m_errorTitle = new QLabel(m_errorCard);
    m_errorTitle->setObjectName(QStringLiteral("errorTitle"));
    m_errorTitle->setStyleSheet(QStringLiteral("font-weight: bold; ")
                                + ThemeTone::labelStyle(ThemeTone::Tone::Error, palette()));
    m_errorMessage = new QLabel(m_errorCard);
    m_errorMessage->setObjectName(QStringLiteral("errorMessage"));
    m_errorMessage->setWordWrap(true);
    m_errorMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorMessage->setTextFormat(Qt::PlainText);
    m_retry = new QPushButton(tr("&Retry"), m_errorCard);
    m_retry->setObjectName(QStringLiteral("retry"));
    auto *cardLayout = new QGridLayout(m_errorCard);
    cardLayout->addWidget(m_errorTitle, 0, 0);
    cardLayout->addWidget(m_retry, 0, 1, Qt::AlignRight);
    cardLayout->addWidget(m_errorMessage, 1, 0, 1, 2);
    m_errorCard->hide();
    connect(m_retry, &QPushButton::clicked, this, &PlaygroundColumn::retryRequested);

    m_view = new QTextBrowser(this);
    m_view->setOpenExternalLinks(true);
    m_view->setMinimumHeight(160);
    m_view->document()->setDocumentMargin(8);

    auto *metrics = new QGridLayout;
    metrics->setHorizontalSpacing(10);
    metrics->setVerticalSpacing(1);
    const QStringList names{tr("First token"), tr("Total"), tr("Output tokens"), tr("Tokens/s"), tr("Cost")};
    for (int i = 0; i < 5; ++i) {
        auto *name = new QLabel(names.at(i), this);
        m_metrics[i] = new QLabel(QStringLiteral("–"), this);
        m_metrics[i]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_metrics[i]->setObjectName(QStringLiteral("metric%1").arg(i));
        m_metrics[i]->setProperty("best", false);
        metrics->addWidget(name, i, 0);
        // Aligned, so a highlight hugs the value instead of filling the row.
        metrics->addWidget(m_metrics[i], i, 1, Qt::AlignRight);
    }
    metrics->setColumnStretch(1, 1);
    auto *footer = new QHBoxLayout;
    footer->addLayout(metrics, 1);
    footer->addWidget(m_copy, 0, Qt::AlignBottom);

    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *inner = new QVBoxLayout(frame);
    inner->addLayout(header);
    inner->addLayout(params);
    inner->addWidget(m_status);
    inner->addWidget(m_errorCard);
    inner->addWidget(m_view, 1);
    inner->addLayout(footer);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(frame);

    connect(m_model, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        if (!m_updating)
            Q_EMIT modelEdited(text);
    });
    const auto edited = [this] {
        if (!m_updating)
            Q_EMIT parametersEdited();
    };
    connect(m_temperature, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_topP, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_maxTokens, &QSpinBox::valueChanged, this, edited);
    connect(m_seed, &QSpinBox::valueChanged, this, edited);
    connect(m_stop, &QToolButton::clicked, this, &PlaygroundColumn::stopRequested);
    connect(m_keep, &QToolButton::clicked, this, &PlaygroundColumn::keepRequested);
    connect(m_remove, &QToolButton::clicked, this, &PlaygroundColumn::removeRequested);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        if (!m_latestAnswer.isEmpty())
            QApplication::clipboard()->setText(m_latestAnswer);
    });
    showState(PlaygroundSession::State::Idle, QString());
}

void PlaygroundColumn::setTitle(int index)
{
    m_title->setText(tr("&%1").arg(index + 1));
}

void PlaygroundColumn::setModelChoices(const QStringList &models)
{
    m_updating = true;
    const QString current = m_model->currentText();
    m_model->clear();
    m_model->addItems(models);
    m_model->setEditText(current);
    m_updating = false;
}

QString PlaygroundColumn::model() const
{
    return m_model->currentText().trimmed();
}

void PlaygroundColumn::setModel(const QString &model)
{
    m_updating = true;
    const int i = m_model->findText(model);
    if (i >= 0)
        m_model->setCurrentIndex(i);
    m_model->setEditText(model);
    m_updating = false;
}

ChatParameters PlaygroundColumn::parameters() const
{
    ChatParameters p;
    if (m_temperature->value() > kUnsetTemperature / 2)
        p.temperature = m_temperature->value();
    if (m_maxTokens->value() > 0)
        p.maxTokens = m_maxTokens->value();
    if (m_topP->value() > kUnsetTopP / 2)
        p.topP = m_topP->value();
    if (m_seed->value() >= 0)
        p.seed = m_seed->value();
    return p;
}

void PlaygroundColumn::setParameters(const ChatParameters &p)
{
    m_updating = true;
    m_temperature->setValue(p.temperature.value_or(kUnsetTemperature));
    m_maxTokens->setValue(p.maxTokens.value_or(0));
    m_topP->setValue(p.topP.value_or(kUnsetTopP));
    m_seed->setValue(p.seed ? int(qBound<qint64>(0, *p.seed, qint64(std::numeric_limits<int>::max()))) : -1);
    m_updating = false;
}

void PlaygroundColumn::setParametersEditable(bool editable)
{
    for (QWidget *w : {static_cast<QWidget *>(m_temperature), static_cast<QWidget *>(m_maxTokens),
                       static_cast<QWidget *>(m_topP), static_cast<QWidget *>(m_seed)})
        w->setEnabled(editable);
}

void PlaygroundColumn::setRemovable(bool removable)
{
    m_remove->setEnabled(removable);
    m_keep->setEnabled(removable);
}

QString PlaygroundColumn::conversationMarkdown(const ChatHistory &turns, const QString &liveAnswer, bool running)
{
    QStringList parts;
    for (const ChatMessage &m : turns) {
        if (m.role == QLatin1String("user"))
            parts << quoted(m.content);
        else
            parts << m.content;
    }
    if (running)
        parts << (liveAnswer.isEmpty() ? QStringLiteral("*…*") : liveAnswer + QStringLiteral(" ▍"));
    return parts.join(QLatin1String("\n\n"));
}

void PlaygroundColumn::showConversation(const ChatHistory &turns, const QString &liveAnswer, bool running)
{
    m_latestAnswer = running ? liveAnswer : QString();
    if (!running) {
        for (auto it = turns.crbegin(); it != turns.crend(); ++it) {
            if (it->role == QLatin1String("assistant")) {
                m_latestAnswer = it->content;
                break;
            }
        }
    }
    const QString markdown = conversationMarkdown(turns, liveAnswer, running);
    if (markdown == m_shownMarkdown)
        return;
    m_shownMarkdown = markdown;
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 4;
    const int keep = bar->value();
    m_view->setMarkdown(markdown);
    // Follow the stream unless the user scrolled up to read.
    bar->setValue(atEnd ? bar->maximum() : keep);
    m_copy->setEnabled(!m_latestAnswer.isEmpty());
}

void PlaygroundColumn::showState(PlaygroundSession::State state, const QString &error, bool firstByteSeen)
{
    if (state != PlaygroundSession::State::Failed)
        m_errorCard->hide();
    else
        showFailure(m_failureStatus, error);
    m_stop->setEnabled(state == PlaygroundSession::State::Running);
    QString text;
    QString style;
    switch (state) {
    case PlaygroundSession::State::Idle:
        text = tr("Ready");
        break;
    case PlaygroundSession::State::Running:
        // Until the first byte of the answer arrives nothing streams yet.
        text = firstByteSeen ? tr("Streaming…") : tr("Waiting…");
        break;
    case PlaygroundSession::State::Done:
        text = tr("Done");
        style = ThemeTone::labelStyle(ThemeTone::Tone::Success, palette());
        break;
    case PlaygroundSession::State::Stopped:
        text = tr("Stopped");
        style = ThemeTone::labelStyle(ThemeTone::Tone::Warning, palette());
        break;
    case PlaygroundSession::State::Failed:
        text = tr("Failed");
        style = ThemeTone::labelStyle(ThemeTone::Tone::Error, palette());
        break;
    }
    m_status->setText(text);
    m_status->setStyleSheet(style);
}

void PlaygroundColumn::showFailure(int httpStatus, const QString &message)
{
    m_failureStatus = httpStatus;
    m_errorTitle->setText(httpStatus > 0 ? tr("HTTP %1 · %2").arg(httpStatus).arg(httpReason(httpStatus))
                                         : tr("No answer from the gateway"));
    m_errorMessage->setText(message.isEmpty() ? tr("The request failed.") : message);
    m_errorCard->show();
}

QString PlaygroundColumn::errorCardText() const
{
    return m_errorCard->isHidden() ? QString() : m_errorTitle->text() + QLatin1Char('\n') + m_errorMessage->text();
}

QString PlaygroundColumn::httpReason(int status)
{
    switch (status) {
    case 400:
        return tr("Bad request");
    case 401:
        return tr("Unauthorized");
    case 403:
        return tr("Forbidden");
    case 404:
        return tr("Not found");
    case 408:
        return tr("Timed out");
    case 413:
        return tr("Too large");
    case 429:
        return tr("Rate limited");
    case 500:
        return tr("Server error");
    case 502:
        return tr("Bad gateway");
    case 503:
        return tr("Unavailable");
    case 504:
        return tr("Gateway timeout");
    default:
        return status >= 500 ? tr("Server error") : tr("Request error");
    }
}

void PlaygroundColumn::showMetrics(const ChatMetrics &m, bool running)
{
    const QLocale locale;
    const auto ms = [&](qint64 v) {
        if (v < 0)
            return QStringLiteral("–");
        return v < 10000 ? tr("%1 ms").arg(v) : tr("%1 s").arg(locale.toString(v / 1000.0, 'f', 1));
    };
    m_metrics[0]->setText(ms(m.ttftMs));
    m_metrics[1]->setText(ms(m.totalMs));
    const bool any = m.completionTokens > 0 || m.totalMs >= 0;
    m_metrics[2]->setText(!any              ? QStringLiteral("–")
                          : m.usageReported ? locale.toString(m.completionTokens)
                                            : QStringLiteral("~") + locale.toString(m.completionTokens));
    m_metrics[2]->setToolTip(
        m.usageReported
            ? tr("Reported by the provider (prompt: %1, cached: %2)").arg(m.promptTokens).arg(m.cachedTokens)
            : tr("Estimated from the text until the provider reports usage"));
    const double tps = m.tokensPerSecond();
    m_metrics[3]->setText(tps > 0 ? locale.toString(tps, 'f', 1) : QStringLiteral("–"));
    m_metrics[4]->setText(!any ? QStringLiteral("–") : QStringLiteral("$") + locale.toString(m.costUsd, 'f', 6));
    Q_UNUSED(running)
}

void PlaygroundColumn::setBest(PlaygroundSession::Metric metric, bool best)
{
    QLabel *label = metricLabel(metric);
    label->setProperty("best", best);
    // Palette roles, so the highlight reads in a dark theme as well as a light one.
    label->setStyleSheet(best ? QStringLiteral("font-weight: bold; color: %1; background: %2; "
                                               "border-radius: 3px; padding: 0 4px;")
                                    .arg(ThemeTone::foreground(ThemeTone::Tone::Success, palette()).name(),
                                         ThemeTone::background(ThemeTone::Tone::Success, palette()).name())
                              : QString());
}

bool PlaygroundColumn::isBest(PlaygroundSession::Metric metric) const
{
    return metricLabel(metric)->property("best").toBool();
}

QLabel *PlaygroundColumn::metricLabel(PlaygroundSession::Metric metric) const
{
    return m_metrics[int(metric)];
}
