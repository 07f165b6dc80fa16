// kBlockedUsersMax (docs/protocol.md section 2, users.block in section 5.6): a user may block
// 1,000 others; one more is limit_reached and changes nothing; blocking one already blocked stays
// harmless at the limit, and unblocking one makes room again. Needs 1,001 accounts, so the
// accounts are registered many at a time and the blocks are pipelined over several connections
// (each connection has its own request budget, kRequestBurst).
#include <QtTest>
#include <memory>
#include <vector>

#include "chat_checks.h"
#include "protocol_spec.h"
#include "safety_support.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::safety;

namespace {

// Registrations in flight at once: well below kMaxConcurrentPasswordHashes (64).
constexpr int kRegistrationWave = 32;
constexpr int kRegisterTimeoutMs = 60'000;
// Requests per connection at once: below kRequestBurst (40), the auth.resume included.
constexpr int kRequestsPerConnection = 35;

}  // namespace

class TestSafetyBlockLimit : public SafetyTest {
    Q_OBJECT

protected:
    // Fewer hashing threads than cores leaves the machine usable while 1,001 passwords are hashed.
    QStringList serverArgs() override {
        return {QStringLiteral("--hash-threads"), QStringLiteral("2")};
    }

private:
    // Registers `count` accounts, kRegistrationWave at a time, closing each connection when its
    // account exists; their user ids (fewer only on failure).
    QStringList registerAccounts(int count);
    // Blocks every user through connections of `blocker`'s session; the responses.
    QList<QJsonObject> blockAll(const ChatUser& blocker, const QStringList& userIds);

private slots:
    void blockingIsLimitedToOneThousandUsers();
};

QStringList TestSafetyBlockLimit::registerAccounts(int count) {
    QStringList ids;
    while (ids.size() < count) {
        std::vector<std::unique_ptr<WsTestClient>> wave;
        for (int i = 0; i < qMin(kRegistrationWave, count - int(ids.size())); ++i) {
            wave.push_back(std::make_unique<WsTestClient>());
            if (!wave.back()->connectTo(server().url())) {
                return ids;
            }
            wave.back()->sendRequest(QStringLiteral("reg"), spec::method::kAuthRegister,
                                     registerParams(uniqueUsername(QStringLiteral("bl"))));
        }
        for (const auto& client : wave) {
            const SignedIn signedIn =
                signedInFrom(client->waitForResponse(QStringLiteral("reg"), kRegisterTimeoutMs));
            if (!signedIn.ok()) {
                qWarning().noquote() << "registration failed:" << describe(signedIn.response);
                return ids;
            }
            ids.append(signedIn.userId);
            client->close();
        }
    }
    return ids;
}

QList<QJsonObject> TestSafetyBlockLimit::blockAll(const ChatUser& blocker,
                                                  const QStringList& userIds) {
    QList<WsTestClient*> connections;
    QList<QStringList> requestIds;
    for (qsizetype first = 0; first < userIds.size(); first += kRequestsPerConnection) {
        WsTestClient* connection = server().resume(blocker.token);
        if (!connection) {
            return {};
        }
        QList<QJsonObject> params;
        for (const QString& id : userIds.mid(first, kRequestsPerConnection)) {
            params.append({{QStringLiteral("user_id"), id}});
        }
        connections.append(connection);
        requestIds.append(sendPipelined(*connection, spec::method::kUsersBlock, params));
    }
    QList<QJsonObject> responses;
    for (qsizetype i = 0; i < connections.size(); ++i) {
        responses += collectResponses(*connections.at(i), requestIds.at(i));
    }
    return responses;
}

void TestSafetyBlockLimit::blockingIsLimitedToOneThousandUsers() {
    const ChatUser blocker = server().registerUser(QStringLiteral("blocker"));
    QVERIFY(blocker.ok());
    const QStringList others = registerAccounts(spec::kBlockedUsersMax + 1);
    QCOMPARE(others.size(), spec::kBlockedUsersMax + 1);
    const QStringList allowed = others.mid(0, spec::kBlockedUsersMax);
    const QString oneTooMany = others.last();

    QCOMPARE(countResults(blockAll(blocker, allowed)), spec::kBlockedUsersMax);
    NATTER_COMPARE_ERROR(block(*blocker.client, oneTooMany), "limit_reached");
    QString error;
    QStringList blocked = blockedIds(*blocker.client, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    blocked.sort();
    QStringList expected = allowed;
    expected.sort();
    QCOMPARE(blocked, expected);

    NATTER_VERIFY_RESULT(block(*blocker.client, allowed.first()));
    NATTER_VERIFY_RESULT(unblock(*blocker.client, allowed.first()));
    NATTER_VERIFY_RESULT(block(*blocker.client, oneTooMany));
    const QStringList after = blockedIds(*blocker.client, &error);
    QCOMPARE(after.size(), spec::kBlockedUsersMax);
    QCOMPARE(after.first(), oneTooMany);
}

QTEST_GUILESS_MAIN(TestSafetyBlockLimit)
#include "tst_safety_block_limit.moc"
