#include "core/protocol/RequestRewrite.h"

#include "core/protocol/JsonEdit.h"
#include "core/protocol/RouteParameters.h"

#include <algorithm>

RequestRewrite::Result RequestRewrite::apply(const JsonObjectView &body) const
{
    Result result;
    JsonEdit edit;
    // A byte order mark is dropped: providers' parsers refuse it (Python's json does).
    if (const qsizetype bom = Json::bomBytes(body.document()))
        edit.replace(0, bom, {});
    if (!upstreamModel.isEmpty()) {
        if (const JsonMember *model = body.find("model"))
            edit.replaceValue(*model, Json::quote(upstreamModel));
    }
    for (auto it = defaults.constBegin(); it != defaults.constEnd(); ++it) {
        const auto placement = RouteParameters::placeDefault(route, it.key());
        if (!placement)
            continue;
        const QList<QByteArrayView> &limits = RouteParameters::tokenLimitNames();
        const bool set = placement->tokenLimit ? std::any_of(limits.cbegin(), limits.cend(),
                                                             [&](QByteArrayView n) { return body.contains(n); })
                                               : body.contains(placement->name.toUtf8());
        if (!set)
            edit.addMember(body, placement->name, JsonEdit::text(it.value()));
    }
    if (askForUsage) {
        const JsonMember *options = body.find("stream_options");
        const std::optional<JsonObjectView> nested =
            options && options->type == JsonType::Object ? body.object(*options) : std::nullopt;
        if (!options) {
            edit.addMember(body, u"stream_options", "{\"include_usage\":true}");
            result.askedForUsage = true;
        } else if (!nested) {
            // null or not an object: replaced, as the provider would refuse it anyway.
            edit.replaceValue(*options, "{\"include_usage\":true}");
            result.askedForUsage = true;
        } else if (!nested->isTrue("include_usage")) {
            if (const JsonMember *include = nested->find("include_usage"))
                edit.replaceValue(*include, "true");
            else
                edit.addMember(*nested, u"include_usage", "true");
            result.askedForUsage = true;
        }
    }
    result.changed = !edit.isEmpty();
    if (result.changed)
        result.body = edit.apply(body.document());
    return result;
}
