#pragma once

#include "core/playground/Comparison.h"

#include <QByteArray>
#include <QString>

// A comparison as a file a person reads (Markdown) or a program reads (JSON).
namespace ComparisonExport {

QString toMarkdown(const Comparison &comparison);
QByteArray toJson(const Comparison &comparison);
// Reads what toJson() wrote.
std::optional<Comparison> fromJson(const QByteArray &json, QString *error);

} // namespace ComparisonExport
