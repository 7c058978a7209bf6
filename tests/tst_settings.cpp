#include "core/storage/Database.h"
#include "core/storage/Settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void defaults();
    void roundTrip_data();
    void roundTrip();
    void changedSignal();
    void survivesReopen();

private:
    QTemporaryDir *m_dir = nullptr;
    Database *m_db = nullptr;
};

void TestSettings::init()
{
    m_dir = new QTemporaryDir;
    m_db = new Database(m_dir->filePath(QStringLiteral("tollgate.db")));
    QVERIFY(m_db->open(nullptr));
}

void TestSettings::cleanup()
{
    delete m_db;
    delete m_dir;
}

void TestSettings::defaults()
{
    Settings s(*m_db);
    QCOMPARE(s.listenAddress(), QStringLiteral("127.0.0.1:4242"));
    QCOMPARE(s.requireKeys(), true);
    QCOMPARE(s.logBodies(), true);
    QCOMPARE(s.logRetentionDays(), 30);
    QCOMPARE(s.bodyLimitBytes(), qint64(32) * 1024 * 1024);
    QCOMPARE(s.headerLimitBytes(), 64 * 1024);
    QCOMPARE(s.idleTimeoutSec(), 60);
    QCOMPARE(s.upstreamConnectTimeoutSec(), 10);
}

void TestSettings::roundTrip_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("listen") << int(Settings::ListenAddress) << QVariant(QStringLiteral("0.0.0.0:8080"));
    QTest::newRow("require keys off") << int(Settings::RequireKeys) << QVariant(false);
    QTest::newRow("bodies off") << int(Settings::LogBodies) << QVariant(false);
    QTest::newRow("retention") << int(Settings::LogRetentionDays) << QVariant(7);
    QTest::newRow("body limit") << int(Settings::BodyLimitBytes) << QVariant(qint64(5000000000));
}

void TestSettings::roundTrip()
{
    QFETCH(int, key);
    QFETCH(QVariant, value);
    Settings s(*m_db);
    QVERIFY(s.setValue(Settings::Key(key), value));
    QCOMPARE(s.value(Settings::Key(key)), value);
}

void TestSettings::changedSignal()
{
    Settings s(*m_db);
    QSignalSpy spy(&s, &Settings::changed);
    QVERIFY(s.setValue(Settings::LogRetentionDays, 3));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<Settings::Key>(), Settings::LogRetentionDays);
}

void TestSettings::survivesReopen()
{
    {
        Settings s(*m_db);
        QVERIFY(s.setValue(Settings::ListenAddress, QStringLiteral("127.0.0.1:5000")));
    }
    Database other(m_db->path());
    QVERIFY(other.open(nullptr));
    Settings s(other);
    QCOMPARE(s.listenAddress(), QStringLiteral("127.0.0.1:5000"));
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
