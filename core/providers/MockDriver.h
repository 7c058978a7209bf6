#pragma once

#include "core/providers/ProviderDriver.h"

#include <QCoreApplication>

// The built-in demo provider: no key, no network, a fixed model list. The
// gateway answers mock models itself; upstreamUrl() is only a label.
class MockDriver final : public ProviderDriver
{
    Q_DECLARE_TR_FUNCTIONS(MockDriver)
public:
    QString kind() const override { return QStringLiteral("mock"); }
    QString displayName() const override;
    QString defaultBaseUrl() const override;
    bool needsKey() const override { return false; }
    bool usesNetwork() const override { return false; }
    QString urlHint(const QString &baseUrl) const override;
    HttpHeaders authHeaders(const QString &apiKey) const override;
    HttpRequest modelListRequest(const Provider &provider, const QString &apiKey) const override;
    bool parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models, QString *error) const override;
    QByteArray upstreamUrl(const Provider &provider, const QByteArray &route,
                           const QString &upstreamModel) const override;
};
