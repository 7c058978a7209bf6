#pragma once

#include <QByteArray>
#include <QByteArrayView>

// The one normalisation of a request path (without its query) before
// anything routes on it or builds an upstream URL from it:
//  - percent-encoded unreserved characters are decoded (RFC 3986 6.2.2.2),
//    so "%2e%2E" is "..", and the hex of every other escape is upper-cased;
//  - runs of '/' become one '/' (as nginx's merge_slashes);
//  - "." and ".." segments are resolved (RFC 3986 5.2.4 remove_dot_segments).
// Encoded separators (%2F, %5C) stay encoded: they are data inside a segment
// here, and hasEncodedSeparator() lets a caller refuse to forward them to an
// upstream that might decode them into separators of its own.
// Refused outright (valid == false): a path that does not start with '/', a
// malformed escape, a control character or non-ASCII byte, raw or encoded.
namespace RequestPath {

struct Normalised
{
    bool valid = false;
    QByteArray path;
    bool hadDotSegments = false; // "." or ".." (after decoding) were resolved
};

Normalised normalise(QByteArrayView raw);

// "%2F" or "%5C" (any case) anywhere in an already normalised path.
bool hasEncodedSeparator(QByteArrayView path);

// A query string the gateway may append after '?': printable ASCII without
// '#', spaces or control characters. It can never reach into the path.
bool isSafeQuery(QByteArrayView query);

// Every escape decoded (for a model id taken from the path).
QByteArray decoded(QByteArrayView path);

} // namespace RequestPath
