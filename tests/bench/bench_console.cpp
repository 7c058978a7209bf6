// Fills a database with 1,000,000 request log rows over 30 days and measures
// what a user waits for: the Logs tab showing its first rows, scrolling
// further pages, a filtered open, and the Usage chart for those 30 days.
// Usage: bench_console [ROWS] [DB_PATH]   (an existing DB_PATH is reused)

#include "core/time/Clock.h"
#include "tests/support/ConsoleFixture.h"
#include "ui/logs/LogTableModel.h"
#include "ui/logs/LogsTab.h"
#include "ui/usage/UsageTab.h"

#include <QApplication>
#include <QChart>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTextStream>

#include <cstdio>

namespace {

QTextStream out(stdout);

bool fill(Database &db, qint64 rows)
{
    const QStringList models = {"fast",       "smart", "embed", "openai/gpt-4o", "anthropic/claude-3-5-sonnet",
                                "local/llama"};
    const QStringList providers = {"openai", "openai", "openai", "openai", "anthropic", "local"};
    const QStringList keys = {"ci", "alice", "bob", "carol", "playground", "batch", "staging", "prod"};
    const qint64 end = Clock::nowMs();
    const qint64 start = end - 30LL * 24 * 3600 * 1000;
    const qint64 step = (end - start) / rows;
    QSqlDatabase conn = db.connection();
    QSqlQuery q(conn);
    q.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    conn.transaction();
    q.prepare(QStringLiteral(
        "INSERT INTO request_log (time_ms, key_name, route, model, provider, upstream_model, stream, status, error, "
        "latency_ms, ttfb_ms, prompt_tokens, completion_tokens, cached_tokens, cost_usd, client, request_body, "
        "response_body) VALUES (?, ?, '/v1/chat/completions', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '127.0.0.1', ?, ?)"));
    const QString request = QStringLiteral("{\"model\":\"%1\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise "
                                           "the attached meeting notes in three bullet points.\"}]}");
    const QString response = QStringLiteral("{\"id\":\"chatcmpl-%1\",\"choices\":[{\"message\":{\"role\":\"assistant\","
                                            "\"content\":\"- Budget approved\\n- Launch moved\\n- Hiring paused\"}}]}");
    for (qint64 i = 0; i < rows; ++i) {
        const int m = int(i % models.size());
        const int status = i % 97 == 0 ? 502 : (i % 53 == 0 ? 429 : 200);
        q.addBindValue(start + i * step);
        q.addBindValue(keys.at(int((i / 7) % keys.size())));
        q.addBindValue(models.at(m));
        q.addBindValue(providers.at(m));
        q.addBindValue(models.at(m) + QStringLiteral("-up"));
        q.addBindValue(i % 3 == 0);
        q.addBindValue(status);
        q.addBindValue(status == 502 ? QStringLiteral("upstream unreachable") : QStringLiteral(""));
        q.addBindValue(200.0 + double(i % 900));
        q.addBindValue(50.0 + double(i % 200));
        q.addBindValue(100 + i % 1500);
        q.addBindValue(20 + i % 400);
        q.addBindValue(i % 5 == 0 ? 64 : 0);
        q.addBindValue(0.00001 * double(i % 300));
        q.addBindValue(request.arg(models.at(m)));
        q.addBindValue(response.arg(i));
        if (!q.exec()) {
            out << "insert failed: " << q.lastError().text() << "\n";
            return false;
        }
        if (i % 200000 == 199999) {
            conn.commit();
            conn.transaction();
            out << "  " << (i + 1) << " rows\n";
            out.flush();
        }
    }
    conn.commit();
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tollgate-bench"));
    const qint64 rows = argc > 1 ? QString::fromLocal8Bit(argv[1]).toLongLong() : 1000000;
    ConsoleFixture fx;
    QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : fx.dir.filePath(QStringLiteral("bench.db"));
    const bool reuse = QFileInfo::exists(path);
    {
        Database filler(path);
        QString error;
        if (!filler.open(&error)) {
            out << "cannot open " << path << ": " << error << '\n';
            return 1;
        }
        if (!reuse) {
            out << "filling " << rows << " rows over 30 days into " << path << '\n';
            out.flush();
            QElapsedTimer t;
            t.start();
            if (!fill(filler, rows))
                return 1;
            out << "filled in " << t.elapsed() << " ms\n";
        }
    }

    Database db(path);
    QString error;
    if (!db.open(&error))
        return 1;
    Settings settings(db);
    ProviderStore providers(db);
    ModelStore models(db);
    AliasStore aliases(db);
    KeyStore keys(db);
    GatewayMonitor monitor;
    ConsoleContext ctx{db, settings, providers, models, aliases, keys, monitor, nullptr, nullptr, QString()};

    // Logs tab: construction to first rows painted.
    QElapsedTimer t;
    t.start();
    auto *logs = new LogsTab(ctx);
    logs->resize(1200, 800);
    logs->show();
    LogTableModel *model = logs->model();
    while (model->rowCount() == 0 && t.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    logs->view()->viewport()->repaint();
    const qint64 logsOpen = t.elapsed();
    out << "Logs tab: first " << model->rowCount() << " rows shown in " << logsOpen << " ms (bar: 300 ms)\n";

    // Scrolling: 25 more pages through the view's own fetchMore.
    t.restart();
    for (int page = 0; page < 25; ++page) {
        const int before = model->rowCount();
        logs->view()->scrollToBottom();
        QElapsedTimer wait;
        wait.start();
        while (model->rowCount() == before && wait.elapsed() < 10000)
            QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    out << "Logs tab: 25 more pages (" << model->rowCount() << " rows) in " << t.elapsed() << " ms, "
        << t.elapsed() / 25.0 << " ms per page\n";

    // A filtered open (a model and an error class).
    t.restart();
    LogFilter filter;
    filter.model = QStringLiteral("smart");
    filter.status = LogFilter::Status::ServerError;
    model->setFilter(filter);
    while ((model->isLoading() || model->rowCount() == 0) && t.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    out << "Logs tab: filtered (model=smart, 5xx) first " << model->rowCount() << " rows in " << t.elapsed() << " ms\n";
    delete logs;

    // Usage tab: 30 days, per day and per hour, by model and by key.
    t.restart();
    auto *usage = new UsageTab(ctx);
    usage->resize(1200, 800);
    usage->show();
    {
        QSignalSpy spy(usage, &UsageTab::chartUpdated);
        spy.wait(30000);
    }
    usage->repaint();
    out << "Usage chart: 30 days by model per day drawn in " << t.elapsed() << " ms (bar: 500 ms), "
        << usage->result().totals.requests << " requests\n";
    t.restart();
    usage->setBucket(UsageQuery::Bucket::Hour);
    {
        QSignalSpy spy(usage, &UsageTab::chartUpdated);
        spy.wait(30000);
    }
    usage->repaint();
    out << "Usage chart: 30 days by model per hour drawn in " << t.elapsed() << " ms\n";
    t.restart();
    usage->setGroupBy(UsageQuery::GroupBy::Key);
    {
        QSignalSpy spy(usage, &UsageTab::chartUpdated);
        spy.wait(30000);
    }
    usage->repaint();
    out << "Usage chart: 30 days by key per hour drawn in " << t.elapsed() << " ms\n";
    delete usage;
    return 0;
}
