#pragma once

#include "core/providers/ProviderDriver.h"

#include <QCoreApplication>

// OpenAI and every server that speaks its API (vLLM, Ollama, LM Studio, ...):
// Bearer key, GET {base}/models -> {"data": [{"id", "owned_by"}]}.
class OpenAiDriver final : public ProviderDriver
{
    Q_DECLARE_TR_FUNCTIONS(OpenAiDriver)
public:
    QString kind() const override { return QStringLiteral("openai"); }
    QString displayName() const override;
    QString defaultBaseUrl() const override;
    // Optional: local OpenAI-compatible servers (vLLM, Ollama) often take none.
    bool needsKey() const override { return false; }
    QString urlHint(const QString &baseUrl) const override;
    HttpHeaders authHeaders(const QString &apiKey) const override;
    HttpRequest modelListRequest(const Provider &provider, const QString &apiKey) const override;
    bool parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models, QString *error) const override;
    QByteArray upstreamUrl(const Provider &provider, const QByteArray &route,
                           const QString &upstreamModel) const override;
};
