#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

// Somewhere secrets (provider API keys) can be kept outside SQLite. Every
// operation is asynchronous; `done` runs once on the caller's thread unless
// `context` was destroyed first. Error texts are readable and never contain
// the secret itself.
class SecretStore
{
public:
    using WriteDone = std::function<void(bool ok, const QString &error)>;
    // secret == nullopt with an empty error: nothing is stored under the key.
    using ReadDone = std::function<void(std::optional<QString> secret, const QString &error)>;

    virtual ~SecretStore() = default;

    virtual void write(const QString &key, const QString &secret, QObject *context, WriteDone done) = 0;
    virtual void read(const QString &key, QObject *context, ReadDone done) = 0;
    // Removing a key that does not exist succeeds.
    virtual void remove(const QString &key, QObject *context, WriteDone done) = 0;
};
