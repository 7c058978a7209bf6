#include "core/ledger/BudgetPeriod.h"
#include "core/ledger/MemoryLimitStore.h"
#include "core/ledger/SpendLedger.h"
#include "core/protocol/OutputCeiling.h"
#include "core/storage/Database.h"
#include "core/storage/LogRecord.h"
#include "support/TestClock.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

namespace {

qint64 local(int y, int m, int d, int h = 0, int min = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s, ms), Qt::LocalTime).toMSecsSinceEpoch();
}

HolderLimits budget(double usd, BudgetPeriod::Kind period = BudgetPeriod::Kind::Total, qint64 id = 1)
{
    HolderLimits l;
    l.holder = {BudgetHolder::Kind::Key, id};
    l.name = QStringLiteral("k%1").arg(id);
    l.budgetUsd = usd;
    l.period = period;
    return l;
}

} // namespace

// Budget periods, the in-memory reserve/settle arithmetic and the SQLite
// ledger, without a gateway.
class TestLedger : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void periodsStartAndTurnOverAtLocalBoundaries();
    void periodNamesRoundTrip();
    void reservationsHoldTheBudgetAndSettleReplacesThem();
    void settlingTwiceChargesOnce();
    void reservationsAreAtomicAcrossThreads();
    void newPeriodStartsEmpty();
    void tokenWindowExpiresAndSettles();
    void parallelSlotsComeBack();
    void refusalTakesNothingFromAnyHolder();
    void softLimitFiresOncePerPeriod();
    void persistedSpendIsReadOnlyWhenNeeded();
    void ledgerSumsDaysOfAPeriod();
    void outputCeilingFromEachProtocol();
};

void TestLedger::periodsStartAndTurnOverAtLocalBoundaries()
{
    using BudgetPeriod::Kind;
    const qint64 wed = local(2026, 3, 11, 15, 30); // a Wednesday
    QCOMPARE(BudgetPeriod::startDate(Kind::Daily, wed), QDate(2026, 3, 11));
    QCOMPARE(BudgetPeriod::nextStartMs(Kind::Daily, wed), local(2026, 3, 12));
    QCOMPARE(BudgetPeriod::startDate(Kind::Weekly, wed), QDate(2026, 3, 9)); // Monday
    QCOMPARE(BudgetPeriod::startMs(Kind::Weekly, wed), local(2026, 3, 9));
    QCOMPARE(BudgetPeriod::nextStartMs(Kind::Weekly, wed), local(2026, 3, 16));
    QCOMPARE(BudgetPeriod::startDate(Kind::Monthly, wed), QDate(2026, 3, 1));
    QCOMPARE(BudgetPeriod::nextStartMs(Kind::Monthly, wed), local(2026, 4, 1));
    QVERIFY(!BudgetPeriod::startDate(Kind::Total, wed).isValid());
    QCOMPARE(BudgetPeriod::startMs(Kind::Total, wed), 0);
    QCOMPARE(BudgetPeriod::nextStartMs(Kind::Total, wed), -1);
    QCOMPARE(BudgetPeriod::secondsUntilNext(Kind::Total, wed), -1);

    // Monday itself starts its week; Sunday belongs to the week before.
    QCOMPARE(BudgetPeriod::startDate(Kind::Weekly, local(2026, 3, 9, 0, 0)), QDate(2026, 3, 9));
    QCOMPARE(BudgetPeriod::startDate(Kind::Weekly, local(2026, 3, 15, 23, 59)), QDate(2026, 3, 9));
    // The year turns over with December.
    QCOMPARE(BudgetPeriod::nextStartMs(Kind::Monthly, local(2026, 12, 31, 23, 59, 59)), local(2027, 1, 1));
    // Retry-After rounds up and is at least one second.
    QCOMPARE(BudgetPeriod::secondsUntilNext(Kind::Daily, local(2026, 3, 11, 23, 59, 59, 500)), 1);
    QCOMPARE(BudgetPeriod::secondsUntilNext(Kind::Daily, local(2026, 3, 11, 12, 0)), 12 * 3600);
}

void TestLedger::periodNamesRoundTrip()
{
    using BudgetPeriod::Kind;
    for (const Kind k : {Kind::Total, Kind::Daily, Kind::Weekly, Kind::Monthly})
        QCOMPARE(BudgetPeriod::parse(BudgetPeriod::name(k)), std::optional<Kind>(k));
    QCOMPARE(BudgetPeriod::parse(QStringLiteral("yearly")), std::nullopt);
}

void TestLedger::reservationsHoldTheBudgetAndSettleReplacesThem()
{
    MemoryLimitStore store;
    const HolderLimits l = budget(1.0);
    const qint64 now = local(2026, 3, 11, 12);
    std::vector<SpendReservation> held;
    for (int i = 0; i < 3; ++i) {
        SpendAdmission a = store.reserve({l}, {0.3, 0}, now);
        QVERIFY(a.admitted());
        held.push_back(a.reservation);
    }
    const SpendAdmission fourth = store.reserve({l}, {0.3, 0}, now);
    QCOMPARE(fourth.outcome, SpendAdmission::Outcome::BudgetExceeded);
    QCOMPARE(fourth.retryAfterSec, -1); // a total budget never turns over
    QVERIFY(qFuzzyCompare(fourth.spentUsd, 0.9));

    store.settle(held[0], 0.1, 0);
    QVERIFY(qFuzzyCompare(store.spent(l.holder, now), 0.1));
    QVERIFY(qFuzzyCompare(store.reserved(l.holder), 0.6));
    // 0.1 settled + 0.6 held + 0.3 = 1.0: exactly the budget, admitted.
    SpendAdmission fits = store.reserve({l}, {0.3, 0}, now);
    QVERIFY(fits.admitted());
    store.release(held[1]);
    QVERIFY(qFuzzyCompare(store.reserved(l.holder), 0.6));
    QVERIFY(qFuzzyCompare(store.spent(l.holder, now), 0.1));
}

void TestLedger::settlingTwiceChargesOnce()
{
    MemoryLimitStore store;
    const HolderLimits l = budget(1.0);
    SpendAdmission a = store.reserve({l}, {0.5, 0}, 1000);
    store.settle(a.reservation, 0.2, 0);
    store.settle(a.reservation, 0.2, 0);
    store.release(a.reservation);
    QVERIFY(qFuzzyCompare(store.spent(l.holder, 1000), 0.2));
    QCOMPARE(store.reserved(l.holder), 0.0);
}

void TestLedger::reservationsAreAtomicAcrossThreads()
{
    MemoryLimitStore store;
    const HolderLimits l = budget(50.0);
    QAtomicInt admitted = 0;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back(QThread::create([&] {
            for (int i = 0; i < 100; ++i) {
                if (store.reserve({l}, {1.0, 0}, 1000).admitted())
                    admitted.fetchAndAddRelaxed(1);
            }
        }));
        threads.back()->start();
    }
    for (auto &t : threads)
        QVERIFY(t->wait(10000));
    QCOMPARE(admitted.loadRelaxed(), 50);
}

void TestLedger::newPeriodStartsEmpty()
{
    MemoryLimitStore store;
    const HolderLimits l = budget(1.0, BudgetPeriod::Kind::Daily);
    const qint64 evening = local(2026, 3, 11, 23, 0);
    SpendAdmission a = store.reserve({l}, {0.9, 0}, evening);
    store.settle(a.reservation, 0.9, 0);
    const SpendAdmission refused = store.reserve({l}, {0.5, 0}, evening);
    QCOMPARE(refused.outcome, SpendAdmission::Outcome::BudgetExceeded);
    QCOMPARE(refused.retryAfterSec, 3600);
    const qint64 morning = local(2026, 3, 12, 0, 0, 1);
    QCOMPARE(store.spent(l.holder, morning), 0.0);
    QVERIFY(store.reserve({l}, {0.5, 0}, morning).admitted());
}

void TestLedger::tokenWindowExpiresAndSettles()
{
    MemoryLimitStore store;
    HolderLimits l = budget(0);
    l.tpm = 100;
    const qint64 t0 = 1'000'000;
    SpendAdmission first = store.reserve({l}, {0, 60}, t0);
    QVERIFY(first.admitted());
    const SpendAdmission second = store.reserve({l}, {0, 60}, t0 + 10'000);
    QCOMPARE(second.outcome, SpendAdmission::Outcome::TpmExceeded);
    QCOMPARE(second.retryAfterSec, 50); // when the first leaves the minute
    // Settled at 30 tokens: now 30 + 60 fits.
    store.settle(first.reservation, 0, 30);
    SpendAdmission third = store.reserve({l}, {0, 60}, t0 + 10'000);
    QVERIFY(third.admitted());
    QCOMPARE(store.reserve({l}, {0, 60}, t0 + 20'000).outcome, SpendAdmission::Outcome::TpmExceeded);
    // A minute after the first, only the third's 60 remain.
    QVERIFY(store.reserve({l}, {0, 40}, t0 + 60'001).admitted());
    // A request larger than the whole limit goes alone once the window is empty.
    QVERIFY(store.reserve({l}, {0, 500}, t0 + 200'000).admitted());
}

void TestLedger::parallelSlotsComeBack()
{
    MemoryLimitStore store;
    HolderLimits l = budget(0);
    l.maxParallel = 2;
    SpendAdmission a = store.reserve({l}, {}, 1000);
    SpendAdmission b = store.reserve({l}, {}, 1000);
    QVERIFY(a.admitted() && b.admitted());
    QCOMPARE(store.reserve({l}, {}, 1000).outcome, SpendAdmission::Outcome::ParallelExceeded);
    store.release(a.reservation);
    QVERIFY(store.reserve({l}, {}, 1000).admitted());
}

void TestLedger::refusalTakesNothingFromAnyHolder()
{
    // A key within its budget and a (future) team over its own: the key's
    // budget and slots must not be held by the refused request.
    MemoryLimitStore store;
    HolderLimits key = budget(10.0, BudgetPeriod::Kind::Total, 1);
    key.maxParallel = 1;
    HolderLimits team = budget(0.5, BudgetPeriod::Kind::Total, 7);
    team.holder.kind = BudgetHolder::Kind::Team;
    const SpendAdmission refused = store.reserve({key, team}, {1.0, 0}, 1000);
    QCOMPARE(refused.outcome, SpendAdmission::Outcome::BudgetExceeded);
    QCOMPARE(refused.refusedBy.holder, team.holder);
    QCOMPARE(store.reserved(key.holder), 0.0);
    QVERIFY(store.reserve({key}, {1.0, 0}, 1000).admitted()); // its one slot is free
}

void TestLedger::softLimitFiresOncePerPeriod()
{
    MemoryLimitStore store;
    QList<double> fired;
    store.onSoftLimit = [&](const HolderLimits &, double spent) { fired.append(spent); };
    HolderLimits l = budget(10.0, BudgetPeriod::Kind::Daily);
    l.softUsd = 1.0;
    const qint64 day1 = local(2026, 3, 11, 10);
    for (int i = 0; i < 4; ++i) {
        SpendAdmission a = store.reserve({l}, {0.1, 0}, day1);
        store.settle(a.reservation, 0.4, 0);
    }
    QCOMPARE(fired.size(), 1);
    QVERIFY(qFuzzyCompare(fired.first(), 1.2));
    const qint64 day2 = local(2026, 3, 12, 10);
    for (int i = 0; i < 3; ++i) {
        SpendAdmission a = store.reserve({l}, {0.1, 0}, day2);
        store.settle(a.reservation, 0.4, 0);
    }
    QCOMPARE(fired.size(), 2);
}

void TestLedger::persistedSpendIsReadOnlyWhenNeeded()
{
    TestClock clock(local(2026, 3, 11, 12));
    MemoryLimitStore store;
    QList<QDate> asked;
    auto persisted = [&](const QDate &from) {
        asked.append(from);
        return 0.75;
    };
    HolderLimits l = budget(1.0, BudgetPeriod::Kind::Monthly);
    store.configure(l, persisted);
    QCOMPARE(asked, QList<QDate>{QDate(2026, 3, 1)});
    QVERIFY(qFuzzyCompare(store.spent(l.holder, clock.nowMs()), 0.75));
    // The same period again (every reload): the store keeps its own count.
    SpendAdmission a = store.reserve({l}, {0.1, 0}, clock.nowMs());
    store.settle(a.reservation, 0.1, 0);
    store.configure(l, persisted);
    QCOMPARE(asked.size(), 1);
    QVERIFY(qFuzzyCompare(store.spent(l.holder, clock.nowMs()), 0.85));
    // The period changed: read again, for the new span.
    l.period = BudgetPeriod::Kind::Weekly;
    store.configure(l, persisted);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.last(), QDate(2026, 3, 9));
}

void TestLedger::ledgerSumsDaysOfAPeriod()
{
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("t.db")));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    auto record = [](qint64 keyId, qint64 timeMs, double usd) {
        LogRecord r;
        r.keyId = keyId;
        r.timeMs = timeMs;
        r.costUsd = usd;
        r.promptTokens = 10;
        r.completionTokens = 5;
        return r;
    };
    const std::vector<LogRecord> batch = {record(1, local(2026, 3, 10, 9), 0.5), record(1, local(2026, 3, 11, 9), 0.25),
                                          record(1, local(2026, 3, 11, 18), 0.125), record(2, local(2026, 3, 11, 9), 4),
                                          record(0, local(2026, 3, 11, 9), 8)}; // no key: not a holder's spend
    QVERIFY(SpendLedger::addBatch(db.connection(), batch));
    QVERIFY(SpendLedger::addBatch(db.connection(), {record(1, local(2026, 3, 11, 20), 1)}));
    const BudgetHolder one{BudgetHolder::Kind::Key, 1};
    QCOMPARE(SpendLedger::spentSince(db.connection(), one, QDate()), 1.875);
    QCOMPARE(SpendLedger::spentSince(db.connection(), one, QDate(2026, 3, 11)), 1.375);
    QCOMPARE(SpendLedger::spentSince(db.connection(), {BudgetHolder::Kind::Team, 1}, QDate()), 0.0);
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT requests, tokens FROM spend_ledger WHERE holder_id = 1 AND day = '%1'")
                       .arg(SpendLedger::dayOf(local(2026, 3, 11, 9)))));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    QCOMPARE(q.value(1).toInt(), 45);
}

void TestLedger::outputCeilingFromEachProtocol()
{
    QCOMPARE(OutputCeiling::requested(R"({"max_tokens":64})"), std::optional<qint64>(64));
    QCOMPARE(OutputCeiling::requested(R"({"max_tokens":64,"max_completion_tokens":100})"), std::optional<qint64>(100));
    QCOMPARE(OutputCeiling::requested(R"({"max_output_tokens":300})"), std::optional<qint64>(300));
    QCOMPARE(OutputCeiling::requested(R"({"generationConfig":{"maxOutputTokens":77}})"), std::optional<qint64>(77));
    QCOMPARE(OutputCeiling::requested(R"({"model":"x","max_tokens":"lots"})"), std::nullopt);
    QCOMPARE(OutputCeiling::requested("not json"), std::nullopt);
}

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
