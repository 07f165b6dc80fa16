// The real natter-server on PostgreSQL (--database postgres://..., README settings table): a
// private PostgreSQL (tests/support/postgres_server.h) holds its data, and what a client sends is
// stored there, in seq order, and still there after a restart. Fails, never skips, when
// PostgreSQL cannot be started (docs/testing.md).
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "chat_server.h"
#include "postgres_server.h"
#include "protocol_checks.h"

using namespace natter::test;
using namespace natter::test::chat;

class TestChatPostgres : public QObject {
    Q_OBJECT

private:
    PostgresServer postgres_;
    std::unique_ptr<ChatServer> server_;

    // How many messages the PostgreSQL database holds, asked directly; -1 when it cannot be asked.
    qint64 storedMessageCount() {
        const QString connection = QStringLiteral("check");
        qint64 count = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(postgres_.port());
            db.setUserName(postgres_.superuser());
            db.setDatabaseName(QStringLiteral("postgres"));
            QSqlQuery query(db);
            if (db.open() && query.exec(QStringLiteral("SELECT COUNT(*) FROM messages")) &&
                query.next()) {
                count = query.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(connection);
        return count;
    }

private slots:
    void initTestCase() {
        const QString problem = postgres_.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        server_ = std::make_unique<ChatServer>(
            QStringList{QStringLiteral("--database"), postgres_.url()});
        const QString why = server_->start();
        QVERIFY2(why.isEmpty(), qPrintable(why + u'\n' + server_->logTail()));
    }
    void cleanupTestCase() {
        server_.reset();
        postgres_.stop();
    }

    void messagesAreStoredInOrderAndSurviveARestart() {
        const QList<ChatUser> users = server_->registerUsers(QStringLiteral("pg"), 2);
        QCOMPARE(users.size(), 2);
        const ChatUser& alice = users.at(0);
        const ChatUser& bob = users.at(1);
        const QStringList bodies{QStringLiteral("first"), QStringLiteral("second"),
                                 QStringLiteral("third")};
        QString conversationId;
        for (const QString& body : bodies) {
            const QJsonObject sent = sendText(*alice.client, toUser(bob.userId), body);
            QVERIFY2(isResult(sent), qPrintable(describe(sent)));
            conversationId = conversationIdOf(sent);
        }
        QVERIFY(waitForMessageEvents(*bob.client, conversationId, int(bodies.size())));
        server_->releaseClients();
        // In PostgreSQL, not in a SQLite file of the server's data dir.
        QCOMPARE(storedMessageCount(), qint64(bodies.size()));

        QCOMPARE(server_->process().stop(), 0);
        const QString why = server_->start();
        QVERIFY2(why.isEmpty(), qPrintable(why + u'\n' + server_->logTail()));
        WsTestClient* again = server_->resume(bob.token);
        QVERIFY(again);
        QString error;
        const QList<QJsonObject> history = fullHistory(*again, conversationId, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(history.size(), bodies.size());
        for (int i = 0; i < history.size(); ++i) {
            QCOMPARE(seqOf(history.at(i)), i + 1);
            QCOMPARE(history.at(i).value(QStringLiteral("body")).toString(), bodies.at(i));
        }
    }
};

QTEST_GUILESS_MAIN(TestChatPostgres)
#include "tst_chat_postgres.moc"
