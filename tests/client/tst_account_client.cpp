// AccountClient and ServerConnection against the real natter-server: the account and session
// flows of docs/protocol.md section 5.1 as the desktop client uses them.
#include <QSignalSpy>
#include <QtTest>

#include "client_test_support.h"
#include "core/account_client.h"
#include "method_names.h"
#include "server_process.h"

using natter::AccountClient;
using natter::ErrorCode;
using natter::SessionInfo;
using natter::UserError;
using namespace natter::test;

class TestAccountClient : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(server_.start(), qPrintable(server_.log())); }

    void cleanupTestCase() { QCOMPARE(server_.stop(), 0); }

    void registerLoginListAndRevoke() {
        const QString username = uniqueUsername(QStringLiteral("alice"));
        AccountClient laptop;
        const auto token =
            registerAccount(laptop, server_.url(), username, QStringLiteral("Laptop"));
        QVERIFY2(token, qPrintable(server_.log()));
        QCOMPARE(token->size(), 43);
        QCOMPARE(laptop.account()->user.username, username);
        QCOMPARE(laptop.account()->user.displayName, username.toUpper());
        QVERIFY(laptop.account()->session.current);

        AccountClient phone;  // a second ServerConnection
        QVERIFY(login(phone, server_.url(), username.toUpper(), QStringLiteral("Phone")));
        QCOMPARE(phone.account()->user.id, laptop.account()->user.id);

        const QList<SessionInfo> sessions = listSessions(laptop);
        QCOMPARE(sessions.size(), 2);
        const auto current = std::find_if(sessions.begin(), sessions.end(),
                                          [](const SessionInfo& s) { return s.current; });
        QVERIFY(current != sessions.end());
        QCOMPARE(current->id, laptop.account()->session.id);
        QCOMPARE(current->deviceName, QStringLiteral("Laptop"));
        QCOMPARE(std::count_if(sessions.begin(), sessions.end(),
                               [](const SessionInfo& s) { return s.current; }),
                 1);

        // The phone signs the laptop out: the laptop's socket closes with 4002.
        QSignalSpy laptopClosed(laptop.connection(), &natter::ServerConnection::closed);
        QSignalSpy laptopSignedOut(&laptop, &AccountClient::signedOut);
        QSignalSpy revoked(&phone, &AccountClient::sessionRevoked);
        phone.revokeSession(laptop.account()->session.id);
        QTRY_COMPARE_WITH_TIMEOUT(laptopClosed.count(), 1, kServerWaitMs);
        QCOMPARE(laptopClosed.first().first().toInt(), 4002);
        QCOMPARE(laptopSignedOut.count(), 1);
        QCOMPARE(laptopSignedOut.first().first().value<AccountClient::SignOutReason>(),
                 AccountClient::SignOutReason::RevokedElsewhere);
        QCOMPARE(laptopSignedOut.first().at(1).toString(),
                 QStringLiteral("This device was signed out from another device."));
        QVERIFY(!laptop.isSignedIn());
        QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, kServerWaitMs);
        QCOMPARE(listSessions(phone).size(), 1);

        // The revoked token no longer signs in.
        AccountClient again;
        UserError error;
        again.resume(server_.url(), *token);
        QVERIFY(!waitForSignIn(again, &error));
        QVERIFY(error.failure.isServerError(ErrorCode::InvalidToken));
    }

    void resumeWithGarbageTokenIsInvalidToken() {
        for (const QString& garbage : {QStringLiteral("garbage"), QString(43, QLatin1Char('A'))}) {
            AccountClient client;
            UserError error;
            client.resume(server_.url(), garbage);
            QVERIFY(!waitForSignIn(client, &error));
            QVERIFY2(error.failure.isServerError(ErrorCode::InvalidToken),
                     qPrintable(error.failure.error.message));
            QCOMPARE(
                error.message,
                QStringLiteral("Your saved sign-in is no longer valid. Please sign in again."));
            QVERIFY(!client.isSignedIn());
        }
    }

    void resumeWithSavedTokenIsTheSameSession() {
        const QString username = uniqueUsername(QStringLiteral("carol"));
        AccountClient first;
        const auto token = registerAccount(first, server_.url(), username, QStringLiteral("Desk"));
        QVERIFY(token);
        AccountClient resumed;
        resumed.resume(server_.url(), *token);
        const auto resumeToken = waitForSignIn(resumed);
        QVERIFY(resumeToken);
        QVERIFY2(resumeToken->isEmpty(), "auth.resume must not hand out a token");
        QCOMPARE(resumed.account()->session.id, first.account()->session.id);
        QCOMPARE(resumed.account()->user.username, username);
    }

    void wrongPasswordIsInvalidCredentialsShownAtTop() {
        const QString username = uniqueUsername(QStringLiteral("dave"));
        AccountClient owner;
        QVERIFY(registerAccount(owner, server_.url(), username, QStringLiteral("Desk")));
        AccountClient intruder;
        UserError error;
        QVERIFY(!login(intruder, server_.url(), username, QStringLiteral("Box"),
                       QStringLiteral("wrong password"), &error));
        QVERIFY(error.failure.isServerError(ErrorCode::InvalidCredentials));
        QVERIFY(error.field.isEmpty());
        QCOMPARE(error.message, QStringLiteral("The username or password is wrong."));
    }

    void takenUsernameIsShownAtTheUsernameField() {
        const QString username = uniqueUsername(QStringLiteral("erin"));
        AccountClient first;
        QVERIFY(registerAccount(first, server_.url(), username, QStringLiteral("Desk")));
        AccountClient second;
        UserError error;
        QVERIFY(!registerAccount(second, server_.url(), username, QStringLiteral("Box"), &error));
        QVERIFY(error.failure.isServerError(ErrorCode::UsernameTaken));
        QCOMPARE(error.field, natter::field::kUsername);
    }

    void invalidInputIsRefusedBeforeSending() {
        AccountClient client;
        UserError error;
        client.registerAccount(server_.url(), {QStringLiteral("x"), QStringLiteral("X"), kPassword,
                                               QStringLiteral("Desk")});
        QVERIFY(!waitForSignIn(client, &error));
        QCOMPARE(error.failure.kind, natter::FailureKind::InvalidInput);
        QCOMPARE(error.field, natter::field::kUsername);
        QCOMPARE(client.connection()->state(), natter::ServerConnection::State::Disconnected);
    }

    void logoutClosesNormallyAndEndsTheToken() {
        const QString username = uniqueUsername(QStringLiteral("frank"));
        AccountClient client;
        const auto token = registerAccount(client, server_.url(), username, QStringLiteral("Desk"));
        QVERIFY(token);
        QSignalSpy closed(client.connection(), &natter::ServerConnection::closed);
        QSignalSpy signedOut(&client, &AccountClient::signedOut);
        client.logout();
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.count(), 1, kServerWaitMs);
        QCOMPARE(signedOut.first().first().value<AccountClient::SignOutReason>(),
                 AccountClient::SignOutReason::SignedOut);
        QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, kServerWaitMs);
        QCOMPARE(closed.first().first().toInt(), 1000);
        AccountClient again;
        UserError error;
        again.resume(server_.url(), *token);
        QVERIFY(!waitForSignIn(again, &error));
        QVERIFY(error.failure.isServerError(ErrorCode::InvalidToken));
    }

    void revokeOthersKeepsOnlyThisDevice() {
        const QString username = uniqueUsername(QStringLiteral("gina"));
        AccountClient desk;
        QVERIFY(registerAccount(desk, server_.url(), username, QStringLiteral("Desk")));
        AccountClient phone;
        AccountClient tablet;
        QVERIFY(login(phone, server_.url(), username, QStringLiteral("Phone")));
        QVERIFY(login(tablet, server_.url(), username, QStringLiteral("Tablet")));
        QSignalSpy phoneOut(&phone, &AccountClient::signedOut);
        QSignalSpy tabletOut(&tablet, &AccountClient::signedOut);
        QSignalSpy revoked(&desk, &AccountClient::otherSessionsRevoked);
        desk.revokeOtherSessions();
        QTRY_COMPARE_WITH_TIMEOUT(revoked.count(), 1, kServerWaitMs);
        QCOMPARE(revoked.first().first().toInt(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(phoneOut.count() + tabletOut.count(), 2, kServerWaitMs);
        const QList<SessionInfo> remaining = listSessions(desk);
        QCOMPARE(remaining.size(), 1);
        QCOMPARE(remaining.first().deviceName, QStringLiteral("Desk"));
    }

    void unauthenticatedRequestIsRefused() {
        natter::ServerConnection connection;
        std::optional<natter::RequestOutcome> outcome;
        connection.open(server_.url());
        connection.send(natter::method::kSessionsList, {}, this,
                        [&outcome](const natter::RequestOutcome& o) { outcome = o; });
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), kServerWaitMs);
        QVERIFY(outcome->failure.isServerError(ErrorCode::Unauthenticated));
    }

private:
    ServerProcess server_;
};

QTEST_GUILESS_MAIN(TestAccountClient)
#include "tst_account_client.moc"
