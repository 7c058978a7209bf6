#include "core/providers/AnthropicDriver.h"

#include "core/providers/DriverSupport.h"

QString AnthropicDriver::displayName() const
{
    return tr("Anthropic");
}

QString AnthropicDriver::defaultBaseUrl() const
{
    return QStringLiteral("https://api.anthropic.com/v1");
}

QString AnthropicDriver::urlHint(const QString &baseUrl) const
{
    return DriverSupport::versionPathHint(baseUrl, QStringLiteral("v1"));
}

HttpHeaders AnthropicDriver::authHeaders(const QString &apiKey) const
{
    HttpHeaders headers;
    if (!apiKey.isEmpty())
        headers.append(qMakePair(QByteArray("x-api-key"), apiKey.toUtf8()));
    headers.append(qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01")));
    return headers;
}

HttpRequest AnthropicDriver::modelListRequest(const Provider &provider, const QString &apiKey) const
{
    // One page of up to 1000 models covers every Anthropic account today, so
    // has_more/last_id pagination is not followed.
    return DriverSupport::getRequest(DriverSupport::trimmedBase(provider.baseUrl) + "/models?limit=1000",
                                     authHeaders(apiKey));
}

bool AnthropicDriver::parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models,
                                     QString *error) const
{
    QJsonObject root;
    if (!DriverSupport::parseObject(body, &root, error))
        return false;
    if (!DriverSupport::readIdList(root, QStringLiteral("data"), QStringLiteral("id"), models, error))
        return false;
    for (ModelStore::Discovered &m : *models) {
        if (m.ownedBy.isEmpty())
            m.ownedBy = QStringLiteral("anthropic");
    }
    return true;
}

QByteArray AnthropicDriver::upstreamUrl(const Provider &provider, const QByteArray &route, const QString &) const
{
    return DriverSupport::trimmedBase(provider.baseUrl) + route;
}
