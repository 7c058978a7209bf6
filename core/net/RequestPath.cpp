#include "core/net/RequestPath.h"

#include "core/protocol/HexDigit.h"

#include <QList>

namespace {

bool isUnreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
           || c == '_' || c == '~';
}

bool isControlOrNonAscii(unsigned char c)
{
    return c < 0x20 || c >= 0x7f;
}

} // namespace

RequestPath::Normalised RequestPath::normalise(QByteArrayView raw)
{
    Normalised out;
    if (raw.isEmpty() || raw.front() != '/')
        return out;

    // The common case: nothing to decode, merge or resolve.
    bool plain = true;
    for (qsizetype i = 0; i < raw.size() && plain; ++i) {
        const unsigned char c = uchar(raw.at(i));
        if (isControlOrNonAscii(c) || c == ' ' || c == '?' || c == '#' || c == '%')
            plain = false;
        else if (c == '/' && i + 1 < raw.size() && (raw.at(i + 1) == '/' || raw.at(i + 1) == '.'))
            plain = false;
    }
    if (plain) {
        out.path = raw.toByteArray();
        out.valid = true;
        return out;
    }

    // 1. Decode unreserved escapes, upper-case the rest, refuse bad bytes.
    QByteArray text;
    text.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const unsigned char c = uchar(raw.at(i));
        if (isControlOrNonAscii(c) || c == ' ' || c == '?' || c == '#')
            return out;
        if (c != '%') {
            text.append(char(c));
            continue;
        }
        if (i + 2 >= raw.size())
            return out;
        const int hi = hexDigitValue(raw.at(i + 1));
        const int lo = hexDigitValue(raw.at(i + 2));
        if (hi < 0 || lo < 0)
            return out;
        const unsigned char value = uchar(hi * 16 + lo);
        if (isControlOrNonAscii(value) && value < 0x80)
            return out; // %00..%1F, %7F
        if (isUnreserved(value)) {
            text.append(char(value));
        } else {
            static const char digits[] = "0123456789ABCDEF";
            text.append('%');
            text.append(digits[value >> 4]);
            text.append(digits[value & 15]);
        }
        i += 2;
    }

    // 2. and 3. Split into segments (empty ones merge away), resolve dots.
    const bool trailingSlash = text.endsWith('/');
    QList<QByteArrayView> segments;
    const QByteArrayView view(text);
    qsizetype start = 1;
    bool lastWasDot = false;
    while (start <= view.size()) {
        qsizetype end = view.indexOf('/', start);
        if (end < 0)
            end = view.size();
        const QByteArrayView segment = view.sliced(start, end - start);
        lastWasDot = false;
        if (segment == ".") {
            out.hadDotSegments = true;
            lastWasDot = true;
        } else if (segment == "..") {
            out.hadDotSegments = true;
            lastWasDot = true;
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (!segment.isEmpty()) {
            segments.append(segment);
        }
        start = end + 1;
    }
    QByteArray path;
    path.reserve(text.size());
    for (const QByteArrayView &segment : std::as_const(segments)) {
        path.append('/');
        path.append(segment);
    }
    // "/a/" and "/a/." and "/a/b/.." all name the directory "/a/".
    if (path.isEmpty() || trailingSlash || lastWasDot)
        path.append('/');
    out.path = std::move(path);
    out.valid = true;
    return out;
}

bool RequestPath::hasEncodedSeparator(QByteArrayView path)
{
    for (qsizetype i = 0; i + 2 < path.size(); ++i) {
        if (path.at(i) != '%')
            continue;
        const char a = path.at(i + 1);
        const char b = char(path.at(i + 2) & ~0x20); // upper case
        if ((a == '2' && b == 'F') || (a == '5' && b == 'C'))
            return true;
    }
    return false;
}

bool RequestPath::isSafeQuery(QByteArrayView query)
{
    for (const char ch : query) {
        const unsigned char c = uchar(ch);
        if (isControlOrNonAscii(c) || c == ' ' || c == '#')
            return false;
    }
    return true;
}

QByteArray RequestPath::decoded(QByteArrayView path)
{
    return QByteArray::fromPercentEncoding(path.toByteArray());
}
