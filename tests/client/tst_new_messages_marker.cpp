// Where the "New messages" divider goes in the rows of an open conversation (no server needed).
#include <QtTest>

#include "models/new_messages_marker.h"

using namespace natter;

namespace {

const QString kMe = QStringLiteral("u_me");

ChatMessage message(qint64 seq, const QString& senderId) {
    ChatMessage m;
    m.seq = seq;
    m.type = QStringLiteral("text");
    m.body = QStringLiteral("m%1").arg(seq);
    m.sender = UserInfo{senderId, senderId, senderId};
    return m;
}

QList<ChatMessage> seqs(qint64 from, qint64 to, const QString& senderId = QStringLiteral("u_bob")) {
    QList<ChatMessage> rows;
    for (qint64 seq = from; seq <= to; ++seq) {
        rows << message(seq, senderId);
    }
    return rows;
}

}  // namespace

class TestNewMessagesMarker : public QObject {
    Q_OBJECT

private slots:
    void nothingUnreadMeansNoDivider() {
        NewMessagesMarker marker;
        marker.reset(0);
        QVERIFY(!marker.update(seqs(1, 5), kMe));
        QCOMPARE(marker.dividerSeq(), qint64(0));
    }

    void dividerIsAboveTheFirstUnread() {
        NewMessagesMarker marker;
        marker.reset(4);
        QVERIFY(marker.update(seqs(1, 6), kMe));
        QCOMPARE(marker.dividerSeq(), qint64(4));
        QVERIFY(marker.isAbove(message(4, QStringLiteral("u_bob"))));
        QVERIFY(!marker.isAbove(message(5, QStringLiteral("u_bob"))));
        // More arrives: it stays.
        QVERIFY(!marker.update(seqs(1, 9), kMe));
        QCOMPARE(marker.dividerSeq(), qint64(4));
    }

    // My own messages (from another device) and notes like "Ann created the group" were never
    // unread: the divider goes past them.
    void myOwnMessagesAndNotesAreSkipped() {
        NewMessagesMarker marker;
        marker.reset(1);
        ChatMessage created = message(1, kMe);
        created.type = QStringLiteral("system");
        created.sender.reset();
        QList<ChatMessage> rows{created, message(2, kMe), message(3, QStringLiteral("u_bob"))};
        QVERIFY(marker.update(rows, kMe));
        QCOMPARE(marker.dividerSeq(), qint64(3));
    }

    // Only the newest page is loaded and the first unread is older: no divider on the wrong
    // message; it appears once the older page is in.
    void dividerWaitsForUnloadedHistory() {
        NewMessagesMarker marker;
        marker.reset(10);
        QVERIFY(!marker.update(seqs(20, 70), kMe));
        QCOMPARE(marker.dividerSeq(), qint64(0));
        QVERIFY(marker.update(seqs(1, 70), kMe));
        QCOMPARE(marker.dividerSeq(), qint64(10));
    }

    // Unsent messages of mine at the end never carry it.
    void pendingMessagesNeverCarryIt() {
        NewMessagesMarker marker;
        marker.reset(6);
        QList<ChatMessage> rows = seqs(1, 5);
        ChatMessage pending = message(0, kMe);
        pending.delivery = Delivery::Pending;
        rows << pending;
        QVERIFY(!marker.update(rows, kMe));
        QCOMPARE(marker.dividerSeq(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestNewMessagesMarker)
#include "tst_new_messages_marker.moc"
