// LocalCache on its own (no server): what is written comes back as it was (drafts too), older
// history pages stop at a gap, a schema-1 file is migrated, a file of another schema version or
// a damaged file is rebuilt (it is only a cache), and deleting it leaves nothing behind.
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "core/local_cache.h"

using namespace natter;

namespace {

const UserInfo kAnn{QStringLiteral("u_ann"), QStringLiteral("ann"), QStringLiteral("Ann Lee")};
const UserInfo kBob{QStringLiteral("u_bob"), QStringLiteral("bob"), QStringLiteral("Bob")};
const QString kChat = QStringLiteral("c_chat");

ChatMessage message(qint64 seq, const UserInfo& sender) {
    ChatMessage m;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.conversationId = kChat;
    m.seq = seq;
    m.sender = sender;
    m.clientMessageId = QStringLiteral("cm_%1").arg(seq);
    m.type = QStringLiteral("text");
    m.body = QStringLiteral("message %1").arg(seq);
    m.sentAt = QDateTime::fromMSecsSinceEpoch(1'764'480'000'000 + seq, Qt::UTC);
    return m;
}

LocalCache::Conversation chat(qint64 lastSeq) {
    LocalCache::Conversation cached;
    Conversation& details = cached.details;
    details.id = kChat;
    details.kind = Conversation::Kind::Private;
    details.name = kBob.displayName;
    details.members = {kAnn, kBob};
    details.createdAt = QDateTime::fromMSecsSinceEpoch(1'764'480'000'000, Qt::UTC);
    details.lastSeq = lastSeq;
    details.lastActivityAt = details.createdAt.addSecs(60);
    details.lastMessage = message(lastSeq, kBob);
    details.hasReadState = true;
    details.lastReadSeq = 2;
    details.unreadCount = int(lastSeq - 2);
    details.readPositions = {{kBob.id, lastSeq}};
    details.muted = true;
    cached.cursor = lastSeq;
    cached.unreadCountedThrough = lastSeq;
    return cached;
}

int userVersion(const QString& file) {
    int version = -1;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next()) {
                version = query.value(0).toInt();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    return version;
}

// Writes a cache file holding one conversation, and closes it.
bool writeOneChat(const QString& file) {
    LocalCache cache(file);
    LocalCache::Batch batch;
    batch.conversations = {chat(1)};
    return cache.write(batch);
}

// Runs SQL on a cache file behind LocalCache's back (to make it look like an older one).
bool execOn(const QString& file, const QStringList& statements) {
    bool ok = true;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(file);
        ok = db.open();
        QSqlQuery query(db);
        for (const QString& statement : statements) {
            ok = ok && query.exec(statement);
        }
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return ok;
}

}  // namespace

class TestLocalCache : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(dir_.isValid()); }

    void whatIsWrittenComesBack() {
        const QString file = LocalCache::fileFor(dir_.path(), QStringLiteral("u_roundtrip"));
        {
            LocalCache cache(file);
            QVERIFY(cache.isOpen());
            LocalCache::Batch batch;
            batch.conversations = {chat(5)};
            for (qint64 seq = 1; seq <= 5; ++seq) {
                batch.messages << message(seq, seq % 2 ? kBob : kAnn);
            }
            batch.replaceOutbox = true;
            ChatMessage pending;
            pending.clientMessageId = QStringLiteral("out-1");
            pending.conversationId = kChat;
            pending.type = QStringLiteral("text");
            pending.body = QStringLiteral("not sent yet");
            pending.delivery = Delivery::Pending;
            pending.sender = kAnn;
            ChatMessage refused = pending;
            refused.clientMessageId = QStringLiteral("out-2");
            refused.conversationId.clear();
            refused.recipientId = QStringLiteral("u_cleo");
            refused.delivery = Delivery::Failed;
            refused.failureText = QStringLiteral("Refused.");
            batch.outbox = {
                {pending, {}},
                {refused, {refused.recipientId, QStringLiteral("cleo"), QStringLiteral("Cleo")}}};
            QVERIFY(cache.write(batch));
        }
        LocalCache reopened(file);
        const LocalCache::Snapshot snapshot = reopened.load(2);
        QCOMPARE(snapshot.conversations.size(), 1);
        const LocalCache::Conversation& cached = snapshot.conversations.first();
        const Conversation expected = chat(5).details;
        QCOMPARE(cached.details.name, expected.name);
        QCOMPARE(cached.details.members.size(), 2);
        QCOMPARE(cached.details.members.at(1).displayName, kBob.displayName);
        QCOMPARE(cached.details.lastReadSeq, 2);
        QCOMPARE(cached.details.unreadCount, 3);
        QCOMPARE(cached.details.readPositions, expected.readPositions);
        QCOMPARE(cached.details.lastMessage->body, QStringLiteral("message 5"));
        QCOMPARE(cached.details.lastMessage->sender->displayName, kBob.displayName);
        QCOMPARE(cached.details.lastActivityAt, expected.lastActivityAt);
        QVERIFY(cached.details.muted);
        QCOMPARE(cached.cursor, 5);
        QCOMPARE(cached.recent.size(), 2);  // the newest two, in order
        QCOMPARE(cached.recent.at(0).seq, 4);
        QCOMPARE(cached.recent.at(1).body, QStringLiteral("message 5"));
        QCOMPARE(cached.recent.at(0).sender->displayName, kAnn.displayName);
        QCOMPARE(cached.recent.at(1).sentAt, message(5, kBob).sentAt);
        QCOMPARE(snapshot.outbox.size(), size_t(2));
        QCOMPARE(snapshot.outbox.at(0).message.clientMessageId, QStringLiteral("out-1"));
        QCOMPARE(snapshot.outbox.at(0).message.delivery, Delivery::Pending);
        QCOMPARE(snapshot.outbox.at(1).message.delivery, Delivery::Failed);
        QCOMPARE(snapshot.outbox.at(1).message.failureText, QStringLiteral("Refused."));
        QCOMPARE(snapshot.outbox.at(1).recipient.displayName, QStringLiteral("Cleo"));

        const QList<ChatMessage> older = reopened.messagesBefore(kChat, 4, 50);
        QCOMPARE(older.size(), 3);
        QCOMPARE(older.first().seq, 1);
        QCOMPARE(older.last().seq, 3);
    }

    void olderPagesStopAtAGap() {
        LocalCache cache(LocalCache::fileFor(dir_.path(), QStringLiteral("u_gap")));
        LocalCache::Batch batch;
        batch.conversations = {chat(10)};
        for (qint64 seq : {1, 2, 6, 7, 8, 9, 10}) {
            batch.messages << message(seq, kBob);
        }
        QVERIFY(cache.write(batch));
        const QList<ChatMessage> page = cache.messagesBefore(kChat, 9, 50);
        QCOMPARE(page.size(), 3);  // 6, 7, 8: below 6 the server has to say
        QCOMPARE(page.first().seq, 6);
        QVERIFY(cache.messagesBefore(kChat, 6, 50).isEmpty());
    }

    void anotherSchemaVersionIsRebuilt() {
        const QString file = LocalCache::fileFor(dir_.path(), QStringLiteral("u_old"));
        QVERIFY(execOn(file, {QStringLiteral("CREATE TABLE conversations (id TEXT, x BLOB)"),
                              QStringLiteral("INSERT INTO conversations VALUES ('c_1', 'old')"),
                              QStringLiteral("PRAGMA user_version = 999")}));
        {
            LocalCache cache(file);
            QVERIFY(cache.isOpen());
            QVERIFY(cache.load(50).conversations.isEmpty());
            LocalCache::Batch batch;
            batch.conversations = {chat(1)};
            QVERIFY(cache.write(batch));
            QCOMPARE(cache.load(50).conversations.size(), 1);
        }
        QCOMPARE(userVersion(file), LocalCache::kSchemaVersion);
    }

    // Drafts come back, survive clear() (they are this device's own), go with their
    // conversation, and an empty text deletes one.
    void draftsAreKept() {
        const QString file = LocalCache::fileFor(dir_.path(), QStringLiteral("u_drafts"));
        LocalCache cache(file);
        LocalCache::Batch batch;
        batch.conversations = {chat(1)};
        batch.drafts = {{kChat, QStringLiteral("half a thought")},
                        {QStringLiteral("u_cleo"), QStringLiteral("Hi Cleo")}};
        QVERIFY(cache.write(batch));
        QCOMPARE(LocalCache(file).load(50).drafts, batch.drafts);
        QVERIFY(cache.clear());
        QCOMPARE(cache.load(50).drafts, batch.drafts);

        LocalCache::Batch changes;
        changes.drafts = {{QStringLiteral("u_cleo"), QString()}};
        changes.removed = {kChat};
        QVERIFY(cache.write(changes));
        QVERIFY(cache.load(50).drafts.isEmpty());
    }

    // A schema-1 file (no drafts table, no 5.2a columns) keeps what it holds and gains them.
    void schemaOneIsMigrated() {
        const QString file = LocalCache::fileFor(dir_.path(), QStringLiteral("u_v1"));
        QVERIFY(writeOneChat(file));
        QVERIFY(execOn(file, {QStringLiteral("DROP TABLE drafts"),
                              QStringLiteral("ALTER TABLE messages DROP COLUMN state"),
                              QStringLiteral("ALTER TABLE outbox DROP COLUMN reply_to_seq"),
                              QStringLiteral("PRAGMA user_version = 1")}));
        QCOMPARE(userVersion(file), 1);
        {
            LocalCache cache(file);
            QVERIFY(cache.isOpen());
            QCOMPARE(cache.load(50).conversations.size(), 1);  // not dropped
            LocalCache::Batch batch;
            batch.drafts = {{kChat, QStringLiteral("kept")}};
            QVERIFY(cache.write(batch));
            QCOMPARE(cache.load(50).drafts.value(kChat), QStringLiteral("kept"));
        }
        QCOMPARE(userVersion(file), LocalCache::kSchemaVersion);
    }

    void aDamagedFileIsReplaced() {
        const QString file = LocalCache::fileFor(dir_.path(), QStringLiteral("u_damaged"));
        QFile garbage(file);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
        garbage.close();
        LocalCache cache(file);
        QVERIFY(cache.isOpen());
        LocalCache::Batch batch;
        batch.conversations = {chat(1)};
        QVERIFY(cache.write(batch));
        QCOMPARE(cache.load(50).conversations.size(), 1);
    }

    void removingLeavesNothing() {
        const QString file = LocalCache::fileFor(dir_.path(), QStringLiteral("u_gone"));
        QVERIFY(writeOneChat(file));
        QVERIFY(QFile::exists(file));
        QVERIFY(LocalCache::removeFile(file));
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(file + QStringLiteral("-shm")));
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestLocalCache)
#include "tst_local_cache.moc"
