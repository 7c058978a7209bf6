#pragma once

#include "core/storage/UsageQuery.h"
#include "ui/ConsoleContext.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QProgressBar;
class QTableWidget;
class QThread;
class UsageWorker;

// Requests, tokens or cost over time as one line per model, key or provider,
// for a date range, with totals and CSV export. Aggregation runs on a worker
// thread; the chart is rebuilt when the result arrives.
class UsageTab final : public QWidget
{
    Q_OBJECT
public:
    explicit UsageTab(ConsoleContext &context, QWidget *parent = nullptr);
    ~UsageTab() override;

    enum Metric { Requests, Tokens, Cost };
    static constexpr int MaxSeries = 8; // more groups are summed into "other"

    QChart *chart() const { return m_chart; }
    QTableWidget *totalsTable() const { return m_totals; }
    const UsageQuery::Result &result() const { return m_result; }
    QString totalsText() const;

    void setGroupBy(UsageQuery::GroupBy groupBy);
    void setBucket(UsageQuery::Bucket bucket);
    void setMetric(Metric metric);
    void setRange(const QDate &from, const QDate &to); // inclusive local dates
    void setLast24Hours();                             // a rolling window ending now
    // The [from, to) ms range the next refresh asks for.
    QPair<qint64, qint64> queryRange() const;
    bool exportCsv(const QString &path, QString *error) const;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void chartUpdated();

private:
    void onResult(quint64 generation, const UsageQuery::Result &result, const QString &error);
    void rebuildChart();
    double metricValue(const UsageQuery::Totals &t) const;

    ConsoleContext &m_ctx;
    QComboBox *m_quick = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_groupBy = nullptr;
    QComboBox *m_bucket = nullptr;
    QComboBox *m_metric = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_busy = nullptr;
    QTableWidget *m_totals = nullptr;
    QThread *m_thread = nullptr;
    UsageWorker *m_worker = nullptr;
    quint64 m_generation = 0;
    bool m_rolling = false; // "Last 24 hours": ends at the current hour, not at midnight
    UsageQuery::Result m_result;
    UsageQuery::GroupBy m_resultGroupBy = UsageQuery::GroupBy::Model;
    UsageQuery::Bucket m_resultBucket = UsageQuery::Bucket::Day;
};
