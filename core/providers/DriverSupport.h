#pragma once

#include "core/net/HttpClient.h"
#include "core/storage/ModelStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Pieces the provider drivers share: URL checks, JSON checks with readable
// errors, and short sanitized excerpts of what a provider answered.
namespace DriverSupport {

// Base URL without trailing slashes.
QByteArray trimmedBase(const QString &baseUrl);

// Empty when baseUrl is an absolute http(s) URL; otherwise a hint.
QString checkHttpUrl(const QString &baseUrl);
// True when a path segment looks like an API version ("v1", "v1beta", "v2").
bool hasVersionSegment(const QString &baseUrl);
// urlHint() of the kinds whose base URL ends in a version path: empty when the
// URL is fine, else what to type (e.g. ".../v1").
QString versionPathHint(const QString &baseUrl, const QString &exampleVersion);

// "1.2 KB", "312 bytes".
QString sizeText(qint64 bytes);
// At most maxChars of text: control characters become spaces, runs of
// whitespace collapse, an ellipsis marks a cut.
QString excerpt(const QByteArray &body, int maxChars = 120);

// The readable "not JSON" message; contentType may be empty (then it is guessed).
QString notJsonMessage(const QByteArray &body, const QByteArray &contentType = {});
// Parses a JSON object; false with a readable error for anything else.
bool parseObject(const QByteArray &body, QJsonObject *out, QString *error);

// GET request with the headers every discovery call sends.
HttpRequest getRequest(const QByteArray &url, const HttpHeaders &auth);

// Reads an array of {id or name: ...} objects under `arrayKey`.
bool readIdList(const QJsonObject &root, const QString &arrayKey, const QString &idKey,
                QList<ModelStore::Discovered> *models, QString *error);

} // namespace DriverSupport
