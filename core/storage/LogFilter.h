#pragma once

#include <QString>

// What the Logs tab, the CLI and the exporters may ask of the request log.
struct LogFilter
{
    enum class Status { Any, Success, ClientError, ServerError, AnyError };

    qint64 fromMs = 0; // inclusive; 0: unbounded
    qint64 toMs = 0;   // exclusive; 0: unbounded
    QString model;     // as requested; exact match
    QString key;       // key name; exact match
    QString provider;  // exact match
    Status status = Status::Any;
    QString source; // "api" or "playground"; exact match, empty: any
    QString text;   // substring of route, model, upstream model, provider, key, error

    bool isEmpty() const;
};
