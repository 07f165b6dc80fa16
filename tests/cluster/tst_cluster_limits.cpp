// The registration limit per address and the message-search budget per user hold across the nodes
// of a cluster (docs/scaling.md, "Shared limits"): two nodes on one PostgreSQL and one Redis give
// a client spreading its attempts over both exactly the budget of one node. The same two nodes
// without --redis (no shared buckets) give twice as much: the check the shared case passes is one
// that a per-node limit fails. Every engine is started here; the test fails, never skips, when one
// cannot start.
#include <QElapsedTimer>
#include <QtTest>
#include <cmath>
#include <memory>

#include "chat_checks.h"
#include "chat_server.h"
#include "cluster_node.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

// The nodes' registration limit (--register-burst, --register-rate per hour): no token comes back
// during a test, so a burst admits exactly kRegisterBurst registrations however long it takes.
constexpr int kRegisterBurst = 3;
const QStringList kRegisterLimits{QStringLiteral("--register-burst"),
                                  QString::number(kRegisterBurst),
                                  QStringLiteral("--register-rate"), QStringLiteral("0.001")};
// docs/protocol.md section 2: messages.search, kMessageSearchBurst at once, then one per second.
constexpr int kSearchBurst = 5;
constexpr double kSearchRatePerSecond = 1.0;
// Attempts at most: more than two nodes' budgets together.
constexpr int kMaxAttempts = 4 * kRegisterBurst + 4 * kSearchBurst;

// What a series of attempts spread over the nodes gave: how many were admitted before the first
// refusal, and that refusal (empty when none came, or something other than rate_limited did).
struct Spread {
    int admitted = 0;
    QJsonObject refusal;
};

}  // namespace

class TestClusterLimits : public QObject {
    Q_OBJECT

private:
    TwoNodeCluster cluster_;

    // Makes attempts until one answers an error: counts the results before it. The error must be
    // rate_limited with a retry_after_ms and `message`.
    static Spread spreadUntilRefused(const std::function<QJsonObject(int)>& attempt,
                                     const QString& message) {
        Spread spread;
        for (int i = 0; i < kMaxAttempts; ++i) {
            const QJsonObject answer = attempt(i);
            if (isResult(answer)) {
                ++spread.admitted;
                continue;
            }
            if (errorCodeOf(answer) == QStringLiteral("rate_limited") &&
                errorOf(answer).value(QStringLiteral("retry_after_ms")).toInteger() > 0 &&
                errorOf(answer).value(QStringLiteral("message")).toString() == message) {
                spread.refusal = answer;
            } else {
                qWarning().noquote() << describe(answer);
            }
            break;
        }
        return spread;
    }

private slots:
    void initTestCase() {
        const QString problem = startClusterEngines(cluster_.postgres, cluster_.redis);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    // Fresh nodes and an empty Redis for every test: buckets left by one do not count in the next.
    void cleanup() {
        cluster_.nodeA.reset();
        cluster_.nodeB.reset();
        cluster_.redis.stop();
        const QString problem = cluster_.redis.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void registrationsFromOneAddress_data() {
        QTest::addColumn<bool>("shared");
        QTest::addColumn<int>("admitted");
        QTest::newRow("shared by the nodes") << true << kRegisterBurst;
        QTest::newRow("per node, no Redis") << false << 2 * kRegisterBurst;
    }
    // One address registering through both nodes in turn (a new connection each time): with Redis,
    // refused after as many accounts as one node allows.
    void registrationsFromOneAddress() {
        QFETCH(bool, shared);
        QFETCH(int, admitted);
        const QString problem = cluster_.startNodes(shared, kRegisterLimits);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const Spread spread = spreadUntilRefused(
            [this](int i) {
                WsTestClient* client = (i % 2 == 0 ? cluster_.nodeA : cluster_.nodeB)->connect();
                return client ? client->call(spec::method::kAuthRegister,
                                             registerParams(uniqueUsername(QStringLiteral("lr"))))
                              : QJsonObject();
            },
            spec::rate_limited_message::kRegistrations);
        QVERIFY(!spread.refusal.isEmpty());
        QCOMPARE(spread.admitted, admitted);
    }

    void searchesOfOneUser_data() {
        QTest::addColumn<bool>("shared");
        QTest::newRow("shared by the nodes") << true;
        QTest::newRow("per node, no Redis") << false;
    }
    // One user searching through a device on each node in turn: with Redis, refused after the
    // budget of one node (plus what refilled meanwhile, one search per second); without, only
    // after both nodes' budgets.
    void searchesOfOneUser() {
        QFETCH(bool, shared);
        const QString problem = cluster_.startNodes(shared);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const ChatUser ula = cluster_.nodeA->registerUser(QStringLiteral("ls"));
        QVERIFY(ula.ok());
        WsTestClient* onB = cluster_.nodeB->loginNewDevice(ula, QStringLiteral("Tablet"));
        QVERIFY(onB);
        QElapsedTimer clock;
        clock.start();
        const Spread spread = spreadUntilRefused(
            [client = ula.client, onB](int i) {
                return (i % 2 == 0 ? client : onB)
                    ->call(QStringLiteral("messages.search"),
                           {{QStringLiteral("query"), QStringLiteral("word%1").arg(i)}});
            },
            spec::rate_limited_message::kMessageSearch);
        const int refilled =
            int(std::ceil(double(clock.elapsed()) / 1000.0 * kSearchRatePerSecond));
        QVERIFY(!spread.refusal.isEmpty());
        QVERIFY2(spread.admitted >= kSearchBurst, qPrintable(QString::number(spread.admitted)));
        if (shared) {
            QVERIFY2(spread.admitted <= kSearchBurst + refilled,
                     qPrintable(QStringLiteral("%1 searches admitted in %2 ms")
                                    .arg(spread.admitted)
                                    .arg(clock.elapsed())));
        } else {
            QVERIFY(spread.admitted >= 2 * kSearchBurst);
        }
    }
};

QTEST_GUILESS_MAIN(TestClusterLimits)
#include "tst_cluster_limits.moc"
