#pragma once

#include "core/protocol/JsonScan.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonValue>
#include <QList>

// Edits to a JSON document as byte splices against the offsets a
// JsonObjectView found: every byte outside an edit is kept as it was. Edits
// are collected first and applied in one pass; they must not overlap (an
// edited member's value cannot also receive a nested edit).
class JsonEdit final
{
public:
    // Replaces the bytes [begin, end) of the document with `bytes`.
    void replace(qsizetype begin, qsizetype end, QByteArray bytes);
    // Replaces `member`'s value with `value` (JSON text).
    void replaceValue(const JsonMember &member, QByteArray value);
    // Adds `"name":value` as the last member of `object`; several added to one
    // object keep the order they were added in.
    void addMember(const JsonObjectView &object, QStringView name, QByteArray value);

    bool isEmpty() const { return m_splices.isEmpty(); }
    // The edited document; `document` is the one the views were made from.
    QByteArray apply(QByteArrayView document) const;

    // Compact JSON text for any value, scalars included.
    static QByteArray text(const QJsonValue &value);

private:
    struct Splice
    {
        qsizetype begin = 0;
        qsizetype end = 0; // begin == end: an insertion
        QByteArray bytes;
    };
    struct Added
    {
        qsizetype objectBegin = 0;
        int count = 0;
    };
    QList<Splice> m_splices;
    QList<Added> m_added; // members added per object, for the commas
};
