#include "app/ConsoleRunner.h"

#include "app/AppContext.h"
#include "app/ExitCode.h"
#include "app/SignalWatcher.h"
#include "core/gateway/GatewayMonitor.h"
#include "core/providers/SyncService.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/ProviderStore.h"
#include "core/storage/Settings.h"
#include "server/Gateway.h"
#include "ui/ConsoleContext.h"
#include "ui/MainWindow.h"
#include "ui/SingleInstance.h"
#include "ui/logs/LogsTab.h"
#include "ui/models/ModelsTab.h"
#include "ui/playground/PlaygroundTab.h"

#include <QApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QTabWidget>
#include <QTimer>

#include <csignal>

Q_LOGGING_CATEGORY(lcConsole, "tollgate.console")

ConsoleRunner::ConsoleRunner(AppContext &context, const ListenAddress &listen, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_listen(listen)
{
}

void ConsoleRunner::applySettings()
{
    // The stored address wins once the user edits it in Settings.
    if (m_listenEdited) {
        m_listenEdited = false;
        QString error;
        if (const auto stored = ListenAddress::parse(m_context.settings().listenAddress(), &error))
            m_listen = *stored;
        else
            qCWarning(lcConsole).noquote() << "listen address not applied:" << error;
    }
    // Live where it can be; a new address drains open requests, then restarts.
    m_context.gateway().applyOptions(Gateway::optionsFrom(m_context.settings(), m_listen));
}

int ConsoleRunner::exec()
{
    // SIGINT/SIGTERM end the console like Quit does: the request log is flushed.
    // Installed before anything starts, so a signal during start-up is not fatal.
    SignalWatcher stopSignals({SIGINT, SIGTERM});
    const QMetaObject::Connection earlyStop =
        connect(&stopSignals, &SignalWatcher::received, qApp, &QCoreApplication::quit);
    // One console per data directory: a second start raises the first and exits cleanly.
    SingleInstance instance(m_context.paths().dataDir());
    if (instance.askRunningInstanceToRaise()) {
        qCInfo(lcConsole).noquote() << "a console is already running on this data directory: raised it";
        return ExitCode::Ok;
    }
    if (QString listenError; !instance.listen(&listenError))
        qCWarning(lcConsole).noquote() << "single-instance socket unavailable:" << listenError;
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tollgate.svg")));
    m_context.providerKeys().preload(m_context.providers().list(), this, [](int, const QStringList &errors) {
        for (const QString &e : errors)
            qCWarning(lcConsole).noquote() << "provider key unavailable:" << e;
    });
    m_context.sync().start();

    const GatewayOptions options = Gateway::optionsFrom(m_context.settings(), m_listen);
    QString error;
    // A port already in use is shown in the status bar; the console still opens.
    if (!m_context.gateway().start(options, &error))
        qCWarning(lcConsole).noquote() << "gateway not started:" << error;

    ConsoleContext console{m_context.database(), m_context.settings(), m_context.providers(), m_context.models(),
                           m_context.aliases(),  m_context.keys(),     m_context.monitor()};
    console.sync = &m_context.sync();
    console.providerKeys = &m_context.providerKeys();
    for (const auto &key : m_context.newKeys()) {
        if (key.name != QLatin1String("tollgate-console")) {
            console.firstRunKey = key.secret;
            break;
        }
    }
    // Settings the gateway captured at start apply at once, without cutting open streams.
    connect(&m_context.settings(), &Settings::changed, this, [this](Settings::Key key) {
        switch (key) {
        case Settings::ListenAddress:
            m_listenEdited = true;
            [[fallthrough]];
        case Settings::RequireKeys:
        case Settings::LogBodies:
        case Settings::LogRetentionDays:
        case Settings::LogRetentionMb:
        case Settings::BodyLimitBytes:
        case Settings::HeaderLimitBytes:
        case Settings::IdleTimeoutSec:
        case Settings::RequestTimeoutSec:
        case Settings::UpstreamConnectTimeoutSec:
        case Settings::UpstreamFirstByteTimeoutSec:
            // The dialog saves several values at once: apply once for all of them.
            if (!m_applyPending) {
                m_applyPending = true;
                QTimer::singleShot(200, this, [this] {
                    m_applyPending = false;
                    applySettings();
                });
            }
            break;
        default:
            break;
        }
    });
    connect(&m_context.gateway(), &Gateway::restarted, this, [this](bool ok, const QString &error) {
        if (!ok)
            qCWarning(lcConsole).noquote() << "gateway not restarted:" << error;
        else
            qCInfo(lcConsole).noquote() << "gateway restarted on" << m_context.gateway().baseUrl();
        if (m_playground)
            m_playground->setGatewayUrl(m_listen.clientUrl());
    });
    MainWindow window(console);
    // With the window shown, a signal must quit rather than hide it to the tray.
    disconnect(earlyStop);
    connect(&stopSignals, &SignalWatcher::received, &window, &MainWindow::quitConsole);
    connect(&instance, &SingleInstance::raiseRequested, &window, [&window] {
        qCInfo(lcConsole) << "raised by a second start";
        window.raiseConsole();
    });
    auto *playground = new PlaygroundTab(console);
    m_playground = playground;
    playground->setGatewayUrl(m_listen.clientUrl());
    window.setPlaygroundWidget(playground);
    QObject::connect(window.modelsTab(), &ModelsTab::openInPlaygroundRequested, playground,
                     [&window, playground](const QString &model) {
                         playground->openModel(model);
                         window.tabs()->setCurrentIndex(MainWindow::PlaygroundPage);
                     });
    QObject::connect(window.logsTab(), &LogsTab::openInPlaygroundRequested, playground,
                     [&window, playground](const QString &model) {
                         playground->openModel(model);
                         window.tabs()->setCurrentIndex(MainWindow::PlaygroundPage);
                     });
    window.show();
    const int code = QApplication::exec();
    m_context.gateway().stop();
    m_context.sync().stop();
    return code == 0 ? ExitCode::Ok : ExitCode::Failure;
}
