#include "core/providers/GeminiDriver.h"

#include "core/providers/DriverSupport.h"

#include <QJsonArray>

QString GeminiDriver::displayName() const
{
    return tr("Google Gemini");
}

QString GeminiDriver::defaultBaseUrl() const
{
    return QStringLiteral("https://generativelanguage.googleapis.com/v1beta");
}

QString GeminiDriver::urlHint(const QString &baseUrl) const
{
    const QString invalid = DriverSupport::checkHttpUrl(baseUrl);
    if (!invalid.isEmpty())
        return invalid;
    const QByteArray base = DriverSupport::trimmedBase(baseUrl);
    if (base.endsWith("/openai"))
        return tr("Use the Gemini API base without /openai, e.g. %1").arg(QString::fromUtf8(base.chopped(7)));
    return DriverSupport::versionPathHint(baseUrl, QStringLiteral("v1beta"));
}

HttpHeaders GeminiDriver::authHeaders(const QString &apiKey) const
{
    if (apiKey.isEmpty())
        return {};
    return {{"x-goog-api-key", apiKey.toUtf8()}};
}

HttpRequest GeminiDriver::modelListRequest(const Provider &provider, const QString &apiKey) const
{
    return DriverSupport::getRequest(DriverSupport::trimmedBase(provider.baseUrl) + "/models?pageSize=1000",
                                     authHeaders(apiKey));
}

bool GeminiDriver::parseModelList(const QByteArray &body, QList<ModelStore::Discovered> *models, QString *error) const
{
    QJsonObject root;
    if (!DriverSupport::parseObject(body, &root, error))
        return false;
    if (!DriverSupport::readIdList(root, QStringLiteral("models"), QStringLiteral("name"), models, error))
        return false;
    const QJsonArray entries = root.value(QLatin1String("models")).toArray();
    for (qsizetype i = 0; i < models->size(); ++i) {
        ModelStore::Discovered &m = (*models)[i];
        if (m.modelId.startsWith(QLatin1String("models/")))
            m.modelId = m.modelId.mid(7);
        if (m.modelId.isEmpty()) {
            if (error)
                *error = tr("The provider's model list has an entry with an empty name (entry %1).").arg(i + 1);
            return false;
        }
        const QJsonArray methods =
            entries.at(i).toObject().value(QLatin1String("supportedGenerationMethods")).toArray();
        bool embed = false;
        bool generate = false;
        for (const QJsonValue &method : methods) {
            const QString name = method.toString();
            embed = embed || name == QLatin1String("embedContent") || name == QLatin1String("batchEmbedContents");
            generate =
                generate || name == QLatin1String("generateContent") || name == QLatin1String("streamGenerateContent");
        }
        m.category = embed && !generate ? QStringLiteral("embedding") : ModelStore::categoryFor(m.modelId);
        m.ownedBy = QStringLiteral("google");
    }
    return true;
}

QByteArray GeminiDriver::upstreamUrl(const Provider &provider, const QByteArray &route, const QString &) const
{
    // Gemini's OpenAI-compatible surface lives under {base}/openai.
    return DriverSupport::trimmedBase(provider.baseUrl) + "/openai" + route;
}
