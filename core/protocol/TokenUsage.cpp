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
    const QLatin1String usageKey("usage");
    const QLatin1String metadataKey("usageMetadata");
    QJsonObject usage = object.value(usageKey).toObject();
    if (usage.isEmpty())
        usage = object.value(QLatin1String("message")).toObject().value(usageKey).toObject();
    if (usage.isEmpty())
        usage = object.value(QLatin1String("response")).toObject().value(usageKey).toObject();
    if (usage.isEmpty()) {
        QJsonObject metadata = object.value(metadataKey).toObject();
        if (metadata.isEmpty())
            metadata = object.value(QLatin1String("response")).toObject().value(metadataKey).toObject();
        if (!metadata.isEmpty())
            mergeGemini(metadata);
        return;
    }
    seen = true;
    qint64 p = 0, c = 0, read = 0, write = 0, write1h = 0, thinking = 0;
    if (usage.contains(QLatin1String("prompt_tokens")) || usage.contains(QLatin1String("completion_tokens"))) {
        // OpenAI Chat: cache reads inside prompt_tokens, reasoning inside completion_tokens.
        p = number(usage, "prompt_tokens");
        c = number(usage, "completion_tokens");
        read = number(usage.value(QLatin1String("prompt_tokens_details")).toObject(), "cached_tokens");
        thinking = number(usage.value(QLatin1String("completion_tokens_details")).toObject(), "reasoning_tokens");
    } else {
        p = number(usage, "input_tokens");
        c = number(usage, "output_tokens");
        // OpenAI Responses: like Chat, the details are parts of the totals.
        read = number(usage.value(QLatin1String("input_tokens_details")).toObject(), "cached_tokens");
        thinking = number(usage.value(QLatin1String("output_tokens_details")).toObject(), "reasoning_tokens");
        // Anthropic: cache reads and writes are reported apart from input_tokens.
        const qint64 anthropicRead = number(usage, "cache_read_input_tokens");
        const QJsonObject creation = usage.value(QLatin1String("cache_creation")).toObject();
        write1h = number(creation, "ephemeral_1h_input_tokens");
        write =
            qMax(number(usage, "cache_creation_input_tokens"), number(creation, "ephemeral_5m_input_tokens") + write1h);
        read = qMax(read, anthropicRead);
        p += anthropicRead + write;
    }
    prompt = qMax(prompt, p);
    completion = qMax(completion, c);
    cached = qMax(cached, read);
    cacheWrite = qMax(cacheWrite, write);
    cacheWrite1h = qMax(cacheWrite1h, write1h);
    reasoning = qMax(reasoning, thinking);
}

void TokenUsage::mergeGemini(const QJsonObject &metadata)
{
    seen = true;
    // thoughtsTokenCount is billed as output but not counted in candidatesTokenCount.
    const qint64 thoughts = number(metadata, "thoughtsTokenCount");
    prompt = qMax(prompt, number(metadata, "promptTokenCount"));
    completion = qMax(completion, number(metadata, "candidatesTokenCount") + thoughts);
    cached = qMax(cached, number(metadata, "cachedContentTokenCount"));
    reasoning = qMax(reasoning, thoughts);
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
