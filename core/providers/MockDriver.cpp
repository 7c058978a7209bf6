#include "core/providers/MockDriver.h"

QString MockDriver::displayName() const
{
    return tr("Built-in demo (offline)");
}

QString MockDriver::defaultBaseUrl() const
{
    return QStringLiteral("mock://demo");
}

QString MockDriver::urlHint(const QString &) const
{
    return {};
}

HttpHeaders MockDriver::authHeaders(const QString &) const
{
    return {};
}

HttpRequest MockDriver::modelListRequest(const Provider &, const QString &) const
{
    return {};
}

bool MockDriver::parseModelList(const QByteArray &, QList<ModelStore::Discovered> *models, QString *) const
{
    ModelStore::Discovered chat;
    chat.modelId = QStringLiteral("demo-chat");
    chat.category = QStringLiteral("chat");
    chat.ownedBy = QStringLiteral("tollgate");
    ModelStore::Discovered embed;
    embed.modelId = QStringLiteral("demo-embed");
    embed.category = QStringLiteral("embedding");
    embed.ownedBy = QStringLiteral("tollgate");
    *models = {chat, embed};
    return true;
}

QByteArray MockDriver::upstreamUrl(const Provider &, const QByteArray &route, const QString &) const
{
    return "mock://demo" + route;
}
