#pragma once

#include "core/playground/ChatMessage.h"
#include "core/playground/ComparisonColumn.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// A Playground comparison as saved, reopened and exported: the shared prompt,
// every column's model, parameters, answers and metrics.
struct Comparison
{
    qint64 id = 0; // 0: not saved yet
    QString title;
    QString createdAt; // ISO 8601 UTC
    QString updatedAt;
    QString systemPrompt;
    ChatHistory history; // shared earlier turns every column starts from
    bool sameParameters = true;
    QList<ComparisonColumn> columns;

    // The first user message of the comparison (what the title defaults to).
    QString firstPrompt() const;
    QString defaultTitle() const;
    QStringList models() const;

    QJsonObject toJson() const;
    static std::optional<Comparison> fromJson(const QJsonObject &o, QString *error = nullptr);
    bool operator==(const Comparison &other) const;
};
