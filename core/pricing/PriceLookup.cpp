#include "core/pricing/PriceLookup.h"

#include <QHash>
#include <QRegularExpression>

namespace {

const QLatin1String kLatest("-latest");

// -20250929 (Anthropic) or -2024-08-06 (OpenAI) at the end of an id.
const QRegularExpression &dateSuffix()
{
    static const QRegularExpression re(QStringLiteral("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$"));
    return re;
}

QString withoutDate(const QString &id)
{
    const QRegularExpressionMatch m = dateSuffix().match(id);
    return m.hasMatch() ? id.left(m.capturedStart()) : id;
}

// The newest dated id of a bare name ("claude-opus-4" -> "claude-opus-4-20250514").
std::optional<QString> newestDated(const PriceTable &table, const QString &kind, const QString &base)
{
    std::optional<QString> best;
    const QString prefix = base + QLatin1Char('-');
    for (const QString &id : table.models(kind)) {
        if (!id.startsWith(prefix) || withoutDate(id) != base)
            continue;
        if (!best || id > *best)
            best = id;
    }
    return best;
}

} // namespace

QStringList PriceLookup::candidateIds(const QString &modelId)
{
    QStringList out;
    auto add = [&out](const QString &id) {
        if (!id.isEmpty() && !out.contains(id))
            out.append(id);
    };
    QString id = modelId.trimmed();
    add(id);
    if (id.startsWith(QLatin1String("models/"))) { // Gemini's resource names
        id = id.mid(7);
        add(id);
    }
    if (id.endsWith(kLatest)) {
        add(id.chopped(kLatest.size()));
    } else {
        const QString base = withoutDate(id);
        if (base != id) {
            add(base);
            add(base + kLatest);
        } else {
            add(id + kLatest);
        }
    }
    // Gemini's table splits long prompts into a dearer tier; the short-prompt
    // tier is what most requests pay.
    add(id + QLatin1String("-lte-128k"));
    return out;
}

EffectivePrice PriceLookup::bundled(const PriceTable &table, const QString &kind, const QString &providerName,
                                    const QString &modelId)
{
    // The gateway asks this for every request; a table never changes once
    // loaded, so each thread remembers its answers (bounded) instead of
    // building id candidates and scanning for dated names each time.
    struct Memo
    {
        const PriceTable *table = nullptr;
        QHash<QString, EffectivePrice> answers;
    };
    thread_local Memo memo;
    if (memo.table != &table || memo.answers.size() > 4096) {
        memo.table = &table;
        memo.answers.clear();
    }
    const QString key = kind + QLatin1Char('\n') + providerName + QLatin1Char('\n') + modelId;
    if (const auto it = memo.answers.constFind(key); it != memo.answers.constEnd())
        return *it;
    EffectivePrice out = lookUp(table, kind, providerName, modelId);
    memo.answers.insert(key, out);
    return out;
}

EffectivePrice PriceLookup::lookUp(const PriceTable &table, const QString &kind, const QString &providerName,
                                   const QString &modelId)
{
    QStringList kinds{kind};
    const QString named = providerName.toLower();
    if (!named.isEmpty() && named != kind)
        kinds.append(named);
    // Azure serves OpenAI's models; its own rows win, OpenAI's fill the gaps.
    if (kind == QLatin1String("azure"))
        kinds.append(QStringLiteral("openai"));

    EffectivePrice out;
    const QStringList ids = candidateIds(modelId);
    auto found = [&](const QString &k, const QString &id) {
        out.price = *table.find(k, id);
        out.matchedId = id;
        out.priced = true;
        out.source = bundledSource(table);
        return out;
    };
    for (const QString &k : kinds) {
        for (const QString &id : ids) {
            if (table.find(k, id))
                return found(k, id);
        }
        // A bare or -latest name the source lists only with dates.
        QString base = ids.size() > 1 && ids.first().startsWith(QLatin1String("models/")) ? ids.at(1) : ids.first();
        if (base.endsWith(kLatest))
            base.chop(kLatest.size());
        if (const std::optional<QString> dated = newestDated(table, k, withoutDate(base)))
            return found(k, *dated);
    }
    return out;
}

bool PriceLookup::isOverride(const Pricing &pricing)
{
    return pricing.input > 0 || pricing.output > 0 || pricing.cachedInput > 0;
}

EffectivePrice PriceLookup::effective(const PriceTable &table, const Pricing *override, const QString &kind,
                                      const QString &providerName, const QString &modelId)
{
    EffectivePrice out = bundled(table, kind, providerName, modelId);
    if (!override || !isOverride(*override))
        return out;
    // The override's numbers are used as given, a cache-read price of 0 included.
    out.price.input = override->input;
    out.price.output = override->output;
    out.price.cacheRead = override->cachedInput;
    out.priced = true;
    out.source = QStringLiteral("override");
    return out;
}

QString PriceLookup::bundledSource(const PriceTable &table)
{
    return QStringLiteral("bundled %1").arg(table.sourceDate());
}
