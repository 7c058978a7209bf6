#pragma once

#include "core/config/ConfigDocument.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

#include <optional>

namespace YAML {
class Node;
}

// Reads a first-run YAML file (PRODUCT.md "First-run configuration") into a
// ConfigDocument and checks everything that can be checked without writing:
// syntax, field types, known kinds, references between sections, duplicates,
// durations. Every problem is reported as "FILE:LINE: path.to.field: what",
// all of them at once, so a broken file is fixed in one round.
class ConfigParser final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigParser)
public:
    std::optional<ConfigDocument> parseFile(const QString &path);
    // `fileName` only labels messages.
    std::optional<ConfigDocument> parse(const QByteArray &yaml, const QString &fileName);

    QStringList errors() const { return m_errors; }
    QString errorText() const { return m_errors.join(QLatin1Char('\n')); }

    // "30s", "5m", "1h", "0" or plain seconds.
    static std::optional<int> parseDuration(const QString &text);
    static QStringList knownKinds();

private:
    void error(const YAML::Node &node, const QString &path, const QString &message);
    void error(int line, const QString &path, const QString &message);

    void readGateway(const YAML::Node &node, ConfigDocument &doc);
    void readProviders(const YAML::Node &node, ConfigDocument &doc);
    void readModels(const YAML::Node &node, ConfigDocument &doc);
    void readTargets(const YAML::Node &node, const QString &path, const QHash<QString, int> &providers, Alias &a);
    void readRouting(const YAML::Node &item, const QString &path, Alias &a);
    void readKeys(const YAML::Node &node, ConfigDocument &doc);
    void parseKeyLimits(const YAML::Node &item, const QString &path, KeyStore::NewKey &spec);

    // Typed field readers: return nullopt (and record an error) on a wrong type.
    std::optional<QString> string(const YAML::Node &node, const QString &path);
    std::optional<bool> boolean(const YAML::Node &node, const QString &path);
    std::optional<double> number(const YAML::Node &node, const QString &path, double min);
    std::optional<QStringList> stringList(const YAML::Node &node, const QString &path);
    void checkFields(const YAML::Node &map, const QString &path, const QStringList &allowed);

    QString m_fileName;
    QStringList m_errors;
};
