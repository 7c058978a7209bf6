#include "core/protocol/JsonEdit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

void JsonEdit::replace(qsizetype begin, qsizetype end, QByteArray bytes)
{
    m_splices.append({begin, end, std::move(bytes)});
}

void JsonEdit::replaceValue(const JsonMember &member, QByteArray value)
{
    replace(member.valueBegin, member.valueEnd, std::move(value));
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
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QByteArrayLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QJsonValue::String:
        return Json::quote(value.toString());
    case QJsonValue::Double: {
        // As Qt's own writer spells numbers: integers plainly, others shortest round-trip.
        const double d = value.toDouble();
        if (!std::isfinite(d))
            return QByteArrayLiteral("null");
        if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0)
            return QByteArray::number(qint64(d));
        return QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Array:
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    case QJsonValue::Object:
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    }
    return QByteArrayLiteral("null");
}
