#include "core/protocol/TokenUsage.h"

#include <QJsonDocument>

namespace {

qint64 number(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger();
}

} // namespace

void TokenUsage::mergeFrom(const QJsonObject &object)
{
    QJsonObject usage = object.value(QLatin1String("usage")).toObject();
    if (usage.isEmpty())
        usage = object.value(QLatin1String("message")).toObject().value(QLatin1String("usage")).toObject();
    if (usage.isEmpty())
        usage = object.value(QLatin1String("response")).toObject().value(QLatin1String("usage")).toObject();
    if (usage.isEmpty())
        return;
    seen = true;
    const qint64 p =
        usage.contains(QLatin1String("prompt_tokens")) ? number(usage, "prompt_tokens") : number(usage, "input_tokens");
    const qint64 c = usage.contains(QLatin1String("completion_tokens")) ? number(usage, "completion_tokens")
                                                                        : number(usage, "output_tokens");
    qint64 cachedNow = number(usage, "cache_read_input_tokens");
    const QJsonObject details = usage.value(QLatin1String("prompt_tokens_details")).toObject();
    cachedNow = qMax(cachedNow, number(details, "cached_tokens"));
    const QJsonObject inputDetails = usage.value(QLatin1String("input_tokens_details")).toObject();
    cachedNow = qMax(cachedNow, number(inputDetails, "cached_tokens"));
    // Anthropic reports cache reads apart from input_tokens; count them as prompt tokens too.
    const qint64 promptTotal = usage.contains(QLatin1String("cache_read_input_tokens")) ? p + cachedNow : p;
    prompt = qMax(prompt, promptTotal);
    completion = qMax(completion, c);
    cached = qMax(cached, cachedNow);
}

void TokenUsage::mergeFromJson(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error == QJsonParseError::NoError && doc.isObject())
        mergeFrom(doc.object());
}

void TokenUsage::mergeFromFragment(QByteArrayView text)
{
    const qsizetype key = text.lastIndexOf(QByteArrayView("\"usage\""));
    if (key < 0)
        return;
    const qsizetype open = text.indexOf('{', key);
    if (open < 0)
        return;
    int depth = 0;
    bool inString = false;
    for (qsizetype i = open; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{') {
            ++depth;
        } else if (c == '}' && --depth == 0) {
            QByteArray wrapped = "{\"usage\":";
            wrapped += text.sliced(open, i - open + 1).toByteArray();
            wrapped += '}';
            mergeFromJson(wrapped);
            return;
        }
    }
}
