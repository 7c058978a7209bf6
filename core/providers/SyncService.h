#pragma once

#include "core/routing/Provider.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class HttpClient;
class ModelStore;
class ProviderKeySource;
class ProviderStore;

// Model discovery: every enabled provider on its own interval, and on demand.
// A sync always re-reads the provider (URL, key) first, so edits take effect
// on the next run without a restart. Failures set the provider `errored` with
// a readable message and leave its models untouched.
class SyncService final : public QObject
{
    Q_OBJECT
public:
    SyncService(ProviderStore &providers, ModelStore &models, ProviderKeySource &keys, HttpClient &http,
                QObject *parent = nullptr);
    ~SyncService() override;

    // Schedules every enabled provider (first sync at once) and follows
    // ProviderStore::changed to reschedule.
    void start();
    void stop();

    // On demand; a provider already syncing is not started twice.
    void syncNow(qint64 providerId);
    void syncAll();
    bool isSyncing(qint64 providerId) const;

    // Starts every scheduled sync whose time (Clock::nowMs()) has come. A timer
    // calls it when the earliest run is due; tests call it after stepping the clock.
    void runDue();
    // When the provider's next scheduled run is due (ms since epoch, Clock time); 0: none.
    qint64 nextRunMs(qint64 providerId) const;

    // Limits for one model-list request (defaults: connect 10 s, total 30 s).
    void setRequestTimeouts(int connectMs, int totalMs);

    // "Test connection": one discovery round for settings that may not be
    // saved yet; writes nothing. `done` runs once unless `context` died.
    void probe(const Provider &provider, const QString &apiKey, QObject *context,
               std::function<void(bool ok, const QString &message, const QStringList &models)> done);

Q_SIGNALS:
    void syncStarted(qint64 providerId);
    void syncFinished(qint64 providerId, bool ok, const QString &error, int added, int removed);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
