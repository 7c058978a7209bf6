#include "core/providers/AzureDriver.h"

#include "core/providers/DriverSupport.h"

#include <QUrl>

QString AzureDriver::displayName() const
{
    return tr("Azure OpenAI");
}

QString AzureDriver::defaultBaseUrl() const
{
    return QStringLiteral("https://NAME.openai.azure.com/openai");
}

QString AzureDriver::apiVersion(const Provider &provider)
{
    const QString version = provider.options.value(QLatin1String("api_version")).toString().trimmed();
    return version.isEmpty() ? QStringLiteral("2024-10-21") : version;
}

QString AzureDriver::urlHint(const QString &baseUrl) const
{
    const QString invalid = DriverSupport::checkHttpUrl(baseUrl);
    if (!invalid.isEmpty())
        return invalid;
    const QByteArray base = DriverSupport::trimmedBase(baseUrl);
    if (!base.endsWith("/openai")) {
        const QUrl url(QString::fromUtf8(base));
        return tr("Azure base URLs end in /openai, e.g. %1")
            .arg(url.scheme() + QStringLiteral("://") + url.authority() + QStringLiteral("/openai"));
    }
    return {};
}

HttpHeaders AzureDriver::authHeaders(const QString &apiKey) const
{
    if (apiKey.isEmpty())
        return {};
    return {{"api-key", apiKey.toUtf8()}};
}

HttpRequest AzureDriver::modelListRequest(const Provider &provider, const QString &apiKey) const
{
    return DriverSupport::getRequest(DriverSupport::trimmedBase(provider.baseUrl)
                                         + "/models?api-version=" + QUrl::toPercentEncoding(apiVersion(provider)),
                                     authHeaders(apiKey));
}

bool AzureDriver::parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models, QString *error) const
{
    QJsonObject root;
    if (!DriverSupport::parseObject(body, &root, error))
        return false;
    return DriverSupport::readIdList(root, QStringLiteral("data"), QStringLiteral("id"), models, error);
}

QByteArray AzureDriver::upstreamUrl(const Provider &provider, const QByteArray &route,
                                    const QString &upstreamModel) const
{
    return DriverSupport::trimmedBase(provider.baseUrl) + "/deployments/" + QUrl::toPercentEncoding(upstreamModel)
           + route + "?api-version=" + QUrl::toPercentEncoding(apiVersion(provider));
}
