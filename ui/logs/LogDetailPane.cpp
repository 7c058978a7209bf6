#include "ui/logs/LogDetailPane.h"

#include "core/time/Clock.h"
#include "ui/logs/LogText.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

LogDetailPane::LogDetailPane(QWidget *parent)
    : QWidget(parent)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_tabs = new QTabWidget(this);
    auto makeBody = [this](const QString &name) {
        auto *edit = new QPlainTextEdit(this);
        edit->setObjectName(name);
        edit->setReadOnly(true);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setTabChangesFocus(true);
        return edit;
    };
    m_request = makeBody(QStringLiteral("requestBody"));
    m_response = makeBody(QStringLiteral("responseBody"));
    m_tabs->addTab(m_request, tr("Request body"));
    m_tabs->addTab(m_response, tr("Response body"));
    // Bodies are shown byte for byte as stored; formatting is a choice, not the default.
    m_pretty = new QCheckBox(tr("&Pretty-print JSON"), this);
    m_pretty->setObjectName(QStringLiteral("prettyPrint"));
    m_tabs->setCornerWidget(m_pretty, Qt::TopRightCorner);
    connect(m_pretty, &QCheckBox::toggled, this, &LogDetailPane::showBodies);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    clear();
}

QString LogDetailPane::prettyBody(const QByteArray &body)
{
    if (body.isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

void LogDetailPane::clear()
{
    m_summary->setText(tr("Select a request to see its details."));
    m_request->clear();
    m_response->clear();
    m_record.reset();
}

void LogDetailPane::showBodies()
{
    if (!m_record)
        return;
    const auto text = [this](const QByteArray &body) {
        if (body.isEmpty())
            return tr("(not logged)");
        return m_pretty->isChecked() ? prettyBody(body) : QString::fromUtf8(body);
    };
    m_request->setPlainText(text(m_record->requestBody));
    m_response->setPlainText(text(m_record->responseBody));
}

void LogDetailPane::showRecord(const LogRecord &r)
{
    const QLocale locale;
    const QString row = QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>");
    QString html = QStringLiteral("<table cellspacing=\"2\">");
    auto add = [&](const QString &label, const QString &value) {
        html += row.arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    add(tr("Request"), tr("#%1 at %2 (%3)")
                           .arg(r.id)
                           .arg(QDateTime::fromMSecsSinceEpoch(r.timeMs).toLocalTime().toString(
                                    QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                                Clock::msToIso(r.timeMs)));
    add(tr("Route"), r.stream ? tr("%1 (streamed)").arg(r.route) : r.route);
    add(tr("Model"), r.upstreamModel.isEmpty() || r.upstreamModel == r.model
                         ? r.model
                         : tr("%1 → %2 at %3").arg(r.model, r.upstreamModel, r.provider));
    add(tr("Key"), LogText::keyLabel(r));
    add(tr("Status"),
        r.error.isEmpty() ? QString::number(r.status) : tr("%1: %2").arg(r.status).arg(LogText::tidyError(r.error)));
    add(tr("Timing"), tr("%1 ms total, %2 ms to first byte")
                          .arg(locale.toString(r.latencyMs, 'f', 1), locale.toString(r.ttfbMs, 'f', 1)));
    add(tr("Tokens"), tr("%1 prompt (%2 cached), %3 completion")
                          .arg(locale.toString(r.promptTokens), locale.toString(r.cachedTokens),
                               locale.toString(r.completionTokens)));
    add(tr("Cost"), QStringLiteral("$%1").arg(locale.toString(r.costUsd, 'f', 6)));
    if (!r.client.isEmpty())
        add(tr("Client"), r.source == QLatin1String("playground") ? tr("%1 (Playground)").arg(r.client) : r.client);
    html += QStringLiteral("</table>");
    m_summary->setText(html);
    m_record = r;
    showBodies();
}

QString LogDetailPane::summaryText() const
{
    return m_summary->text();
}

QString LogDetailPane::requestBodyText() const
{
    return m_request->toPlainText();
}

QString LogDetailPane::responseBodyText() const
{
    return m_response->toPlainText();
}
