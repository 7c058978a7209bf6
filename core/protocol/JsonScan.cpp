#include "core/protocol/JsonScan.h"

#include "core/protocol/HexDigit.h"

#include <algorithm>
#include <array>

namespace {

// As deep as Qt's own parser goes (QJsonDocument refuses deeper documents),
// and a bound on the scanner's recursion.
constexpr int kMaxDepth = 1024;
// Up to this many members, duplicate names are found pairwise; above it by sorting.
constexpr qsizetype kPairwiseMembers = 24;

// Bytes a string holds as they are: printable ASCII other than '"' and '\\'.
constexpr std::array<bool, 256> plainStringBytes()
{
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c)
        table[c] = c != '"' && c != '\\';
    return table;
}
constexpr std::array<bool, 256> kPlain = plainStringBytes();

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A recursive-descent pass over the bytes that checks the grammar and, for the
// one object it is asked about, records its members.
class Scanner
{
public:
    explicit Scanner(QByteArrayView bytes)
        : s(bytes.data())
        , n(bytes.size())
    {
    }

    const char *s;
    qsizetype n;
    qsizetype i = 0;
    QString error;
    qsizetype errorAt = -1;

    bool fail(const char *message)
    {
        if (errorAt < 0) {
            error = QString::fromLatin1(message);
            errorAt = i;
        }
        return false;
    }

    void skipSpace()
    {
        while (i < n && isSpace(s[i]))
            ++i;
    }

    bool value(int depth)
    {
        if (i >= n)
            return fail("unexpected end of the document");
        switch (s[i]) {
        case '{':
            return object(depth + 1, nullptr);
        case '[':
            return array(depth + 1);
        case '"':
            return string();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            if (s[i] == '-' || isDigit(s[i]))
                return number();
            return fail("a value was expected");
        }
    }

    bool literal(const char *word)
    {
        const QByteArrayView w(word);
        if (n - i < w.size() || QByteArrayView(s + i, w.size()) != w)
            return fail("a value was expected");
        i += w.size();
        return true;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    bool number()
    {
        if (s[i] == '-')
            ++i;
        if (i >= n || !isDigit(s[i]))
            return fail("a digit was expected");
        if (s[i] == '0')
            ++i;
        else
            while (i < n && isDigit(s[i]))
                ++i;
        if (i < n && s[i] == '.') {
            ++i;
            if (i >= n || !isDigit(s[i]))
                return fail("a digit was expected after the decimal point");
            while (i < n && isDigit(s[i]))
                ++i;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            ++i;
            if (i < n && (s[i] == '+' || s[i] == '-'))
                ++i;
            if (i >= n || !isDigit(s[i]))
                return fail("a digit was expected in the exponent");
            while (i < n && isDigit(s[i]))
                ++i;
        }
        return true;
    }

    // One UTF-8 sequence starting at s[i] (a byte >= 0x80): well-formed, shortest
    // form, no surrogates, at most U+10FFFF (RFC 3629 section 4).
    bool utf8()
    {
        const auto byte = [&](qsizetype k) { return i + k < n ? uchar(s[i + k]) : uchar(0); };
        const uchar c = byte(0);
        int length = 0;
        uchar lo = 0x80;
        uchar hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return fail("the text is not valid UTF-8");
        }
        const uchar second = byte(1);
        if (second < lo || second > hi)
            return fail("the text is not valid UTF-8");
        for (int k = 2; k < length; ++k) {
            const uchar next = byte(k);
            if (next < 0x80 || next > 0xBF)
                return fail("the text is not valid UTF-8");
        }
        i += length;
        return true;
    }

    bool string()
    {
        ++i; // the opening quote
        for (;;) {
            while (i < n && kPlain[uchar(s[i])])
                ++i;
            if (i >= n)
                return fail("a string is not closed");
            const uchar c = uchar(s[i]);
            if (c == '"') {
                ++i;
                return true;
            }
            if (c == '\\') {
                if (i + 1 >= n)
                    return fail("a string is not closed");
                const char e = s[i + 1];
                if (e == 'u') {
                    if (n - i < 6)
                        return fail("an escape \\u needs four hex digits");
                    for (int k = 2; k < 6; ++k) {
                        if (hexDigitValue(s[i + k]) < 0)
                            return fail("an escape \\u needs four hex digits");
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                           || e == 't') {
                    i += 2;
                } else {
                    ++i;
                    return fail("unknown escape in a string");
                }
                continue;
            }
            if (c < 0x20)
                return fail("a control character in a string must be escaped");
            if (!utf8())
                return false;
        }
    }

    bool array(int depth)
    {
        if (depth > kMaxDepth)
            return fail("the document is nested too deeply");
        ++i; // '['
        skipSpace();
        if (i < n && s[i] == ']') {
            ++i;
            return true;
        }
        for (;;) {
            skipSpace();
            if (!value(depth))
                return false;
            skipSpace();
            if (i >= n)
                return fail("an array is not closed");
            if (s[i] == ',') {
                ++i;
                continue;
            }
            if (s[i] == ']') {
                ++i;
                return true;
            }
            return fail("',' or ']' was expected");
        }
    }

    // With `members`, records each member of this object (not of nested ones).
    bool object(int depth, QList<JsonMember> *members)
    {
        if (depth > kMaxDepth)
            return fail("the document is nested too deeply");
        ++i; // '{'
        skipSpace();
        if (i < n && s[i] == '}') {
            ++i;
            return true;
        }
        for (;;) {
            skipSpace();
            if (i >= n || s[i] != '"')
                return fail("a member name was expected");
            const qsizetype nameBegin = i;
            if (!string())
                return false;
            const qsizetype nameEnd = i;
            skipSpace();
            if (i >= n || s[i] != ':')
                return fail("':' was expected after a member name");
            ++i;
            skipSpace();
            const qsizetype valueBegin = i;
            if (!value(depth))
                return false;
            if (members) {
                JsonMember m;
                const QByteArrayView token(s + nameBegin, nameEnd - nameBegin);
                // Names without escapes point into the document (the view borrows it anyway).
                m.name = token.contains('\\') ? Json::decodeString(token)->toUtf8()
                                              : QByteArray::fromRawData(token.data() + 1, token.size() - 2);
                m.nameBegin = nameBegin;
                m.valueBegin = valueBegin;
                m.valueEnd = i;
                m.type = typeAt(valueBegin);
                members->append(std::move(m));
            }
            skipSpace();
            if (i >= n)
                return fail("an object is not closed");
            if (s[i] == ',') {
                ++i;
                continue;
            }
            if (s[i] == '}') {
                ++i;
                return true;
            }
            return fail("',' or '}' was expected");
        }
    }

    JsonType typeAt(qsizetype at) const
    {
        switch (s[at]) {
        case '{':
            return JsonType::Object;
        case '[':
            return JsonType::Array;
        case '"':
            return JsonType::String;
        case 't':
        case 'f':
            return JsonType::Bool;
        case 'n':
            return JsonType::Null;
        default:
            return JsonType::Number;
        }
    }
};

// The first name that appears twice, or nullptr.
const JsonMember *firstDuplicate(const QList<JsonMember> &members)
{
    if (members.size() <= kPairwiseMembers) {
        for (qsizetype a = 1; a < members.size(); ++a) {
            for (qsizetype b = 0; b < a; ++b) {
                if (members[a].name == members[b].name)
                    return &members[a];
            }
        }
        return nullptr;
    }
    QList<qsizetype> order(members.size());
    for (qsizetype k = 0; k < order.size(); ++k)
        order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](qsizetype a, qsizetype b) { return members[a].name < members[b].name; });
    const JsonMember *found = nullptr;
    for (qsizetype k = 1; k < order.size(); ++k) {
        const JsonMember &m = members[order[k]];
        if (m.name == members[order[k - 1]].name && (!found || m.nameBegin < found->nameBegin))
            found = &m;
    }
    return found;
}

void setError(JsonError *error, const QString &message, qsizetype offset, bool duplicate = false)
{
    if (!error)
        return;
    error->message = message;
    error->offset = offset;
    error->duplicateName = duplicate;
}

} // namespace

std::optional<JsonObjectView> JsonObjectView::scan(QByteArrayView document, qsizetype from, qsizetype to, bool whole,
                                                   JsonError *error)
{
    Scanner scanner(document.first(to));
    scanner.i = from;
    scanner.skipSpace();
    JsonObjectView view;
    view.m_members.reserve(16);
    view.m_document = document;
    view.m_begin = scanner.i;
    if (scanner.i >= to || document[scanner.i] != '{') {
        if (whole && Json::validate(document, error))
            setError(error, QStringLiteral("the document is not a JSON object"), scanner.i);
        else if (!whole)
            setError(error, QStringLiteral("the value is not a JSON object"), scanner.i);
        return std::nullopt;
    }
    if (!scanner.object(1, &view.m_members)) {
        setError(error, scanner.error, scanner.errorAt);
        return std::nullopt;
    }
    view.m_end = scanner.i;
    scanner.skipSpace();
    if (scanner.i != to) {
        scanner.fail("unexpected text after the JSON value");
        setError(error, scanner.error, scanner.errorAt);
        return std::nullopt;
    }
    if (const JsonMember *twice = firstDuplicate(view.m_members)) {
        setError(error, QStringLiteral("the member '%1' appears more than once").arg(QString::fromUtf8(twice->name)),
                 twice->nameBegin, true);
        return std::nullopt;
    }
    return view;
}

std::optional<JsonObjectView> JsonObjectView::parse(QByteArrayView document, JsonError *error)
{
    return scan(document, Json::bomBytes(document), document.size(), true, error);
}

std::optional<JsonObjectView> JsonObjectView::object(const JsonMember &member, JsonError *error) const
{
    return scan(m_document, member.valueBegin, member.valueEnd, false, error);
}

const JsonMember *JsonObjectView::find(QByteArrayView name) const
{
    for (const JsonMember &m : m_members) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

QByteArrayView JsonObjectView::raw(const JsonMember &member) const
{
    return m_document.sliced(member.valueBegin, member.valueEnd - member.valueBegin);
}

bool JsonObjectView::isTrue(QByteArrayView name) const
{
    const JsonMember *m = find(name);
    return m && m->type == JsonType::Bool && raw(*m) == "true";
}

qsizetype Json::bomBytes(QByteArrayView document)
{
    return document.startsWith("\xEF\xBB\xBF") ? 3 : 0;
}

bool Json::validate(QByteArrayView document, JsonError *error)
{
    Scanner scanner(document);
    scanner.i = bomBytes(document);
    scanner.skipSpace();
    bool ok = scanner.value(0);
    if (ok) {
        scanner.skipSpace();
        if (scanner.i != scanner.n)
            ok = scanner.fail("unexpected text after the JSON value");
    }
    if (!ok)
        setError(error, scanner.error, scanner.errorAt);
    return ok;
}

std::optional<QString> Json::decodeString(QByteArrayView token)
{
    if (token.size() < 2 || token.front() != '"' || token.back() != '"')
        return std::nullopt;
    const QByteArrayView inner = token.sliced(1, token.size() - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    QString out;
    out.reserve(inner.size());
    qsizetype start = 0;
    qsizetype k = 0;
    while (k < inner.size()) {
        if (inner[k] != '\\') {
            ++k;
            continue;
        }
        out += QString::fromUtf8(inner.sliced(start, k - start));
        if (k + 1 >= inner.size())
            return std::nullopt;
        const char e = inner[k + 1];
        switch (e) {
        case '"':
        case '\\':
        case '/':
            out += QLatin1Char(e);
            break;
        case 'b':
            out += QLatin1Char('\b');
            break;
        case 'f':
            out += QLatin1Char('\f');
            break;
        case 'n':
            out += QLatin1Char('\n');
            break;
        case 'r':
            out += QLatin1Char('\r');
            break;
        case 't':
            out += QLatin1Char('\t');
            break;
        case 'u': {
            if (k + 6 > inner.size())
                return std::nullopt;
            char16_t unit = 0;
            for (int d = 2; d < 6; ++d) {
                const int h = hexDigitValue(inner[k + d]);
                if (h < 0)
                    return std::nullopt;
                unit = char16_t(unit * 16 + h);
            }
            out += QChar(unit); // a surrogate pair arrives as two escapes, in order
            k += 4;
            break;
        }
        default:
            return std::nullopt;
        }
        k += 2;
        start = k;
    }
    out += QString::fromUtf8(inner.sliced(start));
    return out;
}

QByteArray Json::quote(QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    qsizetype plain = 0; // start of the run of bytes copied as they are
    for (qsizetype k = 0; k < utf8.size(); ++k) {
        const uchar c = uchar(utf8[k]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.constData() + plain, k - plain);
        plain = k + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default: {
            static const char hex[] = "0123456789abcdef";
            const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out.append(escape, sizeof escape);
        }
        }
    }
    out.append(utf8.constData() + plain, utf8.size() - plain);
    out += '"';
    return out;
}
