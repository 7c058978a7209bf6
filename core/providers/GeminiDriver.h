#pragma once

#include "core/providers/ProviderDriver.h"

#include <QCoreApplication>

// Google Gemini: x-goog-api-key, native model list at GET {base}/models ->
// {"models": [{"name": "models/<id>", "supportedGenerationMethods"}]}; requests go
// through Gemini's OpenAI-compatible endpoint under {base}/openai.
class GeminiDriver final : public ProviderDriver
{
    Q_DECLARE_TR_FUNCTIONS(GeminiDriver)
public:
    QString kind() const override { return QStringLiteral("gemini"); }
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
