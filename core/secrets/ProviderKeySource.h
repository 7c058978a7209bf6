#pragma once

#include "core/routing/Provider.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

// Where a provider's API key comes from (keychain or env:NAME). Discovery and
// the gateway ask this; they never see how or where the key is stored.
class ProviderKeySource
{
public:
    virtual ~ProviderKeySource() = default;

    // Calls `done` once with the key (std::nullopt when the provider has no key
    // or it cannot be read, with a readable error that never contains a key).
    // May call back synchronously when the key is cached or an env: reference.
    virtual void fetch(const Provider &provider, QObject *context,
                       std::function<void(std::optional<QString> key, const QString &error)> done) = 0;

    // Fast path for the gateway: what is already known without waiting.
    virtual std::optional<QString> cached(const Provider &provider) const = 0;
};
