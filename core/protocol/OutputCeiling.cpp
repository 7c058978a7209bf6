#include "core/protocol/OutputCeiling.h"

#include "core/protocol/JsonScan.h"

namespace {

std::optional<qint64> wholeNumber(const JsonObjectView &object, QByteArrayView name)
{
    const JsonMember *m = object.find(name);
    if (!m || m->type != JsonType::Number)
        return std::nullopt;
    bool ok = false;
    const double value = object.raw(*m).toByteArray().toDouble(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return qint64(value);
}

} // namespace

namespace OutputCeiling {

std::optional<qint64> requested(QByteArrayView requestJson)
{
    const std::optional<JsonObjectView> body = JsonObjectView::parse(requestJson);
    if (!body)
        return std::nullopt;
    for (const char *name : {"max_completion_tokens", "max_output_tokens", "max_tokens"}) {
        if (const auto n = wholeNumber(*body, name))
            return n;
    }
    if (const JsonMember *config = body->find("generationConfig"); config && config->type == JsonType::Object) {
        if (const auto inner = body->object(*config))
            return wholeNumber(*inner, "maxOutputTokens");
    }
    return std::nullopt;
}

} // namespace OutputCeiling
