#include "core/providers/DriverSupport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ProviderDriver", text);
}
} // namespace

QByteArray DriverSupport::trimmedBase(const QString &baseUrl)
{
    QByteArray base = baseUrl.trimmed().toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    return base;
}

QString DriverSupport::checkHttpUrl(const QString &baseUrl)
{
    const QUrl url(baseUrl.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        return tr("Enter a full URL starting with http:// or https://, e.g. https://api.openai.com/v1");
    }
    return {};
}

bool DriverSupport::hasVersionSegment(const QString &baseUrl)
{
    static const QRegularExpression version(QStringLiteral("^v\\d+(alpha|beta)?\\d*$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QString path = QUrl(baseUrl.trimmed()).path();
    const QStringList segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &segment : segments) {
        if (version.match(segment).hasMatch())
            return true;
    }
    return false;
}

QString DriverSupport::sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 bytes").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

QString DriverSupport::excerpt(const QByteArray &body, int maxChars)
{
    // Decode a little more than needed; invalid UTF-8 turns into U+FFFD.
    const QString text = QString::fromUtf8(body.left(maxChars * 4));
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), maxChars + 1));
    bool lastSpace = false;
    bool cut = body.size() > maxChars * 4;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        const bool space =
            ch.isSpace() || ch.category() == QChar::Other_Control || ch.category() == QChar::Other_Format;
        if (space) {
            if (!lastSpace && !out.isEmpty())
                out.append(QLatin1Char(' '));
            lastSpace = true;
            continue;
        }
        if (out.size() >= maxChars) {
            cut = true;
            break;
        }
        lastSpace = false;
        out.append(ch);
    }
    out = out.trimmed();
    if (cut)
        out.append(QChar(0x2026));
    return out;
}

QString DriverSupport::notJsonMessage(const QByteArray &body, const QByteArray &contentType)
{
    QString type = QString::fromLatin1(contentType.split(';').first().trimmed());
    if (type.isEmpty()) {
        const QByteArray start = body.trimmed().left(64).toLower();
        if (start.startsWith("<!doctype html") || start.startsWith("<html"))
            type = QStringLiteral("text/html");
        else if (start.startsWith('<'))
            type = QStringLiteral("markup");
        else
            type = QStringLiteral("unknown type");
    }
    if (body.trimmed().isEmpty()) {
        return contentType.isEmpty() ? tr("The provider answered with an empty body instead of JSON.")
                                     : tr("The provider answered with an empty body instead of JSON (%1).").arg(type);
    }
    return tr("The provider answered with something that is not JSON (%1, %2): %3")
        .arg(type, sizeText(body.size()), excerpt(body));
}

bool DriverSupport::parseObject(const QByteArray &body, QJsonObject *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const QByteArray trimmed = body.trimmed();
        if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
            if (error) {
                *error = tr("The provider's answer is not valid JSON (%1 at byte %2 of %3): %4")
                             .arg(parseError.errorString())
                             .arg(qMin<qsizetype>(parseError.offset, body.size()))
                             .arg(body.size())
                             .arg(excerpt(body));
            }
        } else if (error) {
            *error = notJsonMessage(body);
        }
        return false;
    }
    if (!doc.isObject()) {
        if (error)
            *error = tr("The provider answered with JSON of an unexpected shape (an array, not an object): %1")
                         .arg(excerpt(body));
        return false;
    }
    *out = doc.object();
    return true;
}

HttpRequest DriverSupport::getRequest(const QByteArray &url, const HttpHeaders &auth)
{
    HttpRequest request;
    request.method = "GET";
    request.url = url;
    request.headers = auth;
    request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    return request;
}

bool DriverSupport::readIdList(const QJsonObject &root, const QString &arrayKey, const QString &idKey,
                               QList<ModelStore::Discovered> *models, QString *error)
{
    const QJsonValue list = root.value(arrayKey);
    if (!list.isArray() && !list.isUndefined()) {
        if (error)
            *error = tr("The provider answered with JSON of an unexpected shape: \"%1\" is not a list.").arg(arrayKey);
        return false;
    }
    if (!list.isArray()) {
        QStringList keys = root.keys();
        if (keys.size() > 6) {
            keys = keys.mid(0, 6);
            keys.append(QStringLiteral("..."));
        }
        if (error) {
            *error = tr("The provider answered with JSON of an unexpected shape: no \"%1\" list (found: %2).")
                         .arg(arrayKey, keys.isEmpty() ? tr("an empty object") : keys.join(QLatin1String(", ")));
        }
        return false;
    }
    const QJsonArray array = list.toArray();
    models->clear();
    models->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject entry = array.at(i).toObject();
        const QString id = entry.value(idKey).toString();
        if (id.isEmpty()) {
            if (error)
                *error = tr("The provider's model list has an entry without \"%1\" (entry %2 of %3).")
                             .arg(idKey)
                             .arg(i + 1)
                             .arg(array.size());
            return false;
        }
        ModelStore::Discovered d;
        d.modelId = id;
        d.category = ModelStore::categoryFor(id);
        d.ownedBy = entry.value(QLatin1String("owned_by")).toString();
        models->append(d);
    }
    return true;
}

QString DriverSupport::versionPathHint(const QString &baseUrl, const QString &exampleVersion)
{
    const QString invalid = checkHttpUrl(baseUrl);
    if (!invalid.isEmpty())
        return invalid;
    if (!hasVersionSegment(baseUrl))
        return tr("Base URLs include the version path, e.g. %1")
            .arg(QString::fromUtf8(trimmedBase(baseUrl)) + QLatin1Char('/') + exampleVersion);
    return {};
}
