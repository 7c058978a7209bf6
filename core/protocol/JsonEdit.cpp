#include "core/protocol/JsonEdit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

void JsonEdit::replaceValue(const JsonMember &member, QByteArray value)
{
    m_splices.append({member.valueBegin, member.valueEnd, std::move(value)});
}

void JsonEdit::addMember(const JsonObjectView &object, QStringView name, QByteArray value)
{
    auto it =
        std::find_if(m_added.begin(), m_added.end(), [&](const Added &a) { return a.objectBegin == object.begin(); });
    if (it == m_added.end()) {
        m_added.append({object.begin(), 0});
        it = m_added.end() - 1;
    }
    const bool comma = !object.members().isEmpty() || it->count > 0;
    ++it->count;
    QByteArray member;
    member.reserve(name.size() + value.size() + 4);
    if (comma)
        member += ',';
    member += Json::quote(name);
    member += ':';
    member += value;
    const qsizetype at = object.insertAt();
    m_splices.append({at, at, std::move(member)});
}

QByteArray JsonEdit::apply(QByteArrayView document) const
{
    if (m_splices.isEmpty())
        return document.toByteArray();
    QList<Splice> ordered = m_splices;
    // Stable: insertions at one offset keep the order they were added in.
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Splice &a, const Splice &b) { return a.begin < b.begin; });
    qsizetype size = document.size();
    for (const Splice &s : ordered)
        size += s.bytes.size() - (s.end - s.begin);
    QByteArray out;
    out.reserve(size);
    qsizetype copied = 0;
    for (const Splice &s : ordered) {
        Q_ASSERT(s.begin >= copied);
        out.append(document.sliced(copied, s.begin - copied));
        out.append(s.bytes);
        copied = s.end;
    }
    out.append(document.sliced(copied));
    return out;
}

QByteArray JsonEdit::text(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // A scalar: written inside an array, the brackets cut off.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.sliced(1, wrapped.size() - 2);
}
