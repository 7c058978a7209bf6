#include "core/storage/UsageQuery.h"
#include "tests/support/ConsoleFixture.h"
#include "ui/usage/UsageFormat.h"
#include "ui/usage/UsageTab.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QFile>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QValueAxis>

#include <cmath>

namespace {

// Three local days, one request per model and key every hour.
constexpr int kDays = 3;
const QStringList kModels = {QStringLiteral("fast"), QStringLiteral("smart"), QStringLiteral("embed")};
const QStringList kKeys = {QStringLiteral("ci"), QStringLiteral("alice")};

QDate firstDay()
{
    return QDate::currentDate().addDays(-kDays + 1);
}

QList<LogRecord> makeRows()
{
    QList<LogRecord> rows;
    const qint64 start = firstDay().startOfDay().toMSecsSinceEpoch();
    for (int h = 0; h < kDays * 24; ++h) {
        for (const QString &model : kModels) {
            for (const QString &key : kKeys) {
                LogRecord r;
                r.timeMs = start + qint64(h) * 3600000 + 60000;
                r.keyName = key;
                r.route = QStringLiteral("/v1/chat/completions");
                r.model = model;
                r.provider = model == QLatin1String("embed") ? QStringLiteral("local") : QStringLiteral("openai");
                r.status = 200;
                r.promptTokens = 100;
                r.completionTokens = 50;
                r.cachedTokens = 10;
                r.costUsd = model == QLatin1String("smart") ? 0.01 : 0.001;
                rows.append(r);
            }
        }
    }
    return rows;
}

} // namespace

class TestUiUsage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void groupings_data();
    void groupings();
    void hourBuckets();
    void metricSwitchKeepsSeries();
    void exportsCsv();
    void emptyRange();
    void smallCostsKeepTheirDigits();
    void headerTotalAgreesWithTheTable();
    void countAxesStepInWholeNumbers();
    void last24HoursIsARollingWindowWithHourTicks();
    void legendColoursAreDistinct();

private:
    void waitForChart(UsageTab &tab);
    ConsoleFixture *m_fx = nullptr;
    int m_rows = 0;
};

void TestUiUsage::initTestCase()
{
    m_fx = new ConsoleFixture;
    QVERIFY(m_fx->open());
    const QList<LogRecord> rows = makeRows();
    m_rows = int(rows.size());
    QVERIFY(m_fx->insertLogs(rows));
}

void TestUiUsage::cleanupTestCase()
{
    delete m_fx;
}

void TestUiUsage::waitForChart(UsageTab &tab)
{
    QSignalSpy spy(&tab, &UsageTab::chartUpdated);
    QVERIFY(spy.wait(10000));
}

void TestUiUsage::groupings_data()
{
    QTest::addColumn<int>("groupBy");
    QTest::addColumn<QStringList>("groups");
    QTest::newRow("model") << int(UsageQuery::GroupBy::Model) << QStringList{"smart", "embed", "fast"};
    QTest::newRow("key") << int(UsageQuery::GroupBy::Key) << QStringList{"alice", "ci"};
    QTest::newRow("provider") << int(UsageQuery::GroupBy::Provider) << QStringList{"openai", "local"};
}

void TestUiUsage::groupings()
{
    QFETCH(int, groupBy);
    QFETCH(QStringList, groups);
    UsageTab tab(m_fx->ctx);
    tab.show();
    waitForChart(tab); // the initial 30-day view
    tab.setRange(firstDay(), QDate::currentDate());
    waitForChart(tab);
    if (UsageQuery::GroupBy(groupBy) != UsageQuery::GroupBy::Model) {
        tab.setGroupBy(UsageQuery::GroupBy(groupBy));
        waitForChart(tab);
    }
    const auto series = tab.chart()->series();
    QCOMPARE(series.size(), groups.size());
    QStringList names;
    for (QAbstractSeries *s : series)
        names << s->name();
    QCOMPARE(names, groups); // by descending cost

    const UsageQuery::Result &r = tab.result();
    QCOMPARE(r.totals.requests, qint64(m_rows));
    QCOMPARE(r.totals.promptTokens, qint64(m_rows) * 100);
    QCOMPARE(r.buckets.size(), kDays);
    // Each line has one point per day, and the points add up to the total.
    double sum = 0;
    for (QAbstractSeries *s : series) {
        auto *line = qobject_cast<QLineSeries *>(s);
        QCOMPARE(line->count(), kDays);
        for (const QPointF &p : line->points())
            sum += p.y();
    }
    QCOMPARE(qRound64(sum), qint64(m_rows));
    QCOMPARE(tab.totalsTable()->rowCount(), groups.size());
    QVERIFY(tab.totalsText().contains(QLocale().toString(m_rows)));
}

void TestUiUsage::hourBuckets()
{
    UsageTab tab(m_fx->ctx);
    tab.show();
    waitForChart(tab);
    tab.setRange(firstDay(), QDate::currentDate());
    waitForChart(tab);
    tab.setBucket(UsageQuery::Bucket::Hour);
    waitForChart(tab);
    const auto series = tab.chart()->series();
    QCOMPARE(series.size(), kModels.size());
    QVERIFY(tab.result().buckets.size() >= kDays * 24 - 1); // a DST change may shorten a day
    // Every hour holds 2 requests per model.
    auto *line = qobject_cast<QLineSeries *>(series.first());
    QCOMPARE(line->at(5).y(), 2.0);
}

void TestUiUsage::metricSwitchKeepsSeries()
{
    UsageTab tab(m_fx->ctx);
    tab.show();
    waitForChart(tab);
    tab.setRange(firstDay(), QDate::currentDate());
    waitForChart(tab);
    QSignalSpy spy(&tab, &UsageTab::chartUpdated);
    tab.setMetric(UsageTab::Cost);
    QCOMPARE(spy.count(), 1); // redrawn from the last result, no new query
    double cost = 0;
    for (QAbstractSeries *s : tab.chart()->series()) {
        for (const QPointF &p : qobject_cast<QLineSeries *>(s)->points())
            cost += p.y();
    }
    QVERIFY(qAbs(cost - tab.result().totals.costUsd) < 1e-9);
}

void TestUiUsage::exportsCsv()
{
    UsageTab tab(m_fx->ctx);
    tab.show();
    waitForChart(tab);
    tab.setRange(firstDay(), QDate::currentDate());
    waitForChart(tab);
    const QString path = m_fx->dir.filePath(QStringLiteral("usage.csv"));
    QString error;
    QVERIFY2(tab.exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QVERIFY(lines.first().startsWith("bucket_start,model,requests"));
    QCOMPARE(lines.size(), 1 + kDays * kModels.size());
}

void TestUiUsage::emptyRange()
{
    UsageTab tab(m_fx->ctx);
    tab.show();
    waitForChart(tab);
    tab.setRange(QDate(2001, 1, 1), QDate(2001, 1, 7));
    waitForChart(tab);
    QCOMPARE(tab.chart()->series().size(), 0);
    QCOMPARE(tab.result().totals.requests, qint64(0));
    QCOMPARE(tab.result().buckets.size(), 7);
}

void TestUiUsage::smallCostsKeepTheirDigits()
{
    QCOMPARE(UsageFormat::usd(0.0021, QLocale::c()), QStringLiteral("$0.0021"));
    QCOMPARE(UsageFormat::usd(0.000035, QLocale::c()), QStringLiteral("$0.000035"));
    QCOMPARE(UsageFormat::usd(12.345, QLocale::c()), QStringLiteral("$12.35"));
    QCOMPARE(UsageFormat::usd(0, QLocale::c()), QStringLiteral("$0.00"));
    // Every cost axis label differs from its neighbours, however small the spend.
    for (double max : {0.0021, 0.00007, 0.04, 1.3, 250.0}) {
        const UsageFormat::AxisLayout a = UsageFormat::costAxis(max);
        QVERIFY(a.top >= max);
        QStringList labels;
        for (int i = 0; i < a.ticks; ++i)
            labels << QString::asprintf("%.*f", a.decimals, a.top * i / (a.ticks - 1));
        QCOMPARE(QSet<QString>(labels.cbegin(), labels.cend()).size(), a.ticks);
        QVERIFY2(labels.last() != QLatin1String("0.00"), qPrintable(labels.join(QLatin1Char(' '))));
    }
}

void TestUiUsage::headerTotalAgreesWithTheTable()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QList<LogRecord> rows;
    for (int i = 0; i < 3; ++i) {
        LogRecord r;
        r.timeMs = QDateTime::currentMSecsSinceEpoch() - 60000 * (i + 1);
        r.keyName = QStringLiteral("ci");
        r.route = QStringLiteral("/v1/chat/completions");
        r.model = QStringLiteral("tiny");
        r.provider = QStringLiteral("openai");
        r.status = 200;
        r.costUsd = 0.0007;
        rows.append(r);
    }
    QVERIFY(fx.insertLogs(rows));
    UsageTab tab(fx.ctx);
    tab.show();
    waitForChart(tab);
    tab.setMetric(UsageTab::Cost);
    QVERIFY2(tab.totalsText().contains(QLatin1String("$0.0021")), qPrintable(tab.totalsText()));
    QCOMPARE(tab.totalsTable()->item(0, 5)->text(), UsageFormat::usd(0.0021));
    auto *y = qobject_cast<QValueAxis *>(tab.chart()->axes(Qt::Vertical).value(0));
    QVERIFY(y);
    QVERIFY2(y->labelFormat() != QLatin1String("$%.2f"), qPrintable(y->labelFormat()));
    QVERIFY(y->max() >= 0.0021 && y->max() < 0.01);
}

void TestUiUsage::countAxesStepInWholeNumbers()
{
    for (double max : {1.0, 2.0, 3.0, 5.0, 7.0, 13.0, 99.0, 12345.0}) {
        const UsageFormat::AxisLayout a = UsageFormat::countAxis(max);
        const double step = a.top / (a.ticks - 1);
        QVERIFY2(step >= 1 && step == std::floor(step), qPrintable(QString::number(max)));
        QVERIFY(a.top >= max);
        QVERIFY(a.ticks <= 11);
    }
    // The tab uses it: 2 requests give ticks 0, 1, 2 (not 0, 0.5, …, 2.5 printed as "0, 1, 1, 2").
    ConsoleFixture fx;
    QVERIFY(fx.open());
    LogRecord r;
    r.timeMs = QDateTime::currentMSecsSinceEpoch() - 60000;
    r.model = QStringLiteral("tiny");
    r.status = 200;
    QVERIFY(fx.insertLogs({r, r}));
    UsageTab tab(fx.ctx);
    tab.show();
    waitForChart(tab);
    auto *y = qobject_cast<QValueAxis *>(tab.chart()->axes(Qt::Vertical).value(0));
    QVERIFY(y);
    const double step = (y->max() - y->min()) / (y->tickCount() - 1);
    QCOMPARE(step, std::floor(step));
    QVERIFY(step >= 1);
}

void TestUiUsage::last24HoursIsARollingWindowWithHourTicks()
{
    UsageTab tab(m_fx->ctx);
    tab.show();
    waitForChart(tab);
    QSignalSpy spy(&tab, &UsageTab::chartUpdated);
    tab.setLast24Hours();
    QVERIFY(spy.wait(10000));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto [from, to] = tab.queryRange();
    QVERIFY(to > now && to <= now + 3600000); // ends with the current hour
    QVERIFY(from >= now - 26 * 3600000LL);    // a day back, not "since midnight"
    QVERIFY(from <= now - 24 * 3600000LL);
    const QList<qint64> &buckets = tab.result().buckets;
    QVERIFY(!buckets.isEmpty());
    QVERIFY(buckets.last() <= now); // no future hours
    auto *x = qobject_cast<QDateTimeAxis *>(tab.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(x);
    const qint64 min = x->min().toMSecsSinceEpoch();
    const qint64 span = x->max().toMSecsSinceEpoch() - min;
    QCOMPARE(x->min().time().minute(), 0);
    QVERIFY(x->tickCount() > 2);
    QCOMPARE(span % (qint64(x->tickCount() - 1) * 3600000), qint64(0)); // every tick on the hour
}

void TestUiUsage::legendColoursAreDistinct()
{
    ConsoleFixture fx;
    QVERIFY(fx.open());
    QList<LogRecord> rows;
    for (int i = 0; i < UsageTab::MaxSeries + 2; ++i) {
        LogRecord r;
        r.timeMs = QDateTime::currentMSecsSinceEpoch() - 60000;
        r.model = QStringLiteral("model-%1").arg(i);
        r.status = 200;
        r.costUsd = 0.001 * (i + 1);
        rows.append(r);
    }
    QVERIFY(fx.insertLogs(rows));
    UsageTab tab(fx.ctx);
    tab.show();
    waitForChart(tab);
    const auto series = tab.chart()->series();
    QCOMPARE(series.size(), UsageTab::MaxSeries + 1); // with "other"
    QSet<QRgb> colours;
    for (QAbstractSeries *s : series)
        colours.insert(qobject_cast<QLineSeries *>(s)->pen().color().rgb());
    QCOMPARE(colours.size(), int(series.size()));
}

QTEST_MAIN(TestUiUsage)
#include "tst_ui_usage.moc"
