#include "core/providers/OpenAiDriver.h"

#include "core/providers/DriverSupport.h"

#include <QUrl>

QString OpenAiDriver::displayName() const
{
    return tr("OpenAI-compatible");
}

QString OpenAiDriver::defaultBaseUrl() const
{
    return QStringLiteral("https://api.openai.com/v1");
}

QString OpenAiDriver::urlHint(const QString &baseUrl) const
{
    return DriverSupport::versionPathHint(baseUrl, QStringLiteral("v1"));
}

HttpHeaders OpenAiDriver::authHeaders(const QString &apiKey) const
{
    if (apiKey.isEmpty())
        return {};
    return {{"Authorization", "Bearer " + apiKey.toUtf8()}};
}

HttpRequest OpenAiDriver::modelListRequest(const Provider &provider, const QString &apiKey) const
{
    return DriverSupport::getRequest(DriverSupport::trimmedBase(provider.baseUrl) + "/models", authHeaders(apiKey));
}

bool OpenAiDriver::parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models, QString *error) const
{
    QJsonObject root;
    if (!DriverSupport::parseObject(body, &root, error))
        return false;
    return DriverSupport::readIdList(root, QStringLiteral("data"), QStringLiteral("id"), models, error);
}

QByteArray OpenAiDriver::upstreamUrl(const Provider &provider, const QByteArray &route, const QString &) const
{
    return DriverSupport::trimmedBase(provider.baseUrl) + route;
}
