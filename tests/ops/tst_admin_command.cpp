// natter-server admin (docs/operations.md, "Administering accounts") against the real server with
// connected clients, as an operator runs it: while the server runs, the command writes to the
// database and the server closes the affected connections (4002) within a second; and against a
// stopped server, whose next start honours what was done.
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

#include "protocol_checks.h"
#include "protocol_server.h"

using namespace natter::test;

namespace {

// The connections of an account the operator acted on must be closed within about a second
// (RevocationWatcher polls every 250 ms); the margin covers a busy test machine.
constexpr int kCutWithinMs = 1'500;

CommandResult admin(const ServerProcess& server, const QStringList& words) {
    return server.runCommand(QStringList{QStringLiteral("admin")} + words);
}

// The one-time code `admin reset-password` printed, or empty.
QString printedCode(const CommandResult& result) {
    static const QRegularExpression kCode(QStringLiteral("([A-Z2-7]{4}(-[A-Z2-7]{4}){4})\\s*$"));
    return result.exitCode == 0 ? kCode.match(result.output).captured(1) : QString();
}

QJsonObject resetParams(const QString& username, const QString& code, const QString& password) {
    return {{QStringLiteral("username"), username},
            {QStringLiteral("code"), code},
            {QStringLiteral("new_password"), password},
            {QStringLiteral("device_name"), QStringLiteral("Phone")}};
}

}  // namespace

class TestAdminCommand : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void disableCutsConnectionsAndRefusesSignIn();
    void revokeSessionsSignsOutEveryDevice();
    void resetCodeSetsANewPasswordOnceAndExpires();
    void deleteErasesTheAccountAndKeepsTombstones();
    void listFindAndCounts();
    void commandsWorkOnAStoppedServer();

private:
    // Registers `stem` on a new connection and returns it signed in (and its account in `who`).
    WsTestClient* registered(const QString& stem, SignedIn& who);
    // A second connection of the same session.
    WsTestClient* resumed(const SignedIn& who);
    QString login(const QString& username, const QString& password = kPassword);

    std::unique_ptr<ProtocolServer> server_;
};

void TestAdminCommand::init() {
    server_ = std::make_unique<ProtocolServer>();
    QCOMPARE(server_->start(), QString());
}

void TestAdminCommand::cleanup() {
    verifyReleaseClients(*server_);
    server_.reset();
}

WsTestClient* TestAdminCommand::registered(const QString& stem, SignedIn& who) {
    WsTestClient* client = server_->connectClient();
    if (client) {
        who = signedInFrom(
            client->call(QStringLiteral("auth.register"), registerParams(uniqueUsername(stem))));
    }
    return who.ok() ? client : nullptr;
}

WsTestClient* TestAdminCommand::resumed(const SignedIn& who) {
    WsTestClient* client = server_->connectClient();
    return client && signedInFrom(
                         client->call(QStringLiteral("auth.resume"), resumeParams(who.token)))
                         .ok()
               ? client
               : nullptr;
}

// The error code of auth.login on a new connection, or "ok".
QString TestAdminCommand::login(const QString& username, const QString& password) {
    WsTestClient* client = server_->connectClient();
    if (!client) {
        return QStringLiteral("no connection");
    }
    const QJsonObject response = client->call(
        QStringLiteral("auth.login"), loginParams(username, QStringLiteral("Laptop"), password));
    return isResult(response) ? QStringLiteral("ok") : errorCodeOf(response);
}

void TestAdminCommand::disableCutsConnectionsAndRefusesSignIn() {
    SignedIn alice;
    WsTestClient* laptop = registered(QStringLiteral("alice"), alice);
    QVERIFY(laptop);
    WsTestClient* tablet = resumed(alice);
    QVERIFY(tablet);
    WsTestClient* bystander = server_->connectSignedIn();
    QVERIFY(bystander);

    const CommandResult disabled =
        admin(server_->process(), {QStringLiteral("disable"), alice.username});
    QVERIFY2(disabled.exitCode == 0, qPrintable(disabled.output));
    QVERIFY2(disabled.output.contains(QStringLiteral("1 sessions revoked")),
             qPrintable(disabled.output));
    for (WsTestClient* client : {laptop, tablet}) {
        QVERIFY(client->waitForDisconnected(kCutWithinMs));
        QCOMPARE(client->closeCode(), 4002);
    }
    QCOMPARE(server_->checkConnectionUsable(*bystander, true), QString());
    QCOMPARE(login(alice.username), QStringLiteral("account_disabled"));
    QCOMPARE(login(alice.username, QStringLiteral("wrong password")),
             QStringLiteral("invalid_credentials"));  // the refusal says nothing to guessers
    WsTestClient* again = server_->connectClient();
    QVERIFY(again);
    QCOMPARE(errorCodeOf(again->call(QStringLiteral("auth.resume"), resumeParams(alice.token))),
             QStringLiteral("invalid_token"));

    const CommandResult enabled =
        admin(server_->process(), {QStringLiteral("enable"), alice.username});
    QVERIFY2(enabled.exitCode == 0, qPrintable(enabled.output));
    QCOMPARE(login(alice.username), QStringLiteral("ok"));
}

void TestAdminCommand::revokeSessionsSignsOutEveryDevice() {
    SignedIn alice;
    WsTestClient* laptop = registered(QStringLiteral("alice"), alice);
    QVERIFY(laptop);
    WsTestClient* phone = server_->connectClient();
    QVERIFY(phone);
    QVERIFY(
        signedInFrom(phone->call(QStringLiteral("auth.login"), loginParams(alice.username))).ok());

    const CommandResult revoked =
        admin(server_->process(), {QStringLiteral("revoke-sessions"), alice.username});
    QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.output));
    QVERIFY2(revoked.output.startsWith(QStringLiteral("revoked 2 sessions")),
             qPrintable(revoked.output));
    for (WsTestClient* client : {laptop, phone}) {
        QVERIFY(client->waitForDisconnected(kCutWithinMs));
        QCOMPARE(client->closeCode(), 4002);
    }
    WsTestClient* again = server_->connectClient();
    QVERIFY(again);
    QCOMPARE(errorCodeOf(again->call(QStringLiteral("auth.resume"), resumeParams(alice.token))),
             QStringLiteral("invalid_token"));
    QCOMPARE(login(alice.username), QStringLiteral("ok"));  // not disabled: signs in again
}

void TestAdminCommand::resetCodeSetsANewPasswordOnceAndExpires() {
    SignedIn alice;
    WsTestClient* laptop = registered(QStringLiteral("alice"), alice);
    QVERIFY(laptop);
    const CommandResult reset =
        admin(server_->process(), {QStringLiteral("reset-password"), alice.username});
    const QString code = printedCode(reset);
    QVERIFY2(!code.isEmpty(), qPrintable(reset.output));
    QVERIFY(!reset.output.contains(kPassword));

    const QString newPassword = QStringLiteral("a brand new password");
    WsTestClient* phone = server_->connectClient();
    QVERIFY(phone);
    QCOMPARE(errorCodeOf(phone->call(
                 QStringLiteral("auth.reset_password"),
                 resetParams(alice.username, QStringLiteral("AAAA-BBBB"), newPassword))),
             QStringLiteral("invalid_credentials"));
    // Typed in lower case without dashes: the same code.
    const QString typed = code.toLower().remove(u'-');
    const SignedIn viaCode = signedInFrom(phone->call(
        QStringLiteral("auth.reset_password"), resetParams(alice.username, typed, newPassword)));
    QVERIFY2(viaCode.ok(), qPrintable(describe(viaCode.response)));
    QVERIFY(laptop->waitForDisconnected(kCutWithinMs));  // the other sessions are revoked
    QCOMPARE(laptop->closeCode(), 4002);
    QCOMPARE(login(alice.username), QStringLiteral("invalid_credentials"));
    QCOMPARE(login(alice.username, newPassword), QStringLiteral("ok"));
    WsTestClient* twice = server_->connectClient();
    QVERIFY(twice);
    QCOMPARE(errorCodeOf(twice->call(QStringLiteral("auth.reset_password"),
                                     resetParams(alice.username, code, kPassword))),
             QStringLiteral("invalid_credentials"));  // used once

    // A code past its expiry (kResetCodeValidHours) is refused: age it in the database.
    const QString later =
        printedCode(admin(server_->process(), {QStringLiteral("reset-password"), alice.username}));
    QVERIFY(!later.isEmpty());
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("age"));
        db.setDatabaseName(server_->process().dataDir() + QStringLiteral("/natter.sqlite3"));
        QVERIFY(db.open());
        QSqlQuery age(db);
        QVERIFY(age.exec(QStringLiteral("UPDATE password_resets SET expires_at = 1")));
        QCOMPARE(age.numRowsAffected(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("age"));
    QCOMPARE(errorCodeOf(twice->call(QStringLiteral("auth.reset_password"),
                                     resetParams(alice.username, later, kPassword))),
             QStringLiteral("invalid_credentials"));
}

void TestAdminCommand::deleteErasesTheAccountAndKeepsTombstones() {
    SignedIn alice;
    WsTestClient* aliceClient = registered(QStringLiteral("alice"), alice);
    QVERIFY(aliceClient);
    SignedIn bob;
    WsTestClient* bobClient = registered(QStringLiteral("bob"), bob);
    QVERIFY(bobClient);
    const QJsonObject sent =
        aliceClient->call(QStringLiteral("messages.send"),
                          {{QStringLiteral("to_user_id"), bob.userId},
                           {QStringLiteral("client_message_id"), QStringLiteral("m1")},
                           {QStringLiteral("type"), QStringLiteral("text")},
                           {QStringLiteral("body"), QStringLiteral("secret text")}});
    QVERIFY2(isResult(sent), qPrintable(describe(sent)));
    const QString conversation = resultOf(sent)
                                     .value(QStringLiteral("message"))
                                     .toObject()
                                     .value(QStringLiteral("conversation_id"))
                                     .toString();

    const CommandResult deleted =
        admin(server_->process(), {QStringLiteral("delete"), alice.userId});
    QVERIFY2(deleted.exitCode == 0, qPrintable(deleted.output));
    QVERIFY(aliceClient->waitForDisconnected(kCutWithinMs));
    QCOMPARE(aliceClient->closeCode(), 4002);
    QCOMPARE(login(alice.username), QStringLiteral("invalid_credentials"));

    const QJsonObject history = bobClient->call(
        QStringLiteral("messages.history"), {{QStringLiteral("conversation_id"), conversation}});
    const QJsonArray messages = resultOf(history).value(QStringLiteral("messages")).toArray();
    QVERIFY2(!messages.isEmpty(), qPrintable(describe(history)));
    const QJsonObject message = messages.last().toObject();
    QCOMPARE(message.value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(message.value(QStringLiteral("body")).toString(), QString());
    QCOMPARE(
        message.value(QStringLiteral("sender")).toObject().value(QStringLiteral("display_name")),
        QStringLiteral("Deleted user"));
    // The name is free again.
    WsTestClient* newcomer = server_->connectClient();
    QVERIFY(newcomer);
    QVERIFY(signedInFrom(
                newcomer->call(QStringLiteral("auth.register"), registerParams(alice.username)))
                .ok());
}

void TestAdminCommand::listFindAndCounts() {
    SignedIn alice;
    QVERIFY(registered(QStringLiteral("alice"), alice));
    SignedIn bob;
    QVERIFY(registered(QStringLiteral("bob"), bob));

    const CommandResult list = admin(server_->process(), {QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.output.startsWith(QStringLiteral("id\tusername\tdisplay_name\tstatus")));
    QCOMPARE(list.output.count(u'\n'), 4);  // header, fixture, alice, bob
    QVERIFY(list.output.contains(alice.userId + u'\t' + alice.username));
    const CommandResult found =
        admin(server_->process(), {QStringLiteral("find"), alice.username.toUpper()});
    QCOMPARE(found.exitCode, 0);
    QCOMPARE(found.output.count(u'\n'), 2);
    QVERIFY(found.output.contains(alice.userId));
    QVERIFY(found.output.contains(QStringLiteral("\tactive\t1\t")));

    QVERIFY(admin(server_->process(), {QStringLiteral("disable"), bob.username}).exitCode == 0);
    const CommandResult counts = admin(server_->process(), {QStringLiteral("counts")});
    QCOMPARE(counts.exitCode, 0);
    QVERIFY2(counts.output.contains(QStringLiteral("users 3\ndisabled_users 1\nsessions 2\n")),
             qPrintable(counts.output));
    QCOMPARE(
        admin(server_->process(), {QStringLiteral("disable"), QStringLiteral("nobody")}).exitCode,
        1);
    QCOMPARE(admin(server_->process(), {QStringLiteral("frobnicate")}).exitCode, 2);
    QCOMPARE(admin(server_->process(), {QStringLiteral("disable")}).exitCode, 2);
}

void TestAdminCommand::commandsWorkOnAStoppedServer() {
    SignedIn alice;
    QVERIFY(registered(QStringLiteral("alice"), alice));
    server_->releaseClients();
    QCOMPARE(server_->process().stop(), 0);
    const CommandResult disabled =
        admin(server_->process(), {QStringLiteral("disable"), alice.username});
    QVERIFY2(disabled.exitCode == 0, qPrintable(disabled.output));
    QVERIFY(server_->process().start());
    QCOMPARE(login(alice.username), QStringLiteral("account_disabled"));
    QCOMPARE(server_->process().stop(), 0);
    QVERIFY(admin(server_->process(), {QStringLiteral("enable"), alice.username}).exitCode == 0);
    QVERIFY(server_->process().start());
    QCOMPARE(login(alice.username), QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(TestAdminCommand)
#include "tst_admin_command.moc"
