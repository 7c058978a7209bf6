#pragma once

#include <QString>

// Ready-to-paste client code for one model against the local gateway. The key
// is always the $TOLLGATE_KEY placeholder, never a real key.
class SnippetBuilder final
{
public:
    // "http://127.0.0.1:4242/v1" for a listen address "127.0.0.1:4242";
    // wildcard addresses (0.0.0.0, ::) become the loopback address.
    static QString gatewayBaseUrl(const QString &listenAddress);

    static QString curl(const QString &baseUrl, const QString &model, const QString &category);
    static QString python(const QString &baseUrl, const QString &model, const QString &category);
    static QString javascript(const QString &baseUrl, const QString &model, const QString &category);
};
