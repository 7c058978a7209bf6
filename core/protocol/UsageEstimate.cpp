#include "core/protocol/UsageEstimate.h"

#include <initializer_list>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Reads the JSON string starting at text[i] == '"'; returns the index after
// its closing quote and the number of characters it holds.
qsizetype readString(QByteArrayView text, qsizetype i, qsizetype *chars)
{
    qsizetype count = 0;
    for (++i; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            *chars = count;
            return i + 1;
        }
        if (c == '\\') {
            ++i;
            if (i < text.size() && text[i] == 'u')
                i += 4;
        } else if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) {
            continue; // a UTF-8 continuation byte: part of the character already counted
        }
        ++count;
    }
    *chars = count;
    return text.size();
}

qsizetype stringValueChars(QByteArrayView text, std::initializer_list<QByteArrayView> keys)
{
    qsizetype total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] != '"') {
            ++i;
            continue;
        }
        const qsizetype start = i + 1;
        qsizetype chars = 0;
        i = readString(text, i, &chars);
        const QByteArrayView name = text.sliced(start, qMax<qsizetype>(0, i - 1 - start));
        qsizetype j = i;
        while (j < text.size() && isSpace(text[j]))
            ++j;
        if (j >= text.size() || text[j] != ':')
            continue; // a value, not a key
        ++j;
        while (j < text.size() && isSpace(text[j]))
            ++j;
        if (j >= text.size() || text[j] != '"')
            continue;
        bool wanted = false;
        for (QByteArrayView key : keys)
            wanted = wanted || name == key;
        qsizetype valueChars = 0;
        i = readString(text, j, &valueChars);
        if (wanted)
            total += valueChars;
    }
    return total;
}

} // namespace

qsizetype UsageEstimate::generatedChars(QByteArrayView eventJson)
{
    return stringValueChars(eventJson,
                            {"content", "text", "thinking", "partial_json", "arguments", "refusal", "delta"});
}

qsizetype UsageEstimate::promptChars(QByteArrayView requestJson)
{
    return stringValueChars(requestJson, {"content", "text", "system", "input", "prompt", "instructions"});
}

qint64 UsageEstimate::tokensForChars(qsizetype chars)
{
    return chars <= 0 ? 0 : (chars + 3) / 4;
}

bool UsageEstimate::fillGaps(TokenUsage &usage, QByteArrayView requestJson, qsizetype relayedChars)
{
    bool estimated = false;
    if (usage.prompt <= 0) {
        const qint64 prompt = tokensForChars(promptChars(requestJson));
        if (prompt > 0) {
            usage.prompt = prompt;
            estimated = true;
        }
    }
    const qint64 generated = tokensForChars(relayedChars);
    if (generated > usage.completion) {
        usage.completion = generated;
        estimated = true;
    }
    return estimated;
}
