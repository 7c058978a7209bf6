#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

// Reading JSON without building a tree: a strict validating scanner (RFC 8259,
// well-formed UTF-8) that records where each member of an object lies in the
// original bytes, so the bytes can be forwarded as they are and edited in place
// (JsonEdit). Nothing is copied or re-serialised: key order, spacing and the
// spelling of numbers (1.0, 1e2, 12345678901234567890) stay the client's.

enum class JsonType { Null, Bool, Number, String, Array, Object };

struct JsonError
{
    QString message;
    qsizetype offset = -1;      // byte offset where the problem was found
    bool duplicateName = false; // the document is valid JSON, but one object names a member twice
};

// One member of an object: byte offsets into the scanned document.
struct JsonMember
{
    QByteArray name;         // decoded (escapes resolved), UTF-8; may point into the document
    qsizetype nameBegin = 0; // the name's opening quote
    qsizetype valueBegin = 0;
    qsizetype valueEnd = 0; // one past the value's last byte
    JsonType type = JsonType::Null;
};

// The members of one JSON object, in document order, over borrowed bytes (the
// document must outlive the view). An object that names a member twice is
// refused: parsers disagree on which one counts (RFC 8259 section 4), so a
// gateway that read one and forwarded both could be told one model and bill
// another.
class JsonObjectView final
{
public:
    // `document` must be exactly one JSON object, whitespace around it (and a
    // leading UTF-8 byte order mark, RFC 8259 section 8.1) allowed. The whole
    // document is validated, nested values included.
    static std::optional<JsonObjectView> parse(QByteArrayView document, JsonError *error = nullptr);

    // The object that is `member`'s value (member.type must be Object), with
    // offsets into the same document.
    std::optional<JsonObjectView> object(const JsonMember &member, JsonError *error = nullptr) const;

    QByteArrayView document() const { return m_document; }
    const QList<JsonMember> &members() const { return m_members; }
    const JsonMember *find(QByteArrayView name) const;
    bool contains(QByteArrayView name) const { return find(name) != nullptr; }
    // The value's JSON text, exactly as in the document.
    QByteArrayView raw(const JsonMember &member) const;
    // True when `name` is present with the literal value true.
    bool isTrue(QByteArrayView name) const;

    qsizetype begin() const { return m_begin; } // the '{'
    qsizetype end() const { return m_end; }     // one past the '}'
    // Where a new member is spliced in: just past the last member's value, or
    // just past the '{' of an empty object.
    qsizetype insertAt() const { return m_members.isEmpty() ? m_begin + 1 : m_members.last().valueEnd; }

private:
    static std::optional<JsonObjectView> scan(QByteArrayView document, qsizetype from, qsizetype to, bool whole,
                                              JsonError *error);

    QByteArrayView m_document;
    QList<JsonMember> m_members;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
};

namespace Json {

// True when `document` is exactly one JSON value of any type.
bool validate(QByteArrayView document, JsonError *error = nullptr);
// 3 when `document` starts with a UTF-8 byte order mark (which the scanner
// skips, as Qt's parser does; many parsers refuse it), else 0.
qsizetype bomBytes(QByteArrayView document);
// The text of a JSON string token (quotes included, already validated), or
// nullopt when the token is not a string.
std::optional<QString> decodeString(QByteArrayView token);
// A JSON string token for `text`: quotes, and escapes where RFC 8259 needs them.
QByteArray quote(QStringView text);

} // namespace Json
