#pragma once

#include <QJsonObject>

#include <optional>

// Sampling parameters a Playground column sends. Unset fields are left out of
// the request, so the gateway's alias defaults apply exactly as for clients.
struct ChatParameters
{
    std::optional<double> temperature;
    std::optional<int> maxTokens;
    std::optional<double> topP;
    std::optional<qint64> seed;

    // Adds the set fields to a chat/completions request body.
    void applyTo(QJsonObject *body) const;
    QJsonObject toJson() const;
    static ChatParameters fromJson(const QJsonObject &o);
    bool operator==(const ChatParameters &other) const;
};
