#pragma once

#include "core/config/ConfigImporter.h"
#include "core/storage/Stores.h"

#include <QObject>

#include <functional>

// What happens the first time a data directory is opened: import the YAML
// config if one was given, otherwise create the built-in `demo` provider and
// a `default` gateway key. Either way the console gets its own internal key
// (Settings::ConsoleKey). Runs once; later starts only note that a config
// file was ignored.
class FirstRun final : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        bool ok = true;
        bool configError = false; // the config file is at fault (exit code 2)
        QString error;
        bool performed = false; // this start created the initial data
        bool configImported = false;
        bool configIgnored = false;              // a config was given, but the database already existed
        QList<ConfigImporter::ShownKey> newKeys; // show once, then forget
    };

    explicit FirstRun(const Stores &stores, QObject *parent = nullptr);

    bool isNeeded() const;
    // `done` runs exactly once, possibly before this returns.
    void run(const QString &configPath, std::function<void(const Outcome &)> done);

    static QString demoProviderName() { return QStringLiteral("demo"); }
    static QString defaultKeyName() { return QStringLiteral("default"); }
    static QString consoleKeyName() { return QStringLiteral("tollgate-console"); }

private:
    bool createConsoleKey(QString *error);
    void createDefaults(std::function<void(const Outcome &)> done);

    Stores m_stores;
    ConfigImporter m_importer;
};
