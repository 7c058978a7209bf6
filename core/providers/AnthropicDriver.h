#pragma once

#include "core/providers/ProviderDriver.h"

#include <QCoreApplication>

// Anthropic's Messages API: x-api-key plus anthropic-version, model list at
// GET {base}/models -> {"data": [{"id"}], "has_more", "last_id"}.
class AnthropicDriver final : public ProviderDriver
{
    Q_DECLARE_TR_FUNCTIONS(AnthropicDriver)
public:
    QString kind() const override { return QStringLiteral("anthropic"); }
    QString displayName() const override;
    QString defaultBaseUrl() const override;
    bool needsKey() const override { return true; }
    QString urlHint(const QString &baseUrl) const override;
    HttpHeaders authHeaders(const QString &apiKey) const override;
    HttpRequest modelListRequest(const Provider &provider, const QString &apiKey) const override;
    bool parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models, QString *error) const override;
    QByteArray upstreamUrl(const Provider &provider, const QByteArray &route,
                           const QString &upstreamModel) const override;
};
