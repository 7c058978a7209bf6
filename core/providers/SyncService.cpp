#include "core/providers/SyncService.h"

#include "core/net/HttpClient.h"
#include "core/providers/DriverSupport.h"
#include "core/providers/ProviderDriver.h"
#include "core/providers/ProviderDrivers.h"
#include "core/secrets/ProviderKeySource.h"
#include "core/storage/ModelStore.h"
#include "core/storage/ProviderStore.h"
#include "core/time/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcSync, "tollgate.sync")

namespace {

constexpr qint64 kMaxModelListBytes = 8 * 1024 * 1024;

// What a periodic schedule depends on; status writes must not reschedule.
struct Schedule
{
    QString kind;
    QString baseUrl;
    QString keyRef;
    QJsonObject options;
    int intervalSec = 0;

    bool sameTarget(const Schedule &o) const
    {
        return kind == o.kind && baseUrl == o.baseUrl && keyRef == o.keyRef && options == o.options;
    }
};

Schedule scheduleOf(const Provider &p)
{
    return Schedule{p.kind, p.baseUrl, p.keyRef, p.options, p.syncIntervalSec};
}

// The key must never leave through an error text, whatever a provider echoes.
QString redact(QString text, const QString &key)
{
    if (key.size() >= 4)
        text.replace(key, QStringLiteral("***"));
    return text;
}

// A provider's own error text from a JSON error body, if it has one.
QString providerMessage(const QByteArray &body)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const QJsonValue error = root.value(QLatin1String("error"));
    QString message;
    if (error.isObject())
        message = error.toObject().value(QLatin1String("message")).toString();
    else if (error.isString())
        message = error.toString();
    if (message.isEmpty())
        message = root.value(QLatin1String("message")).toString();
    if (message.isEmpty())
        return DriverSupport::excerpt(body);
    return DriverSupport::excerpt(message.toUtf8());
}

} // namespace

struct SyncService::Private
{
    struct Entry
    {
        qint64 dueMs = 0; // Clock::nowMs() at or after which the next run starts; 0: none
        Schedule schedule;
    };
    struct Run
    {
        quint64 token = 0;
    };

    SyncService *q = nullptr;
    ProviderStore &providers;
    ModelStore &models;
    ProviderKeySource &keys;
    HttpClient &http;
    QHash<qint64, Entry> entries; // enabled providers while started
    QHash<qint64, Run> running;
    quint64 nextToken = 1;
    bool started = false;
    QMetaObject::Connection changedConnection;
    // One timer for all providers, armed for the earliest due run. It only
    // wakes runDue(); what is due is decided by Clock, so tests step the clock.
    QTimer wake;
    int connectTimeoutMs = 10000;
    int totalTimeoutMs = 30000;

    Private(SyncService *owner, ProviderStore &p, ModelStore &m, ProviderKeySource &k, HttpClient &h)
        : q(owner)
        , providers(p)
        , models(m)
        , keys(k)
        , http(h)
    {
        wake.setSingleShot(true);
        QObject::connect(&wake, &QTimer::timeout, q, [this] { runDue(); });
    }

    void reconcile();
    void removeEntry(qint64 id);
    void scheduleNext(qint64 id);
    void dueIn(Entry &entry, qint64 delayMs);
    void arm();
    void runDue();
    void begin(qint64 id);
    void requestModels(qint64 id, quint64 token, const Provider &provider, const ProviderDriver *driver,
                       const QString &key);
    void complete(qint64 id, quint64 token, bool ok, const QString &error, const QList<ModelStore::Discovered> &found);

    HttpRequest discoveryRequest(const ProviderDriver *driver, const Provider &provider, const QString &key) const
    {
        HttpRequest request = driver->modelListRequest(provider, key);
        request.connectTimeoutMs = connectTimeoutMs;
        request.firstByteTimeoutMs = totalTimeoutMs;
        request.totalTimeoutMs = totalTimeoutMs;
        return request;
    }

    // Turns one model-list answer into models or a readable error.
    static bool evaluate(const ProviderDriver *driver, const Provider &provider, const QString &key,
                         const HttpResult &result, const HttpResponseHead &head, QByteArray body,
                         QList<ModelStore::Discovered> *found, QString *error);
};

bool SyncService::Private::evaluate(const ProviderDriver *driver, const Provider &provider, const QString &key,
                                    const HttpResult &result, const HttpResponseHead &head, QByteArray body,
                                    QList<ModelStore::Discovered> *found, QString *error)
{
    const bool keyless = key.isEmpty();
    // Some servers echo the request in their errors. Blank the key before any
    // excerpt is cut, so not even a fragment of it reaches a message.
    if (key.size() >= 4 && body.contains(key.toUtf8()))
        body.replace(key.toUtf8(), "***");
    switch (result.error) {
    case HttpError::None:
        break;
    case HttpError::ConnectFailed:
        *error = SyncService::tr("Could not reach the provider at %1. %2").arg(provider.baseUrl, result.message);
        return false;
    case HttpError::Timeout:
        *error = SyncService::tr("The provider did not answer in time. %1").arg(result.message);
        return false;
    case HttpError::TooLarge:
        *error = SyncService::tr("The provider's model list is too large (over %1).")
                     .arg(DriverSupport::sizeText(kMaxModelListBytes));
        return false;
    case HttpError::Aborted:
    case HttpError::Transfer:
        *error = SyncService::tr("The connection to the provider failed. %1").arg(result.message);
        return false;
    }

    const int status = result.status;
    if (status == 401) {
        *error = keyless ? SyncService::tr("The provider requires an API key, and none is set (HTTP 401).")
                         : SyncService::tr("The provider rejected the API key (HTTP 401).");
        return false;
    }
    if (status == 403) {
        *error =
            SyncService::tr("The provider refused access with this API key (HTTP 403): %1").arg(providerMessage(body));
        return false;
    }
    if (status == 404) {
        const QString hint = driver->urlHint(provider.baseUrl);
        *error = SyncService::tr("The provider has no model list at this base URL (HTTP 404).")
                 + (hint.isEmpty() ? QString() : QLatin1Char(' ') + hint);
        return false;
    }
    if (status == 429) {
        const QByteArray retry = head.header("retry-after");
        *error = retry.isEmpty()
                     ? SyncService::tr("The provider is rate limiting requests (HTTP 429).")
                     : SyncService::tr("The provider is rate limiting requests (HTTP 429, retry after %1 s).")
                           .arg(QString::fromLatin1(retry.left(16)));
        return false;
    }
    if (status < 200 || status >= 300) {
        *error = SyncService::tr("The provider answered HTTP %1: %2").arg(status).arg(providerMessage(body));
        return false;
    }

    const QByteArray contentType = head.header("content-type").toLower();
    if (!contentType.isEmpty() && !contentType.contains("json")) {
        QJsonParseError parseError;
        QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = DriverSupport::notJsonMessage(body, contentType);
            return false;
        }
    }
    return driver->parseModelList(body, found, error);
}

void SyncService::Private::reconcile()
{
    if (!started)
        return;
    const QList<Provider> all = providers.list();
    QSet<qint64> present;
    for (const Provider &p : all) {
        if (!p.enabled)
            continue;
        present.insert(p.id);
        const Schedule schedule = scheduleOf(p);
        auto it = entries.find(p.id);
        if (it == entries.end()) {
            Entry entry;
            entry.schedule = schedule;
            dueIn(entry, 0); // new or re-enabled: discover at once
            entries.insert(p.id, entry);
            continue;
        }
        Entry &entry = it.value();
        const bool retarget = !entry.schedule.sameTarget(schedule);
        const bool intervalChanged = entry.schedule.intervalSec != schedule.intervalSec;
        entry.schedule = schedule;
        if (running.contains(p.id))
            continue; // scheduleNext() picks up the new settings
        if (retarget)
            dueIn(entry, 0); // new URL, key or kind: show the result now
        else if (intervalChanged)
            dueIn(entry, schedule.intervalSec > 0 ? schedule.intervalSec * 1000 : -1);
    }
    const QList<qint64> known = entries.keys();
    for (qint64 id : known) {
        if (!present.contains(id))
            removeEntry(id);
    }
    arm();
}

void SyncService::Private::dueIn(Entry &entry, qint64 delayMs)
{
    entry.dueMs = delayMs < 0 ? 0 : Clock::nowMs() + delayMs;
}

void SyncService::Private::arm()
{
    qint64 earliest = 0;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        if (it->dueMs > 0 && !running.contains(it.key()) && (earliest == 0 || it->dueMs < earliest))
            earliest = it->dueMs;
    }
    if (!started || earliest == 0) {
        wake.stop();
        return;
    }
    const qint64 delay = qBound(qint64(0), earliest - Clock::nowMs(), qint64(std::numeric_limits<int>::max()));
    wake.start(int(delay));
}

void SyncService::Private::runDue()
{
    const qint64 now = Clock::nowMs();
    QList<qint64> due;
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        if (it->dueMs > 0 && it->dueMs <= now && !running.contains(it.key())) {
            it->dueMs = 0;
            due.append(it.key());
        }
    }
    for (const qint64 id : std::as_const(due))
        begin(id);
    arm();
}

void SyncService::Private::removeEntry(qint64 id)
{
    entries.remove(id);
}

void SyncService::Private::scheduleNext(qint64 id)
{
    const auto it = entries.find(id);
    if (it == entries.end() || !started)
        return;
    dueIn(*it, it->schedule.intervalSec > 0 ? it->schedule.intervalSec * 1000 : -1);
    arm();
}

void SyncService::Private::begin(qint64 id)
{
    if (running.contains(id))
        return;
    // Always the current row: edits take effect on the next run.
    const std::optional<Provider> provider = providers.find(id);
    if (!provider)
        return;
    const quint64 token = nextToken++;
    running.insert(id, Run{token});
    providers.setStatus(id, QStringLiteral("syncing"), provider->lastError, false);
    Q_EMIT q->syncStarted(id);
    qCDebug(lcSync) << "sync started for provider" << provider->name;

    const ProviderDriver *driver = ProviderDrivers::forKind(provider->kind);
    if (!driver) {
        complete(id, token, false, SyncService::tr("Unknown provider kind \"%1\".").arg(provider->kind), {});
        return;
    }
    if (!driver->usesNetwork()) {
        QList<ModelStore::Discovered> found;
        QString error;
        const bool ok = driver->parseModelList(QByteArray(), &found, &error);
        complete(id, token, ok, error, found);
        return;
    }
    if (provider->keyRef.isEmpty()) {
        if (driver->needsKey()) {
            complete(id, token, false, SyncService::tr("This provider needs an API key, and none is set."), {});
            return;
        }
        requestModels(id, token, *provider, driver, QString());
        return;
    }
    const Provider snapshot = *provider;
    keys.fetch(snapshot, q, [this, id, token, snapshot, driver](std::optional<QString> key, const QString &error) {
        if (running.value(id).token != token)
            return;
        if (!key || key->isEmpty()) {
            // The source promises its errors never hold a key; the text is
            // still only ever its own words about where the key should be.
            complete(id, token, false,
                     error.isEmpty() ? SyncService::tr("The API key for this provider could not be read.")
                                     : SyncService::tr("The API key could not be read: %1").arg(error),
                     {});
            return;
        }
        requestModels(id, token, snapshot, driver, *key);
    });
}

void SyncService::Private::requestModels(qint64 id, quint64 token, const Provider &provider,
                                         const ProviderDriver *driver, const QString &key)
{
    http.fetch(
        discoveryRequest(driver, provider, key), q,
        [this, id, token, provider, driver, key](const HttpResult &result, const HttpResponseHead &head,
                                                 const QByteArray &body) {
            if (running.value(id).token != token)
                return;
            QList<ModelStore::Discovered> found;
            QString error;
            const bool ok = evaluate(driver, provider, key, result, head, body, &found, &error);
            complete(id, token, ok, redact(error, key), found);
        },
        kMaxModelListBytes);
}

void SyncService::Private::complete(qint64 id, quint64 token, bool ok, const QString &error,
                                    const QList<ModelStore::Discovered> &found)
{
    if (running.value(id).token != token)
        return;
    running.remove(id);
    // Deleted while we were asking: nothing left to update.
    if (!providers.find(id)) {
        Q_EMIT q->syncFinished(id, false, SyncService::tr("The provider was deleted."), 0, 0);
        return;
    }
    if (ok) {
        ModelStore::Outcome outcome;
        QString storeError;
        if (models.applyDiscovery(id, found, &outcome, &storeError)) {
            providers.setStatus(id, QStringLiteral("active"), QString(), true);
            qCInfo(lcSync) << "provider" << id << "synced:" << found.size() << "models," << outcome.added << "added,"
                           << outcome.removed << "removed";
            Q_EMIT q->syncFinished(id, true, QString(), outcome.added, outcome.removed);
            scheduleNext(id);
            return;
        }
        const QString message = SyncService::tr("Saving the model list failed: %1").arg(storeError);
        models.recordFailure(id, message);
        providers.setStatus(id, QStringLiteral("errored"), message, true);
        Q_EMIT q->syncFinished(id, false, message, 0, 0);
        scheduleNext(id);
        return;
    }
    models.recordFailure(id, error);
    providers.setStatus(id, QStringLiteral("errored"), error, true);
    qCInfo(lcSync) << "provider" << id << "sync failed:" << error;
    Q_EMIT q->syncFinished(id, false, error, 0, 0);
    scheduleNext(id);
}

SyncService::SyncService(ProviderStore &providers, ModelStore &models, ProviderKeySource &keys, HttpClient &http,
                         QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, providers, models, keys, http))
{
}

SyncService::~SyncService() = default;

void SyncService::start()
{
    if (d->started)
        return;
    d->started = true;
    d->changedConnection = connect(&d->providers, &ProviderStore::changed, this, [this] { d->reconcile(); });
    d->reconcile();
}

void SyncService::stop()
{
    if (!d->started)
        return;
    d->started = false;
    disconnect(d->changedConnection);
    d->entries.clear();
    d->wake.stop();
}

void SyncService::runDue()
{
    d->runDue();
}

qint64 SyncService::nextRunMs(qint64 providerId) const
{
    return d->entries.value(providerId).dueMs;
}

void SyncService::syncNow(qint64 providerId)
{
    d->begin(providerId);
}

void SyncService::syncAll()
{
    const QList<Provider> all = d->providers.list();
    for (const Provider &p : all) {
        if (p.enabled)
            d->begin(p.id);
    }
}

bool SyncService::isSyncing(qint64 providerId) const
{
    return d->running.contains(providerId);
}

void SyncService::setRequestTimeouts(int connectMs, int totalMs)
{
    d->connectTimeoutMs = connectMs;
    d->totalTimeoutMs = totalMs;
}

void SyncService::probe(const Provider &provider, const QString &apiKey, QObject *context,
                        std::function<void(bool, const QString &, const QStringList &)> done)
{
    QPointer<QObject> guard = context;
    const bool hasContext = context != nullptr;
    auto finish = [guard, hasContext, done](bool ok, const QString &message,
                                            const QList<ModelStore::Discovered> &found) {
        if (hasContext && !guard)
            return;
        QStringList ids;
        for (const ModelStore::Discovered &m : found)
            ids.append(m.modelId);
        if (done)
            done(ok, ok ? SyncService::tr("Connected: the provider lists %1 models.").arg(ids.size()) : message, ids);
    };

    const ProviderDriver *driver = ProviderDrivers::forKind(provider.kind);
    if (!driver) {
        const QString message = tr("Unknown provider kind \"%1\".").arg(provider.kind);
        QTimer::singleShot(0, this, [finish, message] { finish(false, message, {}); });
        return;
    }
    if (!driver->usesNetwork()) {
        QList<ModelStore::Discovered> found;
        QString error;
        const bool ok = driver->parseModelList(QByteArray(), &found, &error);
        QTimer::singleShot(0, this, [finish, ok, error, found] { finish(ok, error, found); });
        return;
    }
    const QString hint = driver->urlHint(provider.baseUrl);
    if (!hint.isEmpty() && !DriverSupport::checkHttpUrl(provider.baseUrl).isEmpty()) {
        QTimer::singleShot(0, this, [finish, hint] { finish(false, hint, {}); });
        return;
    }
    if (apiKey.isEmpty() && driver->needsKey()) {
        const QString message = tr("This provider needs an API key, and none is set.");
        QTimer::singleShot(0, this, [finish, message] { finish(false, message, {}); });
        return;
    }
    d->http.fetch(
        d->discoveryRequest(driver, provider, apiKey), this,
        [finish, driver, provider, apiKey](const HttpResult &result, const HttpResponseHead &head,
                                           const QByteArray &body) {
            QList<ModelStore::Discovered> found;
            QString error;
            const bool ok = Private::evaluate(driver, provider, apiKey, result, head, body, &found, &error);
            finish(ok, redact(error, apiKey), found);
        },
        kMaxModelListBytes);
}
