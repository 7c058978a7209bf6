#pragma once

#include "core/net/HttpClient.h"
#include "core/routing/Provider.h"
#include "core/storage/ModelStore.h"

#include <QList>
#include <QString>
#include <QStringList>

// What Tollgate knows about one kind of provider: how it authenticates, where
// its model list lives, what its base URL must look like and how a gateway
// route maps onto an upstream URL.
class ProviderDriver
{
public:
    virtual ~ProviderDriver() = default;

    virtual QString kind() const = 0;        // "openai", ...
    virtual QString displayName() const = 0; // "OpenAI-compatible"
    virtual QString defaultBaseUrl() const = 0;
    virtual bool needsKey() const = 0;
    // False for drivers whose model list is built in (mock): discovery then
    // calls parseModelList() with an empty body and sends nothing.
    virtual bool usesNetwork() const { return true; }

    // Empty when the URL is fine; otherwise a hint for the user
    // ("Base URLs include the version path, e.g. http://host:8000/v1").
    virtual QString urlHint(const QString &baseUrl) const = 0;

    // Headers that carry the key in this provider's style.
    virtual HttpHeaders authHeaders(const QString &apiKey) const = 0;

    // GET request for the provider's model list.
    virtual HttpRequest modelListRequest(const Provider &provider, const QString &apiKey) const = 0;
    // Parses the model list; false with a readable *error on anything unexpected.
    virtual bool parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models,
                                QString *error) const = 0;

    // Full upstream URL for a gateway route such as "/chat/completions".
    virtual QByteArray upstreamUrl(const Provider &provider, const QByteArray &route,
                                   const QString &upstreamModel) const = 0;
};
