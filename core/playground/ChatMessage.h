#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

// One turn of a chat conversation in the OpenAI shape ("system", "user", "assistant").
struct ChatMessage
{
    QString role;
    QString content;

    QJsonObject toJson() const
    {
        return QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("content"), content}};
    }
    static ChatMessage fromJson(const QJsonObject &o)
    {
        return {o.value(QLatin1String("role")).toString(), o.value(QLatin1String("content")).toString()};
    }
    bool operator==(const ChatMessage &other) const { return role == other.role && content == other.content; }
};

using ChatHistory = QList<ChatMessage>;
