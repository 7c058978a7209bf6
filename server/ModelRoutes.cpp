#include "server/ModelRoutes.h"

#include "core/routing/RoutingSnapshot.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace {

constexpr int kAnthropicDefaultLimit = 20; // as Anthropic's own API
constexpr int kAnthropicMaxLimit = 1000;

QJsonObject openAiEntry(const RoutingSnapshot::Listed &m)
{
    return QJsonObject{{QStringLiteral("id"), m.id},
                       {QStringLiteral("object"), QStringLiteral("model")},
                       {QStringLiteral("created"), m.created},
                       {QStringLiteral("owned_by"), m.ownedBy}};
}

QJsonObject anthropicEntry(const RoutingSnapshot::Listed &m)
{
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("model")},
        {QStringLiteral("id"), m.id},
        {QStringLiteral("display_name"), m.id},
        {QStringLiteral("created_at"), QDateTime::fromSecsSinceEpoch(m.created, Qt::UTC).toString(Qt::ISODate)},
    };
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ModelRoutes::Answer ok(QByteArray body)
{
    ModelRoutes::Answer a;
    a.ok = true;
    a.body = std::move(body);
    return a;
}

ModelRoutes::Answer fail(GatewayError error, const QString &message)
{
    ModelRoutes::Answer a;
    a.error = error;
    a.message = message;
    return a;
}

} // namespace

ModelRoutes::Answer ModelRoutes::list(const RoutingSnapshot &routes, const GatewayKey *key, WireProtocol protocol,
                                      QByteArrayView query)
{
    const QList<RoutingSnapshot::Listed> models = routes.visibleModels(key);
    if (protocol == WireProtocol::OpenAI) {
        QJsonArray data;
        for (const auto &m : models)
            data.append(openAiEntry(m));
        return ok(
            compact(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}}));
    }

    // Anthropic: one page of `limit`, after `after_id` or before `before_id`.
    const QUrlQuery q(QString::fromLatin1(query));
    int limit = kAnthropicDefaultLimit;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        bool isNumber = false;
        limit = q.queryItemValue(QStringLiteral("limit")).toInt(&isNumber);
        if (!isNumber || limit < 1 || limit > kAnthropicMaxLimit)
            return fail(GatewayError::BadRequest,
                        QStringLiteral("limit: must be an integer from 1 to %1.").arg(kAnthropicMaxLimit));
    }
    const QString afterId = q.queryItemValue(QStringLiteral("after_id"), QUrl::FullyDecoded);
    const QString beforeId = q.queryItemValue(QStringLiteral("before_id"), QUrl::FullyDecoded);
    auto indexOf = [&](const QString &id) -> qsizetype {
        for (qsizetype i = 0; i < models.size(); ++i) {
            if (models.at(i).id == id)
                return i;
        }
        return -1;
    };
    qsizetype from = 0;
    qsizetype to = models.size(); // exclusive
    bool hasMore = false;
    if (!beforeId.isEmpty()) {
        const qsizetype at = indexOf(beforeId);
        to = at < 0 ? 0 : at;
        from = qMax<qsizetype>(0, to - limit);
        hasMore = from > 0;
    } else {
        if (!afterId.isEmpty()) {
            const qsizetype at = indexOf(afterId);
            from = at < 0 ? models.size() : at + 1;
        }
        to = qMin<qsizetype>(models.size(), from + limit);
        hasMore = to < models.size();
    }
    QJsonArray data;
    for (qsizetype i = from; i < to; ++i)
        data.append(anthropicEntry(models.at(i)));
    const bool empty = from >= to;
    return ok(compact(QJsonObject{
        {QStringLiteral("data"), data},
        {QStringLiteral("has_more"), hasMore},
        {QStringLiteral("first_id"), empty ? QJsonValue() : QJsonValue(models.at(from).id)},
        {QStringLiteral("last_id"), empty ? QJsonValue() : QJsonValue(models.at(to - 1).id)},
    }));
}

ModelRoutes::Answer ModelRoutes::retrieve(const RoutingSnapshot &routes, const GatewayKey *key, WireProtocol protocol,
                                          const QString &id)
{
    const auto entry = [protocol](const RoutingSnapshot::Listed &m) {
        return ok(compact(protocol == WireProtocol::Anthropic ? anthropicEntry(m) : openAiEntry(m)));
    };
    const QList<RoutingSnapshot::Listed> models = routes.visibleModels(key);
    for (const auto &m : models) {
        if (m.id == id)
            return entry(m);
    }
    // Not listed under that name, but callable by it (a bare upstream id).
    const RoutingSnapshot::Resolution r = id.isEmpty() ? RoutingSnapshot::Resolution() : routes.resolve(id, key);
    if (r.outcome == RoutingSnapshot::Outcome::Found && r.target.provider)
        return entry({id, r.target.provider->name, 0});
    // Forbidden and inactive look the same as unknown here: listing is not calling.
    return fail(GatewayError::ModelNotFound,
                QStringLiteral("The model '%1' does not exist or this key may not use it.").arg(id));
}
