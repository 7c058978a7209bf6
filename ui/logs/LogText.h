#pragma once

#include <QString>

struct LogRecord;

// How a logged request reads in the console: pure text helpers shared by the
// table, the detail pane and the context menu.
namespace LogText {

// "connection broke mid-response: The connection broke during the response."
// becomes the sentence alone: a lowercase code followed by a sentence saying the
// same thing reads as a stutter. Other errors come back unchanged.
QString tidyError(const QString &error);
// The Key column: the key's name, or "(no key)" when the request presented none
// that the gateway knew (401 rows).
QString keyLabel(const LogRecord &record);
// A curl command that sends the logged request again to `gatewayBaseUrl`
// (".../v1"), with a placeholder for the key: logs never hold secrets.
QString curlCommand(const LogRecord &record, const QString &gatewayBaseUrl);

} // namespace LogText
