#pragma once

#include "core/playground/ChatMessage.h"
#include "core/playground/ChatMetrics.h"
#include "core/playground/ChatParameters.h"

#include <QString>

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
