#include <QTest>
class TestPricing : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestPricing)
#include "tst_pricing.moc"
