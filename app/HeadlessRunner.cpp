#include "app/HeadlessRunner.h"

#include "app/AppContext.h"
#include "app/ExitCode.h"
#include "app/SignalWatcher.h"
#include "core/providers/SyncService.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/ProviderStore.h"
#include "server/Gateway.h"

#include <QEventLoop>
#include <QLoggingCategory>

#include <csignal>

Q_LOGGING_CATEGORY(lcHeadless, "tollgate.headless")

HeadlessRunner::HeadlessRunner(AppContext &context, const ListenAddress &listen, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_listen(listen)
{
}

HeadlessRunner::~HeadlessRunner() = default;

int HeadlessRunner::exec()
{
    SignalWatcher signalWatcher({SIGINT, SIGTERM});
    if (!signalWatcher.isValid())
        return ExitCode::Failure;
    QEventLoop loop;
    m_loop = &loop;
    connect(&signalWatcher, &SignalWatcher::received, this, &HeadlessRunner::stop);

    qCInfo(lcHeadless).noquote() << "tollgate" << TOLLGATE_VERSION << "headless, data in"
                                 << m_context.paths().dataDir();
    preloadKeys();
    m_context.sync().start();
    QString error;
    if (!startGateway(&error)) {
        qCCritical(lcHeadless).noquote() << "gateway failed to start:" << error;
        m_context.sync().stop();
        return ExitCode::Failure;
    }
    qCInfo(lcHeadless) << "ready; stop with Ctrl+C or SIGTERM";
    loop.exec();
    m_loop = nullptr;

    stopGateway();
    m_context.sync().stop();
    qCInfo(lcHeadless) << "stopped cleanly";
    return ExitCode::Ok;
}

void HeadlessRunner::stop(int signalNumber)
{
    qCInfo(lcHeadless).noquote() << (signalNumber == SIGINT ? "SIGINT" : "SIGTERM") << "received, stopping";
    if (m_loop)
        m_loop->quit();
}

void HeadlessRunner::preloadKeys()
{
    // Warm the cache so the first request does not wait for the keychain.
    m_context.providerKeys().preload(m_context.providers().list(), this, [](int loaded, const QStringList &errors) {
        if (loaded > 0)
            qCInfo(lcHeadless) << "provider keys loaded from the keychain:" << loaded;
        for (const QString &e : errors)
            qCWarning(lcHeadless).noquote() << "provider key unavailable:" << e;
    });
}

bool HeadlessRunner::startGateway(QString *error)
{
    const GatewayOptions options = Gateway::optionsFrom(m_context.settings(), m_listen);
    if (!m_context.gateway().start(options, error))
        return false;
    if (!options.address.isLoopback() && !options.requireKeys)
        qCWarning(lcHeadless) << "keys are required on non-loopback addresses regardless of the require_keys setting";
    qCInfo(lcHeadless).noquote() << "gateway listening on" << m_context.gateway().baseUrl();
    return true;
}

void HeadlessRunner::stopGateway()
{
    m_context.gateway().stop();
}
