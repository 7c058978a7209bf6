#include "ui/usage/UsageTab.h"

#include "core/storage/Database.h"
#include "core/time/Clock.h"
#include "ui/usage/UsageFormat.h"
#include "ui/usage/UsageWorker.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QValueAxis>

namespace {
constexpr qint64 kHourMs = 3600000;
} // namespace

UsageTab::UsageTab(ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ctx(context)
{
    m_quick = new QComboBox(this);
    m_quick->setObjectName(QStringLiteral("quickRange"));
    m_quick->addItem(tr("Last 24 hours"), 1);
    m_quick->addItem(tr("Last 7 days"), 7);
    m_quick->addItem(tr("Last 30 days"), 30);
    m_quick->addItem(tr("Last 90 days"), 90);
    m_quick->addItem(tr("Custom"), 0);
    m_quick->setCurrentIndex(2);
    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addDays(-29), this);
    m_from->setObjectName(QStringLiteral("from"));
    m_to = new QDateEdit(today, this);
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_groupBy = new QComboBox(this);
    m_groupBy->setObjectName(QStringLiteral("groupBy"));
    m_groupBy->addItem(tr("by model"), int(UsageQuery::GroupBy::Model));
    m_groupBy->addItem(tr("by key"), int(UsageQuery::GroupBy::Key));
    m_groupBy->addItem(tr("by provider"), int(UsageQuery::GroupBy::Provider));
    m_bucket = new QComboBox(this);
    m_bucket->setObjectName(QStringLiteral("bucket"));
    m_bucket->addItem(tr("per day"), int(UsageQuery::Bucket::Day));
    m_bucket->addItem(tr("per hour"), int(UsageQuery::Bucket::Hour));
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("metric"));
    m_metric->addItem(tr("Requests"), Requests);
    m_metric->addItem(tr("Tokens"), Tokens);
    m_metric->addItem(tr("Cost (USD)"), Cost);
    auto *exportButton = new QPushButton(tr("Export &CSV…"), this);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(80);
    m_busy->hide();

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_quick);
    controls->addWidget(new QLabel(tr("from"), this));
    controls->addWidget(m_from);
    controls->addWidget(new QLabel(tr("to"), this));
    controls->addWidget(m_to);
    controls->addSpacing(12);
    controls->addWidget(m_metric);
    controls->addWidget(m_groupBy);
    controls->addWidget(m_bucket);
    controls->addStretch();
    controls->addWidget(m_busy);
    controls->addWidget(exportButton);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("usageTotals"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    // Follow the system palette instead of Qt Charts' fixed light theme.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(palette().brush(QPalette::Base));
    m_chart->legend()->setLabelColor(palette().color(QPalette::Text));
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    m_totals = new QTableWidget(0, 6, this);
    m_totals->setObjectName(QStringLiteral("totals"));
    m_totals->setHorizontalHeaderLabels({tr("Group"), tr("Requests"), tr("Prompt tokens"), tr("Completion tokens"),
                                         tr("Cached tokens"), tr("Cost (USD)")});
    m_totals->verticalHeader()->hide();
    m_totals->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_totals->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_totals->horizontalHeader()->setStretchLastSection(true);
    m_totals->setAlternatingRowColors(true);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chartView);
    splitter->addWidget(m_totals);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("usage"));
    m_worker = new UsageWorker(m_ctx.db);
    m_worker->moveToThread(m_thread);
    Database &db = m_ctx.db;
    connect(
        m_thread, &QThread::finished, m_worker, [&db] { db.closeThreadConnection(); }, Qt::DirectConnection);
    connect(m_worker, &UsageWorker::ready, this, &UsageTab::onResult);
    m_thread->start();

    connect(m_quick, &QComboBox::currentIndexChanged, this, [this] {
        const int days = m_quick->currentData().toInt();
        if (days <= 0)
            return;
        const QSignalBlocker a(m_from);
        const QSignalBlocker b(m_to);
        m_to->setDate(QDate::currentDate());
        m_from->setDate(QDate::currentDate().addDays(1 - days));
        m_rolling = days == 1;
        if (days == 1)
            m_bucket->setCurrentIndex(m_bucket->findData(int(UsageQuery::Bucket::Hour)));
        refresh();
    });
    auto custom = [this] {
        m_rolling = false;
        const QSignalBlocker block(m_quick);
        m_quick->setCurrentIndex(m_quick->findData(0));
        refresh();
    };
    connect(m_from, &QDateEdit::dateChanged, this, custom);
    connect(m_to, &QDateEdit::dateChanged, this, custom);
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, &UsageTab::refresh);
    connect(m_bucket, &QComboBox::currentIndexChanged, this, &UsageTab::refresh);
    connect(m_metric, &QComboBox::currentIndexChanged, this, &UsageTab::rebuildChart);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export usage"),
            QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/tollgate-usage.csv"),
            tr("CSV (*.csv)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!exportCsv(path, &error))
            QMessageBox::warning(this, tr("Export usage"), error);
    });
    refresh();
}

UsageTab::~UsageTab()
{
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void UsageTab::setGroupBy(UsageQuery::GroupBy groupBy)
{
    m_groupBy->setCurrentIndex(m_groupBy->findData(int(groupBy)));
}

void UsageTab::setBucket(UsageQuery::Bucket bucket)
{
    m_bucket->setCurrentIndex(m_bucket->findData(int(bucket)));
}

void UsageTab::setMetric(Metric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(int(metric)));
}

void UsageTab::setRange(const QDate &from, const QDate &to)
{
    {
        const QSignalBlocker a(m_from);
        const QSignalBlocker b(m_to);
        const QSignalBlocker c(m_quick);
        m_from->setDate(from);
        m_to->setDate(to);
        m_quick->setCurrentIndex(m_quick->findData(0));
        m_rolling = false;
    }
    refresh();
}

void UsageTab::setLast24Hours()
{
    m_quick->setCurrentIndex(m_quick->findData(1));
}

QPair<qint64, qint64> UsageTab::queryRange() const
{
    if (m_rolling) {
        // The last 24 whole hours and the current one: nothing of the future, ticks on the hour.
        const QDateTime now = Clock::now().toLocalTime();
        const QDateTime hour(now.date(), QTime(now.time().hour(), 0));
        const qint64 end = hour.toMSecsSinceEpoch() + kHourMs;
        return {end - 25 * kHourMs, end};
    }
    return {m_from->date().startOfDay().toMSecsSinceEpoch(), m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch()};
}

void UsageTab::refresh()
{
    const auto [from, to] = queryRange();
    const auto groupBy = UsageQuery::GroupBy(m_groupBy->currentData().toInt());
    const auto bucket = UsageQuery::Bucket(m_bucket->currentData().toInt());
    const quint64 generation = ++m_generation;
    m_busy->show();
    UsageWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [=] { worker->run(generation, from, to, groupBy, bucket); }, Qt::QueuedConnection);
}

void UsageTab::onResult(quint64 generation, const UsageQuery::Result &result, const QString &error)
{
    if (generation != m_generation)
        return;
    m_busy->hide();
    if (!error.isEmpty()) {
        m_summary->setText(tr("Usage could not be read: %1").arg(error));
        return;
    }
    m_result = result;
    m_resultGroupBy = UsageQuery::GroupBy(m_groupBy->currentData().toInt());
    m_resultBucket = UsageQuery::Bucket(m_bucket->currentData().toInt());
    const QLocale locale;
    const UsageQuery::Totals &t = result.totals;
    m_summary->setText(
        tr("<b>%1</b> requests · <b>%2</b> prompt + <b>%3</b> completion tokens (%4 cached) · <b>$%5</b>")
            .arg(locale.toString(t.requests), locale.toString(t.promptTokens), locale.toString(t.completionTokens),
                 locale.toString(t.cachedTokens), UsageFormat::usd(t.costUsd, locale).mid(1)));
    m_totals->setRowCount(int(result.groups.size()));
    for (int i = 0; i < result.groups.size(); ++i) {
        const QString &group = result.groups.at(i);
        const UsageQuery::Totals g = result.perGroup.value(group);
        const QStringList cells = {group.isEmpty() ? tr("(none)") : group, locale.toString(g.requests),
                                   locale.toString(g.promptTokens),        locale.toString(g.completionTokens),
                                   locale.toString(g.cachedTokens),        UsageFormat::usd(g.costUsd, locale)};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_totals->setItem(i, c, item);
        }
    }
    m_totals->resizeColumnsToContents();
    rebuildChart();
}

double UsageTab::metricValue(const UsageQuery::Totals &t) const
{
    switch (Metric(m_metric->currentData().toInt())) {
    case Requests:
        return double(t.requests);
    case Tokens:
        return double(t.tokens());
    case Cost:
        return t.costUsd;
    }
    return 0;
}

void UsageTab::rebuildChart()
{
    m_chart->removeAllSeries();
    const auto axes = m_chart->axes();
    for (QAbstractAxis *axis : axes) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const UsageQuery::Result &r = m_result;
    QStringList shown = r.groups.mid(0, MaxSeries);
    const bool hasOther = r.groups.size() > MaxSeries;
    const QString otherLabel = tr("other");
    QHash<QString, int> seriesOf;
    for (int i = 0; i < shown.size(); ++i)
        seriesOf.insert(shown.at(i), i);
    const int seriesCount = int(shown.size()) + (hasOther ? 1 : 0);
    // values[series][bucket index]
    QHash<qint64, int> bucketIndex;
    for (int i = 0; i < r.buckets.size(); ++i)
        bucketIndex.insert(r.buckets.at(i), i);
    QList<QList<double>> values(seriesCount, QList<double>(r.buckets.size(), 0.0));
    for (const UsageQuery::Row &row : r.rows) {
        const int b = bucketIndex.value(row.bucketMs, -1);
        if (b < 0)
            continue;
        const int s = seriesOf.value(row.group, hasOther ? seriesCount - 1 : -1);
        if (s >= 0)
            values[s][b] += metricValue(row.totals);
    }
    double maxValue = 0;
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QList<QColor> colors = UsageFormat::seriesColors(seriesCount, dark);
    const bool fewPoints = r.buckets.size() <= 40;
    for (int s = 0; s < seriesCount; ++s) {
        auto *series = new QLineSeries(m_chart);
        const QString name = s < shown.size() ? shown.at(s) : otherLabel;
        series->setName(name.isEmpty() ? tr("(none)") : name);
        series->setPointsVisible(fewPoints);
        QList<QPointF> points;
        points.reserve(r.buckets.size());
        for (int b = 0; b < r.buckets.size(); ++b) {
            points.append(QPointF(double(r.buckets.at(b)), values[s][b]));
            maxValue = qMax(maxValue, values[s][b]);
        }
        series->replace(points);
        m_chart->addSeries(series);
        // After addSeries: the chart theme would otherwise repeat its five colours.
        QPen pen = series->pen();
        pen.setColor(colors.at(s));
        pen.setWidthF(2);
        series->setPen(pen);
    }
    auto *x = new QDateTimeAxis(m_chart);
    const bool hourly = m_resultBucket == UsageQuery::Bucket::Hour;
    const bool withinTwoDays = !r.buckets.isEmpty() && r.buckets.last() - r.buckets.first() <= 2 * 24 * kHourMs;
    x->setFormat(hourly ? (withinTwoDays ? QStringLiteral("HH:mm") : QStringLiteral("MM-dd HH:mm"))
                        : QStringLiteral("MM-dd"));
    if (!r.buckets.isEmpty()) {
        // Ticks fall on bucket boundaries: the axis may start a few buckets early to divide evenly.
        const qint64 step = hourly ? kHourMs : 24 * kHourMs;
        const int spans = int(r.buckets.size()) - 1;
        int extra = 0;
        while (extra < 3 && spans > 6 && UsageFormat::timeTickCount(spans + extra) < 4)
            ++extra;
        x->setTickCount(UsageFormat::timeTickCount(spans + extra));
        x->setRange(QDateTime::fromMSecsSinceEpoch(r.buckets.first() - extra * step),
                    QDateTime::fromMSecsSinceEpoch(r.buckets.last()));
    } else {
        x->setTickCount(2);
    }
    auto *y = new QValueAxis(m_chart);
    const bool cost = Metric(m_metric->currentData().toInt()) == Cost;
    const UsageFormat::AxisLayout layout = cost ? UsageFormat::costAxis(maxValue) : UsageFormat::countAxis(maxValue);
    y->setRange(0, layout.top);
    y->setTickCount(layout.ticks);
    y->setLabelFormat(cost ? QStringLiteral("$%.") + QString::number(layout.decimals) + QStringLiteral("f")
                           : QStringLiteral("%.0f"));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(x), static_cast<QAbstractAxis *>(y)}) {
        axis->setLabelsColor(palette().color(QPalette::Text));
        axis->setGridLineColor(palette().color(QPalette::Mid));
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    const auto series = m_chart->series();
    for (QAbstractSeries *s : series) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    m_chart->setTitle(r.groups.isEmpty() ? tr("No requests in this range") : QString());
    m_chart->setTitleBrush(palette().brush(QPalette::Text));
    Q_EMIT chartUpdated();
}

QString UsageTab::totalsText() const
{
    return m_summary->text();
}

bool UsageTab::exportCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QByteArrayLiteral("bucket_start,") + UsageQuery::groupByName(m_resultGroupBy).toUtf8()
               + QByteArrayLiteral(",requests,prompt_tokens,completion_tokens,cached_tokens,cost_usd\r\n"));
    for (const UsageQuery::Row &row : m_result.rows) {
        QByteArray group = row.group.toUtf8();
        if (group.contains(',') || group.contains('"') || group.contains('\n')) {
            group.replace("\"", "\"\"");
            group = '"' + group + '"';
        }
        file.write(Clock::msToIso(row.bucketMs).toUtf8() + ',' + group + ',' + QByteArray::number(row.totals.requests)
                   + ',' + QByteArray::number(row.totals.promptTokens) + ','
                   + QByteArray::number(row.totals.completionTokens) + ',' + QByteArray::number(row.totals.cachedTokens)
                   + ',' + QByteArray::number(row.totals.costUsd, 'g', 12) + "\r\n");
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
