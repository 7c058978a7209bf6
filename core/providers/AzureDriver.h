#pragma once

#include "core/providers/ProviderDriver.h"

#include <QCoreApplication>

// Azure OpenAI: api-key header, base https://NAME.openai.azure.com/openai,
// every call carries ?api-version (options.api_version), and requests go to a
// deployment: {base}/deployments/{deployment}{route}.
class AzureDriver final : public ProviderDriver
{
    Q_DECLARE_TR_FUNCTIONS(AzureDriver)
public:
    QString kind() const override { return QStringLiteral("azure"); }
    QString displayName() const override;
    QString defaultBaseUrl() const override;
    bool needsKey() const override { return true; }
    static QString apiVersion(const Provider &provider);
    QString urlHint(const QString &baseUrl) const override;
    HttpHeaders authHeaders(const QString &apiKey) const override;
    HttpRequest modelListRequest(const Provider &provider, const QString &apiKey) const override;
    bool parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models, QString *error) const override;
    QByteArray upstreamUrl(const Provider &provider, const QByteArray &route,
                           const QString &upstreamModel) const override;
};
