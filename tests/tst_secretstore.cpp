#include "core/secrets/KeychainSecretStore.h"
#include "core/secrets/ProviderKeys.h"
#include "core/storage/Database.h"
#include "core/storage/ProviderStore.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

namespace {

QMutex g_logMutex;
QStringList g_log;

void captureMessages(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker locker(&g_logMutex);
    g_log.append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message);
}

// Runs an asynchronous SecretStore call to completion.
struct Waiter
{
    bool finished = false;
    bool ok = false;
    std::optional<QString> secret;
    QString error;
    SecretStore::WriteDone writeDone()
    {
        return [this](bool success, const QString &e) {
            ok = success;
            error = e;
            finished = true;
        };
    }
    SecretStore::ReadDone readDone()
    {
        return [this](std::optional<QString> s, const QString &e) {
            secret = s;
            error = e;
            ok = e.isEmpty();
            finished = true;
        };
    }
    bool wait()
    {
        return QTest::qWaitFor([this] { return finished; }, 15000);
    }
};

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void writeReadRemove();
    void removeMissingSucceeds();
    void providerKeysCacheAndSave();
    void preloadWarmsCache();
    void refResolution_data();
    void refResolution();
    void concurrentCachedReads();
    void secretNeverInDatabaseOrLog();

private:
    QTemporaryDir *m_dir = nullptr;
    Database *m_db = nullptr;
};

void TestSecretStore::init()
{
    m_dir = new QTemporaryDir;
    m_db = new Database(m_dir->filePath(QStringLiteral("tollgate.db")));
    QVERIFY(m_db->open(nullptr));
}

void TestSecretStore::cleanup()
{
    delete m_db;
    delete m_dir;
}

void TestSecretStore::writeReadRemove()
{
    KeychainSecretStore store;
    const QString key = ProviderKeys::secretKeyFor(4711);
    QCOMPARE(key, QStringLiteral("provider/4711"));

    Waiter write;
    store.write(key, QStringLiteral("sk-test-roundtrip-1"), this, write.writeDone());
    QVERIFY(write.wait());
    QVERIFY2(write.ok, qPrintable(write.error));

    Waiter read;
    store.read(key, this, read.readDone());
    QVERIFY(read.wait());
    QCOMPARE(read.secret.value_or(QString()), QStringLiteral("sk-test-roundtrip-1"));

    Waiter remove;
    store.remove(key, this, remove.writeDone());
    QVERIFY(remove.wait());
    QVERIFY2(remove.ok, qPrintable(remove.error));

    Waiter gone;
    store.read(key, this, gone.readDone());
    QVERIFY(gone.wait());
    QVERIFY(!gone.secret);
    QVERIFY2(gone.error.isEmpty(), qPrintable(gone.error));
}

void TestSecretStore::removeMissingSucceeds()
{
    KeychainSecretStore store;
    Waiter remove;
    store.remove(QStringLiteral("provider/999999"), this, remove.writeDone());
    QVERIFY(remove.wait());
    QVERIFY2(remove.ok, qPrintable(remove.error));
}

void TestSecretStore::providerKeysCacheAndSave()
{
    KeychainSecretStore store;
    ProviderKeys keys(store);
    Provider p;
    p.id = 17;
    p.name = QStringLiteral("cached");
    p.keyRef = ProviderKeys::keychainRef();
    QVERIFY(!keys.cached(p));

    Waiter save;
    keys.saveKey(p.id, QStringLiteral("sk-first-value-123"), this, save.writeDone());
    QVERIFY(save.wait());
    QVERIFY2(save.ok, qPrintable(save.error));
    QCOMPARE(keys.cached(p).value_or(QString()), QStringLiteral("sk-first-value-123"));

    // Change the keychain behind ProviderKeys' back: the cache still answers.
    Waiter direct;
    store.write(ProviderKeys::secretKeyFor(p.id), QStringLiteral("sk-changed-outside"), this, direct.writeDone());
    QVERIFY(direct.wait());
    QCOMPARE(keys.cached(p).value_or(QString()), QStringLiteral("sk-first-value-123"));

    // After invalidate(), fetch() reads the keychain again.
    keys.invalidate(p.id);
    QVERIFY(!keys.cached(p));
    Waiter fetched;
    keys.fetch(p, this, fetched.readDone());
    QVERIFY(fetched.wait());
    QCOMPARE(fetched.secret.value_or(QString()), QStringLiteral("sk-changed-outside"));
    QCOMPARE(keys.cached(p).value_or(QString()), QStringLiteral("sk-changed-outside"));

    // Saving replaces the cached value at once.
    Waiter second;
    keys.saveKey(p.id, QStringLiteral("sk-second-value-456"), this, second.writeDone());
    QVERIFY(second.wait());
    QCOMPARE(keys.cached(p).value_or(QString()), QStringLiteral("sk-second-value-456"));

    Waiter removed;
    keys.removeKey(p.id, this, removed.writeDone());
    QVERIFY(removed.wait());
    QVERIFY(removed.ok);
    QVERIFY(!keys.cached(p));
    Waiter missing;
    keys.fetch(p, this, missing.readDone());
    QVERIFY(missing.wait());
    QVERIFY(!missing.secret);
    QVERIFY(missing.error.contains(QStringLiteral("cached")));
}

void TestSecretStore::preloadWarmsCache()
{
    KeychainSecretStore store;
    ProviderKeys writer(store);
    Waiter save;
    writer.saveKey(31, QStringLiteral("sk-preload-31-abc"), this, save.writeDone());
    QVERIFY(save.wait());
    QVERIFY(save.ok);

    ProviderKeys keys(store); // a fresh start: nothing cached
    QList<Provider> providers;
    Provider stored;
    stored.id = 31;
    stored.name = QStringLiteral("stored");
    stored.keyRef = ProviderKeys::keychainRef();
    Provider missing = stored;
    missing.id = 32;
    missing.name = QStringLiteral("missing");
    Provider env = stored;
    env.id = 33;
    env.keyRef = QStringLiteral("env:TOLLGATE_TEST_UNUSED");
    providers << stored << missing << env;
    QVERIFY(!keys.cached(stored));

    bool finished = false;
    int loaded = -1;
    QStringList errors;
    keys.preload(providers, this, [&](int n, const QStringList &e) {
        loaded = n;
        errors = e;
        finished = true;
    });
    QVERIFY(QTest::qWaitFor([&] { return finished; }, 15000));
    QCOMPARE(loaded, 1);
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().startsWith(QStringLiteral("missing:")));
    QCOMPARE(keys.cached(stored).value_or(QString()), QStringLiteral("sk-preload-31-abc"));
}

void TestSecretStore::refResolution_data()
{
    QTest::addColumn<QString>("keyRef");
    QTest::addColumn<bool>("expectKey");
    QTest::addColumn<QString>("expectedKey");
    QTest::addColumn<QString>("errorMentions");
    QTest::newRow("no key") << QString() << false << QString() << QString();
    QTest::newRow("env set") << QStringLiteral("env:TOLLGATE_TEST_KEY_SET") << true << QStringLiteral("sk-from-env-9")
                             << QString();
    QTest::newRow("env unset") << QStringLiteral("env:TOLLGATE_TEST_KEY_UNSET") << false << QString()
                               << QStringLiteral("TOLLGATE_TEST_KEY_UNSET");
    QTest::newRow("garbage ref") << QStringLiteral("plain:abc") << false << QString()
                                 << QStringLiteral("unknown key reference");
}

void TestSecretStore::refResolution()
{
    QFETCH(QString, keyRef);
    QFETCH(bool, expectKey);
    QFETCH(QString, expectedKey);
    QFETCH(QString, errorMentions);
    qputenv("TOLLGATE_TEST_KEY_SET", "sk-from-env-9");
    qunsetenv("TOLLGATE_TEST_KEY_UNSET");

    KeychainSecretStore store;
    ProviderKeys keys(store);
    Provider p;
    p.id = 5;
    p.name = QStringLiteral("envprov");
    p.keyRef = keyRef;
    Waiter fetched;
    keys.fetch(p, this, fetched.readDone());
    QVERIFY(fetched.finished); // env: and empty references answer synchronously
    QCOMPARE(bool(fetched.secret), expectKey);
    if (expectKey) {
        QCOMPARE(*fetched.secret, expectedKey);
        QCOMPARE(keys.cached(p).value_or(QString()), expectedKey);
    }
    if (!errorMentions.isEmpty())
        QVERIFY2(fetched.error.contains(errorMentions), qPrintable(fetched.error));
    else
        QVERIFY(fetched.error.isEmpty());
}

void TestSecretStore::concurrentCachedReads()
{
    KeychainSecretStore store;
    ProviderKeys keys(store);
    Provider p;
    p.id = 77;
    p.name = QStringLiteral("busy");
    p.keyRef = ProviderKeys::keychainRef();
    Waiter save;
    keys.saveKey(p.id, QStringLiteral("sk-concurrent-aaaa"), this, save.writeDone());
    QVERIFY(save.wait());

    // A reader thread hammers cached() while this thread invalidates and saves.
    std::atomic<bool> stop{false};
    std::atomic<int> reads{0};
    std::atomic<int> wrong{0};
    QThread *reader = QThread::create([&] {
        while (!stop.load()) {
            const auto value = keys.cached(p);
            if (value && *value != QLatin1String("sk-concurrent-aaaa") && *value != QLatin1String("sk-concurrent-bbbb"))
                ++wrong;
            ++reads;
        }
    });
    reader->start();
    for (int i = 0; i < 4; ++i) {
        Waiter w;
        keys.saveKey(p.id, i % 2 ? QStringLiteral("sk-concurrent-aaaa") : QStringLiteral("sk-concurrent-bbbb"), this,
                     w.writeDone());
        QVERIFY(w.wait());
        QVERIFY(w.ok);
    }
    stop = true;
    reader->wait();
    delete reader;
    QVERIFY(reads.load() > 0);
    QCOMPARE(wrong.load(), 0);
    QCOMPARE(keys.cached(p).value_or(QString()), QStringLiteral("sk-concurrent-aaaa"));
}

void TestSecretStore::secretNeverInDatabaseOrLog()
{
    const QString secret = QStringLiteral("sk-live-NEVER-IN-SQLITE-42424242");
    {
        QMutexLocker locker(&g_logMutex);
        g_log.clear();
    }
    QLoggingCategory::setFilterRules(QStringLiteral("tollgate.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessages);

    ProviderStore providers(*m_db);
    Provider p;
    p.name = QStringLiteral("secretive");
    p.kind = QStringLiteral("openai");
    p.baseUrl = QStringLiteral("http://127.0.0.1:1/v1");
    QString error;
    QVERIFY2(providers.create(p, &error), qPrintable(error));

    KeychainSecretStore store;
    ProviderKeys keys(store);
    Waiter save;
    keys.saveKey(p.id, secret, this, save.writeDone());
    QVERIFY(save.wait());
    QVERIFY2(save.ok, qPrintable(save.error));
    p.keyRef = ProviderKeys::keychainRef();
    QVERIFY(providers.update(p, &error));

    keys.invalidate(p.id);
    Waiter fetched;
    keys.fetch(p, this, fetched.readDone());
    QVERIFY(fetched.wait());
    QCOMPARE(fetched.secret.value_or(QString()), secret);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    m_db->closeThreadConnection(); // checkpoint so nothing hides only in the WAL
    QByteArray bytes;
    const QStringList files = QDir(m_dir->path()).entryList(QDir::Files);
    QVERIFY(files.contains(QStringLiteral("tollgate.db")));
    for (const QString &name : files) {
        QFile file(m_dir->filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes += file.readAll();
    }
    QVERIFY(bytes.contains("secretive")); // the search would find the row
    QVERIFY(!bytes.contains(secret.toUtf8()));
    const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
    QVERIFY(!bytes.contains(utf16));

    QMutexLocker locker(&g_logMutex);
    QVERIFY(!g_log.isEmpty()); // the handler did see tollgate log lines
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(secret), qPrintable(line));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
