#pragma once

#include "core/ChatMessage.h"
#include "core/ChatMetrics.h"
#include "core/ChatParameters.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

// One model's side of a comparison: its settings and its own conversation.
struct ComparisonColumn
{
    QString model;
    ChatParameters parameters;
    ChatHistory turns;   // the column's own user/assistant turns after the shared prompt
    ChatMetrics metrics; // of the latest answer
    QString error;       // why the latest answer failed; empty when it did not

    bool operator==(const ComparisonColumn &other) const;
};

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
