// tollgate-screenshots OUTDIR [--dark] [--size WxH]
// Builds a populated demo database in a temporary directory and renders the
// welcome page, every tab and the main dialogs to PNG with QWidget::grab().
// --dark renders with Fusion and a dark palette; --size sets the window size of
// the tab shots (default 1100x720, the console's first-start size).

#include "core/playground/PlaygroundSession.h"
#include "core/time/Clock.h"
#include "server/Gateway.h"
#include "tests/support/ConsoleFixture.h"
#include "tests/support/FakeUpstream.h"
#include "tests/support/GatewayFixture.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/keys/KeyCreateDialog.h"
#include "ui/logs/LogTableModel.h"
#include "ui/logs/LogsTab.h"
#include "ui/models/AliasDialog.h"
#include "ui/models/ModelDetailDialog.h"
#include "ui/models/ModelsTab.h"
#include "ui/playground/PlaygroundColumn.h"
#include "ui/playground/PlaygroundTab.h"
#include "ui/providers/ProviderDialog.h"
#include "ui/providers/ProviderPreset.h"
#include "ui/providers/ProvidersTab.h"
#include "ui/usage/UsageTab.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTreeWidget>

namespace {

void settle(int ms = 150)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

QString g_prefix; // "dark-" for the dark theme run

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3a));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x37, 0x3a));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Mid, QColor(0x50, 0x52, 0x55));
    p.setColor(QPalette::Link, QColor(0x6a, 0xa8, 0xff));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return p;
}

bool save(QWidget *w, const QString &dir, const QString &name)
{
    settle();
    const QString path = QDir(dir).filePath(g_prefix + name + QStringLiteral(".png"));
    const bool ok = w->grab().save(path);
    QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << '\n';
    return ok;
}

void populate(ConsoleFixture &fx)
{
    QString error;
    struct P
    {
        const char *name, *kind, *url;
        QStringList models;
        const char *status, *lastError;
    };
    const QList<P> providers = {
        {"openai-production",
         "openai",
         "https://api.openai.com/v1",
         {"gpt-4o", "gpt-4o-mini", "o3-mini", "text-embedding-3-small", "whisper-1"},
         "active",
         ""},
        {"anthropic",
         "anthropic",
         "https://api.anthropic.com/v1",
         {"claude-3-5-sonnet-latest", "claude-3-5-haiku-latest"},
         "active",
         ""},
        {"ollama",
         "openai",
         "http://localhost:11434/v1",
         {"llama3.1:8b", "qwen2.5:7b"},
         "errored",
         "Could not connect to localhost:11434 (connection refused)"},
        {"demo", "mock", "mock://demo/v1", {"demo-chat", "demo-embed"}, "active", ""},
    };
    QHash<QString, qint64> ids;
    for (const P &p : providers) {
        Provider provider;
        provider.name = QString::fromLatin1(p.name);
        provider.kind = QString::fromLatin1(p.kind);
        provider.baseUrl = QString::fromLatin1(p.url);
        provider.keyRef = provider.kind == QLatin1String("mock") ? QString() : QStringLiteral("keychain");
        fx.providers.create(provider, &error);
        ids.insert(provider.name, provider.id);
        QList<ModelStore::Discovered> models;
        for (const QString &m : p.models)
            models.append({m, ModelStore::categoryFor(m), QStringLiteral("")});
        models.append({QStringLiteral("retired-model"), QStringLiteral("chat"), QStringLiteral("")});
        fx.models.applyDiscovery(provider.id, models, nullptr, &error);
        models.removeLast();
        fx.models.applyDiscovery(provider.id, models, nullptr, &error);
        fx.providers.setStatus(provider.id, QString::fromLatin1(p.status), QString::fromLatin1(p.lastError), true);
        if (*p.lastError)
            fx.models.recordFailure(provider.id, QString::fromLatin1(p.lastError));
    }
    struct A
    {
        const char *alias, *provider, *model, *category;
        double in, out, cached;
        const char *defaults;
        bool active;
    };
    const QList<A> aliases = {
        {"fast", "openai-production", "gpt-4o-mini", "chat", 0.15, 0.60, 0.075, "{\"temperature\":0.2}", true},
        {"smart", "anthropic", "claude-3-5-sonnet-latest", "chat", 3.0, 15.0, 0.30, "{\"max_tokens\":1024}", true},
        {"embed", "openai-production", "text-embedding-3-small", "embedding", 0.02, 0, 0, "", true},
        {"local", "ollama", "llama3.1:8b", "chat", 0, 0, 0, "", false},
    };
    for (const A &a : aliases) {
        Alias alias;
        alias.alias = QString::fromLatin1(a.alias);
        alias.providerId = ids.value(QString::fromLatin1(a.provider));
        alias.modelId = QString::fromLatin1(a.model);
        alias.category = QString::fromLatin1(a.category);
        alias.pricing = {a.in, a.out, a.cached};
        alias.defaults = QJsonDocument::fromJson(a.defaults).object();
        alias.active = a.active;
        fx.aliases.create(alias, &error);
    }
    fx.keys.create(ConsoleFixture::keySpec(QStringLiteral("ci"), {QStringLiteral("fast"), QStringLiteral("embed")}, 60),
                   &error);
    fx.keys.create(ConsoleFixture::keySpec(QStringLiteral("alice-laptop")), &error);
    fx.keys.create(
        ConsoleFixture::keySpec(QStringLiteral("staging"), {}, 0, 25.0, Clock::toIso(Clock::now().addDays(60))),
        &error);
    fx.keys.create(ConsoleFixture::keySpec(QStringLiteral("old-intern")), &error);
    fx.keys.revoke(QStringLiteral("old-intern"), &error);

    const QStringList models = {"fast", "smart", "embed", "fast", "smart", "openai-production/gpt-4o"};
    const QStringList providerOf = {"openai-production", "anthropic", "openai-production",
                                    "openai-production", "anthropic", "openai-production"};
    const QStringList upstream = {"gpt-4o-mini", "claude-3-5-sonnet-latest", "text-embedding-3-small",
                                  "gpt-4o-mini", "claude-3-5-sonnet-latest", "gpt-4o"};
    const QStringList keys = {"ci", "alice-laptop", "staging", "ci"};
    QList<LogRecord> rows;
    const qint64 now = Clock::nowMs();
    const int count = 6000;
    for (int i = 0; i < count; ++i) {
        LogRecord r;
        const int m = (i * 7 + i / 13) % models.size();
        r.timeMs = now - qint64(count - i) * 100800; // 7 days
        r.keyName = keys.at((i / 3) % keys.size());
        r.route = m == 2 ? QStringLiteral("/v1/embeddings")
                         : (i % 4 == 0 ? QStringLiteral("/v1/messages") : QStringLiteral("/v1/chat/completions"));
        r.model = models.at(m);
        r.provider = providerOf.at(m);
        r.upstreamModel = upstream.at(m);
        r.stream = i % 3 == 0;
        r.status = i % 61 == 0 ? 502 : (i % 37 == 0 ? 429 : 200);
        r.error = r.status == 502 ? QStringLiteral("upstream unreachable")
                                  : (r.status == 429 ? QStringLiteral("rate limited") : QString());
        r.latencyMs = 300 + (i * 37) % 2200;
        r.ttfbMs = 120 + (i * 13) % 400;
        r.promptTokens = 200 + (i * 31) % 1800;
        r.completionTokens = m == 2 ? 0 : 40 + (i * 17) % 600;
        r.cachedTokens = i % 5 == 0 ? 128 : 0;
        const double in = m == 1 || m == 4 ? 3.0 : (m == 2 ? 0.02 : 0.15);
        const double out = m == 1 || m == 4 ? 15.0 : 0.6;
        r.costUsd = (r.promptTokens * in + r.completionTokens * out) / 1e6;
        r.client = QStringLiteral("127.0.0.1");
        r.requestBody =
            QStringLiteral("{\"model\":\"%1\",\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\"},"
                           "{\"role\":\"user\",\"content\":\"Summarise ticket #%2\"}],\"temperature\":0.2}")
                .arg(r.model)
                .arg(i)
                .toUtf8();
        r.responseBody =
            QStringLiteral(
                "{\"id\":\"chatcmpl-%1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                "\"message\":{\"role\":\"assistant\",\"content\":\"The customer cannot log in since the update.\"}}],"
                "\"usage\":{\"prompt_tokens\":%2,\"completion_tokens\":%3}}")
                .arg(i)
                .arg(r.promptTokens)
                .arg(r.completionTokens)
                .toUtf8();
        rows.append(r);
    }
    fx.insertLogs(rows);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tollgate-screenshots"));
    if (argc < 2) {
        QTextStream(stderr) << "usage: tollgate-screenshots OUTDIR [--dark] [--size WxH]\n";
        return 2;
    }
    const QString outDir = QString::fromLocal8Bit(argv[1]);
    QSize tabSize(1100, 720);
    for (int i = 2; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--dark")) {
            QApplication::setStyle(QStringLiteral("Fusion"));
            QApplication::setPalette(darkPalette());
            g_prefix += QStringLiteral("dark-");
        } else if (arg == QLatin1String("--size") && i + 1 < argc) {
            const QStringList wh = QString::fromLocal8Bit(argv[++i]).split(QLatin1Char('x'));
            if (wh.size() == 2)
                tabSize = QSize(wh.at(0).toInt(), wh.at(1).toInt());
            g_prefix += QStringLiteral("%1x%2-").arg(tabSize.width()).arg(tabSize.height());
        }
    }
    QDir().mkpath(outDir);
    ConsoleFixture fx;
    if (!fx.open())
        return 1;
    populate(fx);
    fx.monitor.setState(GatewayMonitor::State::Running, QStringLiteral("127.0.0.1:4242"), QString());
    for (int i = 0; i < 42; ++i)
        fx.monitor.noteRequest(Clock::nowMs() - i * 1000);

    bool ok = true;
    {
        fx.ctx.firstRunKey = QStringLiteral("tg-Qm9vYmFyLWV4YW1wbGUta2V5LW5vdC1yZWFsLTEyMzQ1");
        MainWindow welcome(fx.ctx);
        welcome.resize(tabSize);
        welcome.show();
        ok &= save(&welcome, outDir, QStringLiteral("00-welcome"));
    }
    // A real gateway over the demo database, in front of two fake upstreams,
    // so the Playground streams for real.
    FakeUpstream labA;
    FakeUpstream labB;
    labA.listen();
    labB.listen();
    labA.setResponseDelayMs(120);
    labA.setStreamChunks(12, 40);
    labB.setResponseDelayMs(400);
    labB.setStreamChunks(6, 60);
    FixedKeySource labKeys;
    {
        QString error;
        int n = 0;
        for (FakeUpstream *fake : {&labA, &labB}) {
            Provider p;
            p.name = QStringLiteral("lab-%1").arg(QChar(u'a' + n));
            p.kind = QStringLiteral("openai");
            p.baseUrl = fake->baseUrl();
            p.keyRef = QStringLiteral("keychain");
            fx.providers.create(p, &error);
            labKeys.keys.insert(p.name, QStringLiteral("sk-lab"));
            fx.models.applyDiscovery(p.id, {{QStringLiteral("lab-model"), QStringLiteral("chat"), QStringLiteral("")}},
                                     nullptr, &error);
            Alias a;
            a.alias = n == 0 ? QStringLiteral("gpt-lab") : QStringLiteral("llama-lab");
            a.providerId = p.id;
            a.modelId = QStringLiteral("lab-model");
            a.pricing = n == 0 ? Pricing{2.5, 10.0, 1.25} : Pricing{0.2, 0.6, 0};
            fx.aliases.create(a, &error);
            ++n;
        }
    }
    Gateway gateway(fx.db, &labKeys, nullptr);
    GatewayOptions options;
    options.port = 0;
    options.requireKeys = true;
    {
        QString error;
        if (!gateway.start(options, &error))
            QTextStream(stderr) << "gateway: " << error << '\n';
    }

    MainWindow window(fx.ctx);
    auto *playground = new PlaygroundTab(fx.ctx);
    playground->setGatewayUrl(QStringLiteral("http://127.0.0.1:%1").arg(gateway.port()));
    window.setPlaygroundWidget(playground);
    window.resize(tabSize);
    window.show();
    const QStringList names = {"01-providers", "02-models", "03-keys", "04-playground", "05-logs", "06-usage"};
    for (int i = 0; i < names.size(); ++i) {
        window.tabs()->setCurrentIndex(i);
        if (i == MainWindow::ProvidersPage)
            window.providersTab()->view()->selectRow(0);
        if (i == MainWindow::ModelsPage) {
            const auto items = window.modelsTab()->discoveredView()->findItems(QStringLiteral("gpt-4o-mini"),
                                                                               Qt::MatchExactly | Qt::MatchRecursive);
            if (!items.isEmpty())
                window.modelsTab()->discoveredView()->setCurrentItem(items.first());
        }
        if (i == MainWindow::LogsPage) {
            settle(400);
            window.logsTab()->view()->setCurrentIndex(window.logsTab()->model()->index(2, 0));
        }
        if (i == MainWindow::UsagePage) {
            QSignalSpy spy(window.usageTab(), &UsageTab::chartUpdated);
            spy.wait(5000);
        }
        ok &= save(&window, outDir, names.at(i));
    }

    {
        window.resize(tabSize);
        window.tabs()->setCurrentIndex(MainWindow::PlaygroundPage);
        settle(1500); // the gateway loads the console key on its next routing reload
        for (int i = 1; i < 3; ++i)
            playground->addColumn();
        const QStringList models{QStringLiteral("gpt-lab"), QStringLiteral("llama-lab"),
                                 QStringLiteral("demo/demo-chat")};
        for (int i = 0; i < 3; ++i) {
            playground->session()->setModel(i, models.at(i));
            playground->column(i)->setModel(models.at(i));
        }
        playground->systemEdit()->setPlainText(QStringLiteral("You are a concise assistant."));
        playground->messageEdit()->setPlainText(QStringLiteral("Explain what an LLM gateway does in two sentences."));
        QSignalSpy done(playground->session(), &PlaygroundSession::runFinished);
        playground->send();
        settle(700);
        ok &= save(&window, outDir, QStringLiteral("07-playground-streaming"));
        done.wait(15000);
        ok &= save(&window, outDir, QStringLiteral("08-playground-done"));
        // A failed column: its error card with the HTTP status, the message and Retry.
        playground->session()->setModel(1, QStringLiteral("no-such-model"));
        playground->column(1)->setModel(QStringLiteral("no-such-model"));
        playground->messageEdit()->setPlainText(QStringLiteral("And in one sentence?"));
        playground->send();
        done.wait(15000);
        ok &= save(&window, outDir, QStringLiteral("09-playground-failed"));
    }
    {
        // The tray menu, as the tray shows it.
        window.updateGatewayStatus();
        window.trayMenu()->popup(QPoint(0, 0));
        ok &= save(window.trayMenu(), outDir, QStringLiteral("14-tray-menu"));
        window.trayMenu()->hide();
    }
    {
        // The model detail page (double-click on an alias).
        ModelDetailDialog *detail = window.openModelDetail(QStringLiteral("smart"), QStringLiteral("chat"));
        ok &= save(detail, outDir, QStringLiteral("15-model-detail"));
        detail->tabs()->setCurrentIndex(1);
        ok &= save(detail, outDir, QStringLiteral("15-model-detail-playground"));
        detail->tabs()->setCurrentIndex(3);
        settle(400);
        ok &= save(detail, outDir, QStringLiteral("15-model-detail-logs"));
        detail->close();
    }
    {
        ProviderDialog dialog(fx.ctx, std::nullopt, &window);
        dialog.applyPreset(ProviderPreset::byId(QStringLiteral("vllm")));
        dialog.show();
        ok &= save(&dialog, outDir, QStringLiteral("10-provider-dialog"));
    }
    {
        AliasDialog dialog(fx.ctx, fx.aliases.find(QStringLiteral("smart")), &window);
        dialog.show();
        ok &= save(&dialog, outDir, QStringLiteral("11-alias-dialog"));
    }
    {
        KeyCreateDialog dialog(fx.ctx, &window);
        dialog.show();
        ok &= save(&dialog, outDir, QStringLiteral("12-key-dialog"));
    }
    {
        SettingsDialog dialog(fx.ctx, &window);
        dialog.show();
        ok &= save(&dialog, outDir, QStringLiteral("13-settings-dialog"));
        // Exposed on every interface: the warning must show in full.
        if (auto *host = dialog.findChild<QLineEdit *>(QStringLiteral("host")))
            host->setText(QStringLiteral("0.0.0.0"));
        ok &= save(&dialog, outDir, QStringLiteral("13-settings-dialog-exposed"));
    }
    return ok ? 0 : 1;
}
