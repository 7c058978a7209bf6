#include "core/config/ConfigParser.h"

#include "core/net/ListenAddress.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/AliasStore.h"
#include "core/storage/ProviderStore.h"
#include "core/time/Clock.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace {

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

int lineOf(const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? 0 : mark.line + 1;
}

QString indexed(const QString &section, int i)
{
    return QStringLiteral("%1[%2]").arg(section).arg(i);
}

QString field(const QString &path, const char *name)
{
    return path + QLatin1Char('.') + QLatin1String(name);
}

// Plain (unquoted) scalars carry the "?" tag; quoted ones keep their text as a string.
bool isPlain(const YAML::Node &node)
{
    return node.Tag() == "?";
}

QJsonValue toJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &item : node)
            object.insert(text(item.first), toJson(item.second));
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto &item : node)
            array.append(toJson(item));
        return array;
    }
    case YAML::NodeType::Scalar: {
        const QString value = text(node);
        if (!isPlain(node))
            return value;
        if (value == QLatin1String("true") || value == QLatin1String("false"))
            return value == QLatin1String("true");
        if (value == QLatin1String("null") || value == QLatin1String("~"))
            return QJsonValue::Null;
        bool ok = false;
        const qlonglong integer = value.toLongLong(&ok);
        if (ok)
            return integer;
        const double real = value.toDouble(&ok);
        if (ok)
            return real;
        return value;
    }
    default:
        return QJsonValue::Null;
    }
}

QString defaultBaseUrl(const QString &kind, const QString &name)
{
    if (kind == QLatin1String("openai"))
        return QStringLiteral("https://api.openai.com/v1");
    if (kind == QLatin1String("anthropic"))
        return QStringLiteral("https://api.anthropic.com/v1");
    if (kind == QLatin1String("gemini"))
        return QStringLiteral("https://generativelanguage.googleapis.com/v1beta");
    if (kind == QLatin1String("mock"))
        return QStringLiteral("mock://") + name;
    return {};
}

} // namespace

QStringList ConfigParser::knownKinds()
{
    return {QStringLiteral("openai"), QStringLiteral("anthropic"), QStringLiteral("gemini"), QStringLiteral("azure"),
            QStringLiteral("mock")};
}

std::optional<int> ConfigParser::parseDuration(const QString &value)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,9})\\s*([smh]?)\\s*$"));
    const QRegularExpressionMatch m = re.match(value);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 amount = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 seconds = unit == QLatin1String("m")   ? amount * 60
                           : unit == QLatin1String("h") ? amount * 3600
                                                        : amount;
    if (seconds > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(seconds);
}

void ConfigParser::error(int line, const QString &path, const QString &message)
{
    m_errors.append(QStringLiteral("%1:%2: %3: %4").arg(m_fileName).arg(line).arg(path, message));
}

void ConfigParser::error(const YAML::Node &node, const QString &path, const QString &message)
{
    error(lineOf(node), path, message);
}

std::optional<ConfigDocument> ConfigParser::parseFile(const QString &path)
{
    m_errors.clear();
    m_fileName = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_errors.append(tr("%1: cannot read the configuration file: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return parse(file.readAll(), path);
}

std::optional<ConfigDocument> ConfigParser::parse(const QByteArray &yaml, const QString &fileName)
{
    m_errors.clear();
    m_fileName = fileName;
    ConfigDocument doc;
    doc.fileName = fileName;

    // yaml-cpp reports problems by throwing; nothing may escape this function.
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root.IsNull()) {
            return doc;
        }
        if (!root.IsMap()) {
            error(root, tr("(top level)"), tr("expected a mapping with gateway, providers, models and keys"));
            return std::nullopt;
        }
        for (const auto &item : root) {
            const QString key = text(item.first);
            if (key == QLatin1String("gateway"))
                readGateway(item.second, doc);
            else if (key == QLatin1String("providers"))
                readProviders(item.second, doc);
            else if (key == QLatin1String("models"))
                readModels(item.second, doc);
            else if (key == QLatin1String("keys"))
                readKeys(item.second, doc);
            else
                error(item.first, key, tr("unknown section (expected gateway, providers, models or keys)"));
        }
    } catch (const YAML::Exception &e) {
        const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
        m_errors.append(tr("%1:%2: invalid YAML: %3").arg(fileName).arg(line).arg(QString::fromStdString(e.msg)));
        return std::nullopt;
    }
    if (!m_errors.isEmpty())
        return std::nullopt;
    return doc;
}

void ConfigParser::checkFields(const YAML::Node &map, const QString &path, const QStringList &allowed)
{
    for (const auto &item : map) {
        const QString key = text(item.first);
        if (!allowed.contains(key))
            error(item.first, path + QLatin1Char('.') + key,
                  tr("unknown field (expected one of %1)").arg(allowed.join(QStringLiteral(", "))));
    }
}

std::optional<QString> ConfigParser::string(const YAML::Node &node, const QString &path)
{
    if (!node.IsScalar()) {
        error(node, path, tr("expected a text value"));
        return std::nullopt;
    }
    return text(node);
}

std::optional<bool> ConfigParser::boolean(const YAML::Node &node, const QString &path)
{
    if (node.IsScalar()) {
        const QString value = text(node).toLower();
        if (value == QLatin1String("true") || value == QLatin1String("yes") || value == QLatin1String("on"))
            return true;
        if (value == QLatin1String("false") || value == QLatin1String("no") || value == QLatin1String("off"))
            return false;
    }
    error(node, path, tr("expected true or false"));
    return std::nullopt;
}

std::optional<double> ConfigParser::number(const YAML::Node &node, const QString &path, double min)
{
    if (node.IsScalar()) {
        bool ok = false;
        const double value = text(node).toDouble(&ok);
        if (ok && value >= min)
            return value;
    }
    error(node, path, min >= 0 ? tr("expected a number of at least %1").arg(min) : tr("expected a number"));
    return std::nullopt;
}

std::optional<QStringList> ConfigParser::stringList(const YAML::Node &node, const QString &path)
{
    if (!node.IsSequence()) {
        error(node, path, tr("expected a list, e.g. [a, b]"));
        return std::nullopt;
    }
    QStringList out;
    int i = 0;
    for (const auto &item : node) {
        if (const auto value = string(item, indexed(path, i)))
            out.append(*value);
        ++i;
    }
    return out;
}

void ConfigParser::readGateway(const YAML::Node &node, ConfigDocument &doc)
{
    const QString path = QStringLiteral("gateway");
    if (!node.IsMap()) {
        error(node, path, tr("expected a mapping with listen and require_keys"));
        return;
    }
    checkFields(node, path,
                {QStringLiteral("listen"), QStringLiteral("require_keys"), QStringLiteral("circuit_breaker")});
    if (const YAML::Node listen = node["listen"]) {
        if (const auto value = string(listen, field(path, "listen"))) {
            QString why;
            if (ListenAddress::parse(*value, &why))
                doc.listen = *value;
            else
                error(listen, field(path, "listen"), why);
        }
    }
    if (const YAML::Node requireKeys = node["require_keys"])
        doc.requireKeys = boolean(requireKeys, field(path, "require_keys"));
    if (const YAML::Node breaker = node["circuit_breaker"]) {
        const QString bpath = field(path, "circuit_breaker");
        if (!breaker.IsMap()) {
            error(breaker, bpath, tr("expected a mapping like { failures: 5, cooldown: 30s }"));
            return;
        }
        checkFields(breaker, bpath, {QStringLiteral("failures"), QStringLiteral("cooldown")});
        if (const YAML::Node failures = breaker["failures"]) {
            if (const auto value = number(failures, field(bpath, "failures"), 1))
                doc.breakerFailures = int(*value);
        }
        if (const YAML::Node cooldown = breaker["cooldown"]) {
            if (const auto value = string(cooldown, field(bpath, "cooldown"))) {
                const std::optional<int> seconds = parseDuration(*value);
                if (seconds && *seconds > 0)
                    doc.breakerCooldownSec = *seconds;
                else
                    error(cooldown, field(bpath, "cooldown"), tr("expected a duration such as 30s or 2m"));
            }
        }
    }
}

void ConfigParser::readProviders(const YAML::Node &node, ConfigDocument &doc)
{
    if (!node.IsSequence()) {
        error(node, QStringLiteral("providers"), tr("expected a list of providers"));
        return;
    }
    QHash<QString, int> seen; // name -> line
    int i = 0;
    for (const YAML::Node &item : node) {
        const QString path = indexed(QStringLiteral("providers"), i++);
        if (!item.IsMap()) {
            error(item, path, tr("expected a mapping with name, kind, base_url, ..."));
            continue;
        }
        checkFields(item, path,
                    {QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("base_url"),
                     QStringLiteral("api_key"), QStringLiteral("sync_interval"), QStringLiteral("expose_all"),
                     QStringLiteral("enabled"), QStringLiteral("api_version"), QStringLiteral("organization"),
                     QStringLiteral("project")});
        ConfigDocument::ProviderEntry entry;
        entry.line = lineOf(item);
        Provider &p = entry.provider;

        const YAML::Node name = item["name"];
        if (!name) {
            error(item, field(path, "name"), tr("missing required field"));
        } else if (const auto value = string(name, field(path, "name"))) {
            p.name = *value;
            if (!ProviderStore::isValidName(p.name)) {
                error(name, field(path, "name"),
                      tr("\"%1\" is not a valid name (letters, digits, '.', '_' and '-', at most 64)").arg(p.name));
            } else if (seen.contains(p.name)) {
                error(name, field(path, "name"),
                      tr("duplicate provider \"%1\" (first defined on line %2)").arg(p.name).arg(seen.value(p.name)));
            } else {
                seen.insert(p.name, lineOf(name));
            }
        }

        const YAML::Node kind = item["kind"];
        if (!kind) {
            error(item, field(path, "kind"), tr("missing required field"));
        } else if (const auto value = string(kind, field(path, "kind"))) {
            p.kind = *value;
            if (!knownKinds().contains(p.kind))
                error(kind, field(path, "kind"),
                      tr("unknown kind \"%1\" (expected %2)").arg(p.kind, knownKinds().join(QStringLiteral(", "))));
        }

        if (const YAML::Node baseUrl = item["base_url"]) {
            if (const auto value = string(baseUrl, field(path, "base_url"))) {
                p.baseUrl = value->trimmed();
                const QUrl url(p.baseUrl);
                if (!url.isValid() || url.scheme().isEmpty()
                    || (url.scheme() != QLatin1String("mock") && url.host().isEmpty()))
                    error(baseUrl, field(path, "base_url"),
                          tr("\"%1\" is not a URL like https://host/v1").arg(p.baseUrl));
            }
        } else {
            p.baseUrl = defaultBaseUrl(p.kind, p.name);
            if (p.baseUrl.isEmpty() && knownKinds().contains(p.kind))
                error(item, field(path, "base_url"),
                      tr("missing required field (kind %1 has no default URL)").arg(p.kind));
        }

        if (const YAML::Node apiKey = item["api_key"]) {
            if (const auto value = string(apiKey, field(path, "api_key"))) {
                if (value->startsWith(QLatin1String("env:"))) {
                    QString why;
                    if (ProviderKeys::isValidRef(*value, &why))
                        p.keyRef = *value;
                    else
                        error(apiKey, field(path, "api_key"), why);
                } else if (!value->isEmpty()) {
                    p.keyRef = ProviderKeys::keychainRef();
                    entry.literalKey = *value;
                }
            }
        }

        if (const YAML::Node interval = item["sync_interval"]) {
            if (const auto value = string(interval, field(path, "sync_interval"))) {
                if (const auto seconds = parseDuration(*value))
                    p.syncIntervalSec = *seconds;
                else
                    error(interval, field(path, "sync_interval"),
                          tr("bad duration \"%1\" (expected e.g. 30s, 5m, 1h, 0 or plain seconds)").arg(*value));
            }
        }
        if (const YAML::Node exposeAll = item["expose_all"]) {
            if (const auto value = boolean(exposeAll, field(path, "expose_all")))
                p.exposeAll = *value;
        }
        if (const YAML::Node enabled = item["enabled"]) {
            if (const auto value = boolean(enabled, field(path, "enabled")))
                p.enabled = *value;
        }
        if (const YAML::Node apiVersion = item["api_version"]) {
            if (p.kind != QLatin1String("azure")) {
                error(apiVersion, field(path, "api_version"), tr("only used by kind azure"));
            } else if (const auto value = string(apiVersion, field(path, "api_version"))) {
                p.options.insert(QStringLiteral("api_version"), *value);
            }
        }
        // OpenAI's OpenAI-Organization / OpenAI-Project headers come from here,
        // never from the client (the gateway drops the client's).
        for (const char *key : {"organization", "project"}) {
            const YAML::Node node = item[key];
            if (!node)
                continue;
            if (p.kind != QLatin1String("openai")) {
                error(node, field(path, key), tr("only used by kind openai"));
            } else if (const auto value = string(node, field(path, key))) {
                p.options.insert(QLatin1String(key), *value);
            }
        }
        doc.providers.append(entry);
    }
}

void ConfigParser::readModels(const YAML::Node &node, ConfigDocument &doc)
{
    if (!node.IsSequence()) {
        error(node, QStringLiteral("models"), tr("expected a list of aliases"));
        return;
    }
    QHash<QString, int> providerLines;
    for (const auto &entry : std::as_const(doc.providers))
        providerLines.insert(entry.provider.name, entry.line);
    static const QStringList categories = {QStringLiteral("chat"), QStringLiteral("embedding"), QStringLiteral("audio"),
                                           QStringLiteral("image"), QStringLiteral("other")};
    QHash<QString, int> seen;
    int i = 0;
    for (const YAML::Node &item : node) {
        const QString path = indexed(QStringLiteral("models"), i++);
        if (!item.IsMap()) {
            error(item, path, tr("expected a mapping with alias, provider, model, ..."));
            continue;
        }
        checkFields(item, path,
                    {QStringLiteral("alias"), QStringLiteral("provider"), QStringLiteral("model"),
                     QStringLiteral("category"), QStringLiteral("pricing"), QStringLiteral("defaults"),
                     QStringLiteral("active"), QStringLiteral("strategy"), QStringLiteral("targets"),
                     QStringLiteral("fallbacks"), QStringLiteral("retry")});
        ConfigDocument::AliasEntry entry;
        entry.line = lineOf(item);
        Alias &a = entry.alias;

        const YAML::Node alias = item["alias"];
        if (!alias) {
            error(item, field(path, "alias"), tr("missing required field"));
        } else if (const auto value = string(alias, field(path, "alias"))) {
            a.alias = *value;
            if (!AliasStore::isValidName(a.alias))
                error(alias, field(path, "alias"), tr("\"%1\" is not a valid alias name").arg(a.alias));
            else if (seen.contains(a.alias))
                error(alias, field(path, "alias"),
                      tr("duplicate alias \"%1\" (first defined on line %2)").arg(a.alias).arg(seen.value(a.alias)));
            else
                seen.insert(a.alias, lineOf(alias));
        }

        const YAML::Node targets = item["targets"];
        if (targets) {
            if (item["provider"] || item["model"])
                error(targets, field(path, "targets"), tr("use either provider/model or targets, not both"));
            readTargets(targets, field(path, "targets"), providerLines, a);
        } else {
            const YAML::Node provider = item["provider"];
            if (!provider) {
                error(item, field(path, "provider"), tr("missing required field"));
            } else if (const auto value = string(provider, field(path, "provider"))) {
                a.providerName = *value;
                // Providers come from this file only: the database is new.
                if (!providerLines.contains(a.providerName))
                    error(provider, field(path, "provider"),
                          tr("unknown provider \"%1\" (not defined under providers)").arg(a.providerName));
            }

            const YAML::Node model = item["model"];
            if (!model)
                error(item, field(path, "model"), tr("missing required field"));
            else if (const auto value = string(model, field(path, "model")))
                a.modelId = *value;
        }
        readRouting(item, path, a);

        if (const YAML::Node category = item["category"]) {
            if (const auto value = string(category, field(path, "category"))) {
                if (categories.contains(*value))
                    a.category = *value;
                else
                    error(
                        category, field(path, "category"),
                        tr("unknown category \"%1\" (expected %2)").arg(*value, categories.join(QStringLiteral(", "))));
            }
        }
        if (const YAML::Node pricing = item["pricing"]) {
            const QString pricingPath = field(path, "pricing");
            if (!pricing.IsMap()) {
                error(pricing, pricingPath, tr("expected a mapping like { input: 0.15, output: 0.60 }"));
            } else {
                checkFields(pricing, pricingPath,
                            {QStringLiteral("input"), QStringLiteral("output"), QStringLiteral("cached_input")});
                if (const YAML::Node v = pricing["input"])
                    a.pricing.input = number(v, field(pricingPath, "input"), 0).value_or(0);
                if (const YAML::Node v = pricing["output"])
                    a.pricing.output = number(v, field(pricingPath, "output"), 0).value_or(0);
                if (const YAML::Node v = pricing["cached_input"])
                    a.pricing.cachedInput = number(v, field(pricingPath, "cached_input"), 0).value_or(0);
            }
        }
        if (const YAML::Node defaults = item["defaults"]) {
            if (!defaults.IsMap())
                error(defaults, field(path, "defaults"), tr("expected a mapping like { temperature: 0.2 }"));
            else
                a.defaults = toJson(defaults).toObject();
        }
        if (const YAML::Node active = item["active"]) {
            if (const auto value = boolean(active, field(path, "active")))
                a.active = *value;
        }
        doc.aliases.append(entry);
    }
    // Fallbacks name other aliases of this file.
    for (int k = 0; k < doc.aliases.size(); ++k) {
        const Alias &a = doc.aliases.at(k).alias;
        for (const QString &name : a.fallbacks) {
            if (name == a.alias || !seen.contains(name))
                error(doc.aliases.at(k).line, field(indexed(QStringLiteral("models"), k), "fallbacks"),
                      name == a.alias ? tr("an alias cannot fall back to itself")
                                      : tr("unknown alias \"%1\" (not defined under models)").arg(name));
        }
    }
}

void ConfigParser::readTargets(const YAML::Node &node, const QString &path, const QHash<QString, int> &providers,
                               Alias &a)
{
    if (!node.IsSequence() || node.size() == 0) {
        error(node, path, tr("expected a list like [{ provider: openai, model: gpt-4o, weight: 3 }]"));
        return;
    }
    int i = 0;
    for (const YAML::Node &item : node) {
        const QString tpath = indexed(path, i++);
        if (!item.IsMap()) {
            error(item, tpath, tr("expected a mapping with provider, model, weight, priority"));
            continue;
        }
        checkFields(item, tpath,
                    {QStringLiteral("provider"), QStringLiteral("model"), QStringLiteral("weight"),
                     QStringLiteral("priority")});
        AliasTarget t;
        if (const YAML::Node provider = item["provider"]; !provider) {
            error(item, field(tpath, "provider"), tr("missing required field"));
        } else if (const auto value = string(provider, field(tpath, "provider"))) {
            t.providerName = *value;
            if (!providers.contains(t.providerName))
                error(provider, field(tpath, "provider"),
                      tr("unknown provider \"%1\" (not defined under providers)").arg(t.providerName));
        }
        if (const YAML::Node model = item["model"]; !model)
            error(item, field(tpath, "model"), tr("missing required field"));
        else if (const auto value = string(model, field(tpath, "model")))
            t.modelId = *value;
        if (const YAML::Node weight = item["weight"]) {
            if (const auto value = number(weight, field(tpath, "weight"), 0)) {
                if (*value != double(int(*value)))
                    error(weight, field(tpath, "weight"), tr("expected a whole number"));
                t.weight = int(*value);
            }
        }
        if (const YAML::Node priority = item["priority"]) {
            if (const auto value = number(priority, field(tpath, "priority"), 1)) {
                if (*value != double(int(*value)))
                    error(priority, field(tpath, "priority"), tr("expected a whole number"));
                t.priority = int(*value);
            }
        }
        a.targets.append(t);
    }
    if (!a.targets.isEmpty()) {
        a.providerName = a.targets.first().providerName;
        a.modelId = a.targets.first().modelId;
    }
}

void ConfigParser::readRouting(const YAML::Node &item, const QString &path, Alias &a)
{
    static const QStringList strategies = {QStringLiteral("weighted"), QStringLiteral("least-busy"),
                                           QStringLiteral("fastest"), QStringLiteral("ordered")};
    if (const YAML::Node strategy = item["strategy"]) {
        if (const auto value = string(strategy, field(path, "strategy"))) {
            if (strategies.contains(*value))
                a.strategy = *value;
            else
                error(strategy, field(path, "strategy"),
                      tr("unknown strategy \"%1\" (expected %2)").arg(*value, strategies.join(QStringLiteral(", "))));
        }
    }
    if (const YAML::Node fallbacks = item["fallbacks"]) {
        if (const auto value = stringList(fallbacks, field(path, "fallbacks")))
            a.fallbacks = *value;
    }
    if (const YAML::Node retry = item["retry"]) {
        const QString rpath = field(path, "retry");
        if (!retry.IsMap()) {
            error(retry, rpath, tr("expected a mapping like { attempts: 3, backoff_ms: 250, on: [429, 503] }"));
            return;
        }
        checkFields(retry, rpath, {QStringLiteral("attempts"), QStringLiteral("backoff_ms"), QStringLiteral("on")});
        if (const YAML::Node v = retry["attempts"])
            a.retry.attempts = int(number(v, field(rpath, "attempts"), 1).value_or(a.retry.attempts));
        if (const YAML::Node v = retry["backoff_ms"])
            a.retry.backoffMs = int(number(v, field(rpath, "backoff_ms"), 0).value_or(a.retry.backoffMs));
        if (const YAML::Node v = retry["on"]) {
            if (const auto value = stringList(v, field(rpath, "on"))) {
                int k = 0;
                for (const QString &reason : *value) {
                    bool isStatus = false;
                    const int status = reason.toInt(&isStatus);
                    if (!(isStatus && status >= 400 && status <= 599) && reason != QLatin1String("connect")
                        && reason != QLatin1String("timeout"))
                        error(v[k], indexed(field(rpath, "on"), k),
                              tr("\"%1\" is not a status 400-599, connect or timeout").arg(reason));
                    ++k;
                }
                a.retry.on = *value;
            }
        }
    }
}

void ConfigParser::readKeys(const YAML::Node &node, ConfigDocument &doc)
{
    if (!node.IsSequence()) {
        error(node, QStringLiteral("keys"), tr("expected a list of keys"));
        return;
    }
    QHash<QString, int> seen;
    int i = 0;
    for (const YAML::Node &item : node) {
        const QString path = indexed(QStringLiteral("keys"), i++);
        if (!item.IsMap()) {
            error(item, path, tr("expected a mapping with name, key, models, ..."));
            continue;
        }
        checkFields(item, path,
                    {QStringLiteral("name"), QStringLiteral("key"), QStringLiteral("models"), QStringLiteral("rpm"),
                     QStringLiteral("budget_usd"), QStringLiteral("expires"), QStringLiteral("budget"),
                     QStringLiteral("tpm"), QStringLiteral("max_parallel"), QStringLiteral("allow_unpriced")});
        ConfigDocument::KeyEntry entry;
        entry.line = lineOf(item);
        KeyStore::NewKey &spec = entry.spec;

        const YAML::Node name = item["name"];
        if (!name) {
            error(item, field(path, "name"), tr("missing required field"));
        } else if (const auto value = string(name, field(path, "name"))) {
            spec.name = *value;
            if (spec.name.trimmed().isEmpty())
                error(name, field(path, "name"), tr("must not be empty"));
            else if (seen.contains(spec.name))
                error(name, field(path, "name"),
                      tr("duplicate key \"%1\" (first defined on line %2)").arg(spec.name).arg(seen.value(spec.name)));
            else
                seen.insert(spec.name, lineOf(name));
        }

        if (const YAML::Node key = item["key"]) {
            if (const auto value = string(key, field(path, "key"))) {
                const QString env = ProviderKeys::envName(*value);
                if (value->startsWith(QLatin1String("env:"))) {
                    entry.secret = qEnvironmentVariable(env.toLocal8Bit().constData());
                    if (entry.secret.isEmpty())
                        error(key, field(path, "key"), tr("the environment variable %1 is not set").arg(env));
                } else {
                    entry.secret = *value;
                }
                if (!entry.secret.isEmpty() && entry.secret.size() < 16)
                    error(key, field(path, "key"), tr("a gateway key must be at least 16 characters long"));
            }
        }
        if (const YAML::Node models = item["models"]) {
            if (const auto value = stringList(models, field(path, "models")))
                spec.models = *value;
        }
        if (const YAML::Node rpm = item["rpm"]) {
            const auto value = number(rpm, field(path, "rpm"), 0);
            if (value && *value != double(int(*value)))
                error(rpm, field(path, "rpm"), tr("expected a whole number"));
            else if (value)
                spec.rpm = int(*value);
        }
        if (const YAML::Node budget = item["budget_usd"])
            spec.budgetUsd = number(budget, field(path, "budget_usd"), 0).value_or(0);
        parseKeyLimits(item, path, spec);
        if (const YAML::Node expires = item["expires"]) {
            if (const auto value = string(expires, field(path, "expires"))) {
                if (Clock::fromIso(*value).isValid())
                    spec.expiresAt = *value;
                else
                    error(expires, field(path, "expires"), tr("\"%1\" is not an ISO 8601 date").arg(*value));
            }
        }
        doc.keys.append(entry);
    }
}

// `budget: { usd, period, soft_usd }`, `tpm`, `max_parallel`, `allow_unpriced`
// on a key (`budget_usd: X` alone stays a total budget).
void ConfigParser::parseKeyLimits(const YAML::Node &item, const QString &path, KeyStore::NewKey &spec)
{
    auto whole = [&](const char *name, int &out) {
        if (const YAML::Node n = item[name]) {
            const auto value = number(n, field(path, name), 0);
            if (value && *value != double(int(*value)))
                error(n, field(path, name), tr("expected a whole number"));
            else if (value)
                out = int(*value);
        }
    };
    whole("tpm", spec.tpm);
    whole("max_parallel", spec.maxParallel);
    if (const YAML::Node allow = item["allow_unpriced"]) {
        if (const auto value = boolean(allow, field(path, "allow_unpriced")))
            spec.allowUnpriced = *value;
    }
    const YAML::Node budget = item["budget"];
    if (!budget)
        return;
    const QString budgetPath = field(path, "budget");
    if (!budget.IsMap()) {
        error(budget, budgetPath, tr("expected a mapping with usd, period, soft_usd"));
        return;
    }
    checkFields(budget, budgetPath, {QStringLiteral("usd"), QStringLiteral("period"), QStringLiteral("soft_usd")});
    if (item["budget_usd"])
        error(budget, budgetPath, tr("give either budget or budget_usd, not both"));
    if (const YAML::Node usd = budget["usd"])
        spec.budgetUsd = number(usd, field(budgetPath, "usd"), 0).value_or(0);
    if (const YAML::Node soft = budget["soft_usd"])
        spec.softUsd = number(soft, field(budgetPath, "soft_usd"), 0).value_or(0);
    if (const YAML::Node period = budget["period"]) {
        if (const auto value = string(period, field(budgetPath, "period"))) {
            if (const auto kind = BudgetPeriod::parse(*value))
                spec.budgetPeriod = *kind;
            else
                error(period, field(budgetPath, "period"),
                      tr("\"%1\" is not a period: use total, daily, weekly or monthly").arg(*value));
        }
    }
}
