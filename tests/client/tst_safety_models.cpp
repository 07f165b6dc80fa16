// The client's safety and delivery state without a server (docs/protocol.md 5.5 delivered, 5.6):
// the blocked-people model, chat requests listed apart, mute, "Delivered" receipts, and the plain
// words for each refusal. Models run under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QtTest>

#include "core/chat_errors.h"
#include "core/chat_safety.h"
#include "core/conversation_store.h"
#include "method_names.h"
#include "model_test_support.h"
#include "models/blocked_users_model.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "protocol_limits.h"

using namespace natter;
using namespace natter::test;

namespace {

const UserInfo kCleo{QStringLiteral("u_cleo"), QStringLiteral("cleo"), QStringLiteral("Cleo")};

ChatMessage text(qint64 seq, const UserInfo& sender, const QString& body) {
    return textMessage(QStringLiteral("c_ann"), seq, sender, body,
                       QDateTime(QDate(2026, 3, 2), QTime(9, int(seq))).toUTC());
}

Conversation privateChat(const UserInfo& peer, int minute) {
    Conversation c;
    c.id = QStringLiteral("c_") + peer.username;
    c.name = peer.displayName;
    c.members = {kMeUser, peer};
    c.lastActivityAt = QDateTime(QDate(2026, 3, 2), QTime(10, minute)).toUTC();
    c.hasSafetyState = true;
    return c;
}

QStringList column(const QAbstractItemModel& model, int role) {
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        values << model.index(row, 0).data(role).toString();
    }
    return values;
}

// The link ChatSafety sends through: always online, it records the methods asked for and
// answers each at once.
class RecordingLink final : public RequestSender {
public:
    void send(QLatin1StringView method, const QJsonObject& params, const QObject*,
              OutcomeHandler onOutcome) override {
        sent.append({QString(method), params.value(QStringLiteral("conversation_id")).toString()});
        RequestOutcome outcome;
        outcome.result = QJsonObject{
            {QStringLiteral("last_delivered_seq"), params.value(QStringLiteral("seq"))}};
        onOutcome(outcome);
    }
    void call(QLatin1StringView method, const QJsonObject& params, const QObject* context,
              ResultHandler onResult) override {
        send(method, params, context, [onResult](const RequestOutcome& out) {
            onResult(out.result.value_or(QJsonObject()));
        });
    }
    std::optional<UserInfo> me() const override { return kMeUser; }
    bool isOnline() const override { return true; }
    bool isReady() const override { return true; }

    QList<QStringList> sent;  // {method, conversation_id}
};

RequestFailure refusal(ErrorCode code, const QString& field = {}, qint64 retryAfterMs = -1) {
    RequestFailure failure;
    failure.kind = FailureKind::ServerError;
    failure.error.code = code;
    failure.error.field = field;
    failure.error.retryAfterMs = retryAfterMs;
    return failure;
}

}  // namespace

class TestSafetyModels : public QObject {
    Q_OBJECT

private slots:
    // The People page's list: most recently blocked first; rows that stay are kept (their
    // Unblock buttons with them) when others come and go.
    void blockedUsersFollowTheList() {
        BlockedUsersModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setUsers({kAnn, kBob});
        QCOMPARE(column(model, Qt::DisplayRole),
                 (QStringList{QStringLiteral("Ann Lee (@ann)"), QStringLiteral("Bob (@bob)")}));
        QCOMPARE(model.index(1, 0).data(BlockedUsersModel::IdRole).toString(), kBob.id);
        QCOMPARE(model.index(0, 0).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Ann Lee, blocked"));

        const QPersistentModelIndex bobRow(model.index(1, 0));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setUsers({kCleo, kBob});  // Cleo blocked, Ann unblocked
        QCOMPARE(column(model, BlockedUsersModel::UsernameRole),
                 (QStringList{QStringLiteral("cleo"), QStringLiteral("bob")}));
        QVERIFY(bobRow.isValid());
        QCOMPARE(bobRow.row(), 1);
        QCOMPARE(reset.count(), 0);

        model.setUsers({kBob, kCleo});  // Bob blocked again after an unblock elsewhere
        QCOMPARE(column(model, BlockedUsersModel::UsernameRole),
                 (QStringList{QStringLiteral("bob"), QStringLiteral("cleo")}));
        model.setUsers({});
        QCOMPARE(model.rowCount(), 0);
    }

    // Requests are listed apart: the chats never show them, the requests section shows only
    // them, and a declined request (its sender blocked) is in neither.
    void requestsAreListedApart() {
        ConversationListModel model;
        ConversationFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester modelTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMyUserId(kMe);
        QSignalSpy counted(&model, &ConversationListModel::requestCountChanged);
        Conversation ann = privateChat(kAnn, 1);
        Conversation bob = privateChat(kBob, 2);
        bob.request = true;
        Conversation cleo = privateChat(kCleo, 3);
        cleo.request = true;
        model.setConversations({ann, bob, cleo});
        QCOMPARE(model.requestCount(), 2);
        QCOMPARE(counted.last().first().toInt(), 2);
        QCOMPARE(column(filter, ConversationListModel::NameRole), QStringList{kAnn.displayName});

        filter.setShowRequests(true);
        QCOMPARE(column(filter, ConversationListModel::NameRole),
                 (QStringList{kCleo.displayName, kBob.displayName}));
        QVERIFY(filter.index(0, 0)
                    .data(Qt::AccessibleTextRole)
                    .toString()
                    .contains(QStringLiteral("chat request")));

        cleo.blocked = true;  // declined
        model.upsert(cleo);
        QCOMPARE(model.requestCount(), 1);
        QCOMPARE(column(filter, ConversationListModel::NameRole), QStringList{kBob.displayName});
        bob.request = false;  // accepted
        model.upsert(bob);
        QCOMPARE(model.requestCount(), 0);
        QCOMPARE(filter.rowCount(), 0);
        filter.setShowRequests(false);
        QCOMPARE(column(filter, ConversationListModel::NameRole),
                 (QStringList{kBob.displayName, kAnn.displayName}));
    }

    // Muted rows say so, and their unread messages stay out of the title's total.
    void mutedConversationsAreQuiet() {
        ConversationListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMyUserId(kMe);
        Conversation ann = privateChat(kAnn, 1);
        ann.muted = true;
        ann.unreadCount = 2;
        model.setConversations({ann});
        QVERIFY(model.index(0, 0).data(ConversationListModel::MutedRole).toBool());
        QCOMPARE(model.index(0, 0).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Ann Lee, 2 unread, muted"));

        ConversationStore store;
        Conversation bob = privateChat(kBob, 2);
        bob.hasReadState = true;
        bob.unreadCount = 3;
        ann.hasReadState = true;
        store.upsert(ann);
        store.upsert(bob);
        QCOMPARE(store.totalUnread(), 3);
        QVERIFY(store.edit(ann.id, [](Conversation& c) { return std::exchange(c.muted, false); }));
        QCOMPARE(store.totalUnread(), 5);
        QVERIFY(!store.edit(QStringLiteral("c_nobody"), [](Conversation&) { return true; }));
    }

    // What the store keeps: delivered markers only move forward, and a conversation object
    // without safety state (a message.new brief) keeps the flags already known.
    void storeKeepsDeliveredAndSafetyState() {
        ConversationStore store;
        Conversation ann = privateChat(kAnn, 1);
        ann.muted = true;
        ann.blocked = true;
        ann.deliveredPositions = {{kAnn.id, 4}};
        store.upsert(ann);
        QVERIFY(store.applyDeliveryReceipt(ann.id, kAnn.id, 6));
        QVERIFY(!store.applyDeliveryReceipt(ann.id, kAnn.id, 5));
        QCOMPARE(store.find(ann.id)->deliveredPositions.value(kAnn.id), 6);

        Conversation brief;
        brief.id = ann.id;
        brief.name = ann.name;
        brief.members = ann.members;
        brief.deliveredPositions = {{kAnn.id, 2}};  // older than what is known
        store.upsert(brief);
        const Conversation kept = *store.find(ann.id);
        QVERIFY(kept.muted);
        QVERIFY(kept.blocked);
        QCOMPARE(kept.deliveredPositions.value(kAnn.id), 6);

        Conversation fresh = privateChat(kAnn, 2);  // the server's word wins when it has one
        store.upsert(fresh);
        QVERIFY(!store.find(ann.id)->muted);
        QVERIFY(!store.find(ann.id)->blocked);
    }

    // My messages say "Sent", then "Delivered" once on the other person's device, then "Seen".
    void receiptsShowDelivered() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContext(kMe, /*isGroup=*/false, [](const QString&) { return QString(); });
        model.setMessages({text(1, kAnn, QStringLiteral("hi")),
                           text(2, kMeUser, QStringLiteral("hello")),
                           text(3, kMeUser, QStringLiteral("lunch?"))});
        const auto receipts = [&model] { return column(model, MessageListModel::ReceiptTextRole); };
        QCOMPARE(receipts(), (QStringList{{}, QStringLiteral("Sent"), QStringLiteral("Sent")}));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDeliveredPositions({{kAnn.id, 2}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(receipts(),
                 (QStringList{{}, QStringLiteral("Delivered"), QStringLiteral("Sent")}));
        QCOMPARE(model.index(1, 0).data(MessageListModel::ReceiptRole).toInt(),
                 int(MessageListModel::Receipt::Delivered));
        model.setDeliveredPositions({{kAnn.id, 3}});
        model.setReadPositions({{kAnn.id, 2}});
        QCOMPARE(receipts(),
                 (QStringList{{}, QStringLiteral("Seen"), QStringLiteral("Delivered")}));
        model.setDeliveredPositions({{kAnn.id, 3}});  // nothing new: no repaint
        QCOMPARE(changed.count(), 3);

        // In a group: delivered to someone, not read by anyone yet.
        model.setContext(kMe, /*isGroup=*/true, [](const QString&) { return QString(); });
        model.setReadPositions({{kAnn.id, 0}, {kBob.id, 2}});
        model.setDeliveredPositions({{kAnn.id, 3}, {kBob.id, 2}});
        QCOMPARE(receipts(),
                 (QStringList{{}, QStringLiteral("Seen by 1"), QStringLiteral("Delivered")}));
    }

    // Each refusal in one plain sentence, naming the person where the client knows them.
    // Opening a chat request I have not accepted sends its sender no delivered report; a chat
    // that is not one reports in the same batch.
    void requestsSendNoDeliveredReports() {
        ConversationStore store;
        Conversation request = privateChat(kAnn, 1);
        request.request = true;
        const Conversation chat = privateChat(kBob, 2);
        store.upsert(request);
        store.upsert(chat);
        RecordingLink link;
        ChatSafety safety(link, store);
        const auto fromPeer = [](const Conversation& c, const UserInfo& peer) {
            ChatMessage message = text(1, peer, QStringLiteral("hi"));
            message.conversationId = c.id;
            return QList<ChatMessage>{message};
        };
        safety.noteHeld(request.id, fromPeer(request, kAnn));
        safety.noteHeld(chat.id, fromPeer(chat, kBob));
        const QList<QStringList> expected{QStringList{QString(method::kMarkDelivered), chat.id}};
        QTRY_COMPARE(link.sent, expected);
    }

    void refusalsInPlainWords() {
        RefusalContext theyBlocked;
        theyBlocked.peerName = QStringLiteral("Ann");
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::Blocked), theyBlocked),
                 QStringLiteral("Ann doesn't accept messages from you."));
        RefusalContext iBlocked = theyBlocked;
        iBlocked.blockedByMe = true;
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::Blocked), iBlocked),
                 QStringLiteral("You blocked Ann. Unblock them to send messages."));
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::Blocked)),
                 QStringLiteral("This person doesn't accept messages from you."));
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::BannedWord, QStringLiteral("body"))),
                 QStringLiteral("This message contains a word this server doesn't allow."));
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::BannedWord, QStringLiteral("name"))),
                 QStringLiteral("This name contains a word this server doesn't allow."));
        RefusalContext awaiting = theyBlocked;
        awaiting.awaitsAcceptance = true;
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::LinkNotAllowed), awaiting),
                 QStringLiteral("Links can't be sent until Ann accepts your chat."));
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::LinkNotAllowed), theyBlocked),
                 QStringLiteral("This server doesn't allow links here."));
        QCOMPARE(ChatMessages::forFailure(refusal(ErrorCode::LimitReached)),
                 QStringLiteral("You have blocked as many people as you can (%1). Unblock "
                                "someone first.")
                     .arg(limits::kBlockedUsersMax));
        QCOMPARE(ChatMessages::sendingTooFast(1'200),
                 QStringLiteral("You're sending messages too fast; retrying in 2 s."));
    }
};

QTEST_GUILESS_MAIN(TestSafetyModels)
#include "tst_safety_models.moc"
