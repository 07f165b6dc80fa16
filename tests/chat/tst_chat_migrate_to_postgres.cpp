// natter-server --migrate-from (docs/scaling.md): a team that outgrows one node copies its SQLite
// database into PostgreSQL and starts the server there. Everything its users had must still be
// there, unchanged as clients see it: sessions (saved tokens keep working), conversation lists
// with unread counts, read markers and blocks, and every message with its seq; and new accounts,
// chats and messages must work right after. Real processes: a natter-server on SQLite, the
// migrate command, then a natter-server on a private PostgreSQL (tests/support/postgres_server.h).
#include <QJsonArray>
#include <QProcess>
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "chat_server.h"
#include "postgres_server.h"
#include "protocol_checks.h"
#include "server_process.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

// What one user sees: their conversation list and the full history of each conversation.
struct UserView {
    QJsonObject list;  // the result of conversations.list
    QHash<QString, QList<QJsonObject>> histories;
};

UserView viewOf(WsTestClient& client) {
    UserView view;
    view.list = client.call(QStringLiteral("conversations.list"))
                    .value(QStringLiteral("result"))
                    .toObject();
    const QJsonArray conversations = view.list.value(QStringLiteral("conversations")).toArray();
    for (const QJsonValue& conversation : conversations) {
        const QString id = idOf(conversation.toObject());
        view.histories.insert(id, fullHistory(client, id));
    }
    return view;
}

struct MigrateRun {
    int exitCode = -1;
    QString out;
    QString err;
};

MigrateRun runMigrate(const QString& sqlitePath, const QString& postgresUrl) {
    QProcess process;
    process.start(ServerProcess::binaryPath(),
                  {QStringLiteral("--migrate-from"), QStringLiteral("sqlite:") + sqlitePath,
                   QStringLiteral("--database"), postgresUrl});
    process.waitForFinished(60'000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace

class TestChatMigrateToPostgres : public QObject {
    Q_OBJECT

private:
    PostgresServer postgres_;
    ChatServer sqliteServer_;
    QList<ChatUser> users_;            // alice, bob, carol on the SQLite server
    QHash<QString, UserView> before_;  // by username
    QString groupId_;

    // The database of the SQLite server (its default: natter.sqlite3 in its data dir).
    QString sqlitePath() {
        return sqliteServer_.process().dataDir() + QStringLiteral("/natter.sqlite3");
    }

    // A team's history on one node: a chat request answered, a group, read markers, a block.
    void buildHistory() {
        users_ = sqliteServer_.registerUsers(QStringLiteral("team"), 3);
        QCOMPARE(users_.size(), 3);
        ChatUser& alice = users_[0];
        ChatUser& bob = users_[1];
        ChatUser& carol = users_[2];
        QString privateId;
        for (const QString& body :
             {QStringLiteral("hi"), QStringLiteral("are you"), QStringLiteral("there?")}) {
            const QJsonObject sent = sendText(*alice.client, toUser(bob.userId), body);
            QVERIFY2(isResult(sent), qPrintable(describe(sent)));
            privateId = conversationIdOf(sent);
        }
        NATTER_VERIFY_RESULT(
            sendText(*bob.client, toConversation(privateId), QStringLiteral("yes")));
        const QJsonObject group =
            alice.client->call(QStringLiteral("conversations.create_group"),
                               createGroupParams(QStringLiteral("Team"), {bob.userId, carol.userId},
                                                 QStringLiteral("welcome")));
        NATTER_VERIFY_RESULT(group);
        groupId_ = idOf(conversationOf(group));
        NATTER_VERIFY_RESULT(
            sendText(*carol.client, toConversation(groupId_), QStringLiteral("thanks")));
        NATTER_VERIFY_RESULT(
            sendText(*carol.client, toConversation(groupId_), QStringLiteral("hello all")));
        NATTER_VERIFY_RESULT(bob.client->call(
            QStringLiteral("conversations.mark_read"),
            {{QStringLiteral("conversation_id"), privateId}, {QStringLiteral("seq"), 2}}));
        NATTER_VERIFY_RESULT(carol.client->call(QStringLiteral("users.block"),
                                                {{QStringLiteral("user_id"), alice.userId}}));
        for (ChatUser& user : users_) {
            before_.insert(user.username, viewOf(*user.client));
        }
    }

private slots:
    void initTestCase() {
        const QString problem = postgres_.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString why = sqliteServer_.start();
        QVERIFY2(why.isEmpty(), qPrintable(why + u'\n' + sqliteServer_.logTail()));
        buildHistory();
        sqliteServer_.releaseClients();
        QCOMPARE(sqliteServer_.process().stop(), 0);
    }
    void cleanupTestCase() { postgres_.stop(); }

    void copiesEverythingUsersSeeAndKeepsWorking() {
        // A URL with a password, as an operator would write it (trust on loopback ignores it):
        // the password must not show in anything the command prints.
        const QString marker = QStringLiteral("leak-marker-7Q");
        const QString urlWithPassword = QStringLiteral("postgres://%1:%2@127.0.0.1:%3/postgres")
                                            .arg(postgres_.superuser(), marker)
                                            .arg(postgres_.port());
        const MigrateRun run = runMigrate(sqlitePath(), urlWithPassword);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        for (const char* table :
             {"users", "sessions", "conversations", "conversation_members", "messages", "blocks"}) {
            QVERIFY2(run.out.contains(QRegularExpression(
                         QStringLiteral("^%1 +\\d+ rows +sha256 [0-9a-f]{64} +verified$")
                             .arg(QLatin1String(table)),
                         QRegularExpression::MultilineOption)),
                     qPrintable(run.out));
        }
        // No credential shows: only host, port and database name (never the URL's user or a
        // password; a table such as password_resets may be named).
        QVERIFY2(!run.out.contains(postgres_.superuser() + u'@'), qPrintable(run.out));
        QVERIFY2(!run.out.contains(marker), qPrintable(run.out));
        QVERIFY2(!run.err.contains(marker), qPrintable(run.err));

        ChatServer postgresServer({QStringLiteral("--database"), postgres_.url()});
        const QString why = postgresServer.start();
        QVERIFY2(why.isEmpty(), qPrintable(why + u'\n' + postgresServer.logTail()));
        for (const ChatUser& user : users_) {
            WsTestClient* client =
                postgresServer.resume(user.token);  // the saved token still works
            QVERIFY2(client, qPrintable(user.username));
            const UserView after = viewOf(*client);
            const UserView& expected = before_.value(user.username);
            QCOMPARE(after.list, expected.list);
            QCOMPARE(after.histories, expected.histories);
        }

        // New rows after the copied ones: the id generators moved past them.
        WsTestClient* bob = postgresServer.resume(users_.at(1).token);
        QVERIFY(bob);
        const QJsonObject next =
            sendText(*bob, toConversation(groupId_), QStringLiteral("on postgres"));
        QVERIFY2(isResult(next), qPrintable(describe(next)));
        QCOMPARE(seqOf(messageOf(next)),
                 int(before_.value(users_.at(1).username).histories.value(groupId_).size()) + 1);
        const ChatUser dave = postgresServer.registerUser(QStringLiteral("dave"));
        QVERIFY(dave.ok());
        NATTER_VERIFY_RESULT(
            sendText(*dave.client, toUser(users_.at(0).userId), QStringLiteral("new chat")));
        QVERIFY(postgresServer.loginNewDevice(users_.at(2), QStringLiteral("Second laptop")));
        postgresServer.releaseClients();
    }

    // A second run must not merge into a database that is in use.
    void refusesATargetThatIsNotEmpty() {
        const MigrateRun run = runMigrate(sqlitePath(), postgres_.url());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("not empty")), qPrintable(run.err));
    }

    void refusesWhatIsNotSqliteToPostgres() {
        const MigrateRun missing =
            runMigrate(QStringLiteral("/nonexistent/natter.sqlite3"), postgres_.url());
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("no such file")), qPrintable(missing.err));
        const MigrateRun toSqlite =
            runMigrate(sqlitePath(), QStringLiteral("sqlite:/tmp/elsewhere.sqlite3"));
        QCOMPARE(toSqlite.exitCode, 2);
        QVERIFY2(toSqlite.err.contains(QStringLiteral("PostgreSQL")), qPrintable(toSqlite.err));
    }
};

QTEST_GUILESS_MAIN(TestChatMigrateToPostgres)
#include "tst_chat_migrate_to_postgres.moc"
