// ConversationListModel, ConversationFilterModel and MessageListModel, checked by
// QAbstractItemModelTester while they change the way a running chat changes them.
#include <QAbstractItemModelTester>
#include <QtTest>

#include "model_test_support.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"

using namespace natter;
using namespace natter::test;

namespace {

QDateTime at(int day, int hour, int minute = 0) {
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute)).toUTC();
}

ChatMessage text(qint64 seq, const UserInfo& sender, const QString& body, const QDateTime& when) {
    ChatMessage message = textMessage(QStringLiteral("c_group"), seq, sender, body, when);
    message.clientMessageId = QStringLiteral("cm_%1").arg(seq);
    return message;
}

ChatMessage pending(const QString& clientMessageId, const QString& body) {
    ChatMessage message = text(0, kMeUser, body, at(2, 12));
    message.id.clear();
    message.clientMessageId = clientMessageId;
    message.delivery = Delivery::Pending;
    return message;
}

Conversation conversation(const QString& id, const QString& name, const QDateTime& activity,
                          bool group, const QList<UserInfo>& members) {
    Conversation c;
    c.id = id;
    c.name = name;
    c.kind = group ? Conversation::Kind::Group : Conversation::Kind::Private;
    c.members = members;
    c.lastActivityAt = activity;
    return c;
}

QString nameOf(const QString& id) {
    for (const UserInfo& user : {kMeUser, kAnn, kBob}) {
        if (user.id == id) {
            return user.displayName;
        }
    }
    return {};
}

QStringList column(const QAbstractItemModel& model, int role) {
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        values << model.index(row, 0).data(role).toString();
    }
    return values;
}

}  // namespace

class TestChatModels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void conversationsSortByActivityAndFilter() {
        ConversationListModel model;
        QAbstractItemModelTester sourceTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ConversationFilterModel sorted;
        sorted.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(
            &sorted, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMyUserId(kMe);
        model.setNameLookup(nameOf);
        model.setConversations({conversation(QStringLiteral("c_ann"), kAnn.displayName, at(1, 9),
                                             false, {kMeUser, kAnn}),
                                conversation(QStringLiteral("c_team"), QStringLiteral("Team"),
                                             at(1, 11), true, {kMeUser, kAnn, kBob})});
        QCOMPARE(column(sorted, ConversationListModel::NameRole),
                 (QStringList{QStringLiteral("Team"), QStringLiteral("Ann Lee")}));

        // A new message in the older chat moves it to the top, with its preview.
        Conversation ann = model.conversationAt(model.rowOf(QStringLiteral("c_ann")));
        ann.lastMessage = text(4, kMeUser, QStringLiteral("see you\nlater"), at(1, 12));
        ann.lastActivityAt = at(1, 12);
        model.upsert(ann);
        QCOMPARE(column(sorted, ConversationListModel::NameRole),
                 (QStringList{QStringLiteral("Ann Lee"), QStringLiteral("Team")}));
        QCOMPARE(sorted.index(0, 0).data(ConversationListModel::PreviewRole).toString(),
                 QStringLiteral("You: see you later"));
        QCOMPARE(sorted.index(0, 0).data(ConversationListModel::InitialsRole).toString(),
                 QStringLiteral("AL"));
        // A private chat's avatar colour follows the other person, not the conversation.
        QCOMPARE(sorted.index(0, 0).data(ConversationListModel::AvatarKeyRole).toString(), kAnn.id);
        QCOMPARE(sorted.index(0, 0).data(ConversationListModel::UnreadCountRole).toInt(), 0);

        sorted.setFilterText(QStringLiteral("bob"));  // a member of Team only
        QCOMPARE(column(sorted, ConversationListModel::NameRole),
                 QStringList{QStringLiteral("Team")});
        sorted.setFilterText(QStringLiteral("  "));
        QCOMPARE(sorted.rowCount(), 2);

        model.remove(QStringLiteral("c_team"));
        QCOMPARE(column(sorted, ConversationListModel::NameRole),
                 QStringList{QStringLiteral("Ann Lee")});
    }

    void messagesKeepSeqOrderWithPendingAtTheEnd() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContext(kMe, /*isGroup=*/true, nameOf);
        model.setMessages({text(3, kAnn, QStringLiteral("three"), at(2, 9)),
                           text(4, kAnn, QStringLiteral("four"), at(2, 9, 1))});
        model.upsertOutgoing(pending(QStringLiteral("p1"), QStringLiteral("mine")));
        // Someone else's message arrives while mine is pending: it goes before mine.
        model.appendStored({text(5, kBob, QStringLiteral("five"), at(2, 10))});
        QCOMPARE(column(model, MessageListModel::BodyRole),
                 (QStringList{QStringLiteral("three"), QStringLiteral("four"),
                              QStringLiteral("five"), QStringLiteral("mine")}));
        QCOMPARE(model.index(3, 0).data(MessageListModel::DeliveryRole).toInt(),
                 int(Delivery::Pending));
        QVERIFY(model.index(3, 0).data(MessageListModel::MineRole).toBool());

        ChatMessage refused = pending(QStringLiteral("p1"), QStringLiteral("mine"));
        refused.delivery = Delivery::Failed;
        refused.failureText = QStringLiteral("nope");
        model.upsertOutgoing(refused);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(3, 0).data(MessageListModel::DeliveryRole).toInt(),
                 int(Delivery::Failed));

        // Acknowledged: the pending row becomes the stored message with its seq.
        model.removeOutgoing(QStringLiteral("p1"));
        ChatMessage stored = text(6, kMeUser, QStringLiteral("mine"), at(2, 12));
        stored.clientMessageId = QStringLiteral("p1");
        model.appendStored({stored});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(3, 0).data(MessageListModel::SeqRole).toLongLong(), 6);
        QCOMPARE(model.index(3, 0).data(MessageListModel::DeliveryRole).toInt(),
                 int(Delivery::Sent));
    }

    void olderHistoryIsPrependedWithDaysAndSenders() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy prepended(&model, &MessageListModel::olderPrepended);
        model.setContext(kMe, /*isGroup=*/true, nameOf);
        model.setMessages({text(3, kAnn, QStringLiteral("three"), at(2, 9))});
        ChatMessage created = text(1, kMeUser, {}, at(1, 8));
        created.sender.reset();
        created.type = QStringLiteral("system");
        created.meta = {{QStringLiteral("action"), QStringLiteral("group_created")},
                        {QStringLiteral("actor"), kMe},
                        {QStringLiteral("name"), QStringLiteral("Team")}};
        model.prependOlder({created, text(2, kAnn, QStringLiteral("two"), at(1, 8, 5))});
        QCOMPARE(prepended.count(), 1);
        QCOMPARE(prepended.first().first().toInt(), 2);
        QCOMPARE(column(model, MessageListModel::SeqRole),
                 (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
        QCOMPARE(model.index(0, 0).data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("You created the group \u201cTeam\u201d"));  // issue 11, bug 10
        QVERIFY(model.index(0, 0).data(MessageListModel::IsSystemRole).toBool());
        // Day separators before the first message and where the date changes.
        QVERIFY(model.index(0, 0).data(MessageListModel::DayBoundaryRole).toBool());
        QVERIFY(!model.index(1, 0).data(MessageListModel::DayBoundaryRole).toBool());
        QVERIFY(model.index(2, 0).data(MessageListModel::DayBoundaryRole).toBool());
        // Ann's name starts each of her runs in a group.
        QVERIFY(model.index(1, 0).data(MessageListModel::ShowSenderRole).toBool());
        QCOMPARE(model.index(1, 0).data(MessageListModel::SenderNameRole).toString(),
                 kAnn.displayName);
    }

    // The unread badge and presence dot of a row, and what a screen reader says of it.
    void conversationRowsCarryUnreadAndPresence() {
        ConversationListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QHash<QString, Presence> people;
        model.setMyUserId(kMe);
        model.setNameLookup(nameOf);
        model.setPresenceLookup([&people](const QString& userId) {
            Presence known = people.value(userId);
            known.userId = userId;
            return known;
        });
        Conversation ann = conversation(QStringLiteral("c_ann"), kAnn.displayName, at(1, 9), false,
                                        {kMeUser, kAnn});
        ann.unreadCount = 3;
        ann.lastMessage = text(7, kAnn, QStringLiteral("lunch?"), at(1, 9));
        model.setConversations({ann, conversation(QStringLiteral("c_team"), QStringLiteral("Team"),
                                                  at(1, 8), true, {kMeUser, kAnn, kBob})});
        const QModelIndex annRow = model.index(model.rowOf(QStringLiteral("c_ann")));
        const QModelIndex teamRow = model.index(model.rowOf(QStringLiteral("c_team")));
        QCOMPARE(annRow.data(ConversationListModel::UnreadCountRole).toInt(), 3);
        QCOMPARE(annRow.data(ConversationListModel::PresenceRole).toInt(),
                 int(Presence::Status::Unknown));
        QCOMPARE(annRow.data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Ann Lee, 3 unread: lunch?"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        people.insert(kAnn.id, {kAnn.id, Presence::Status::Online, {}});
        model.onPresenceChanged(people.value(kAnn.id));
        QCOMPARE(changed.count(), 1);  // Ann's private chat only, not the group she is in
        QCOMPARE(changed.first().first().toModelIndex(), annRow);
        QCOMPARE(annRow.data(ConversationListModel::PresenceRole).toInt(),
                 int(Presence::Status::Online));
        QCOMPARE(annRow.data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Ann Lee, 3 unread, online: lunch?"));
        // A group has no single presence.
        QCOMPARE(teamRow.data(ConversationListModel::PresenceRole).toInt(),
                 int(Presence::Status::Unknown));

        ann.unreadCount = 0;  // read on another device
        model.upsert(ann);
        QCOMPARE(annRow.data(ConversationListModel::UnreadCountRole).toInt(), 0);
        QCOMPARE(annRow.data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Ann Lee, online: lunch?"));
    }

    // "Sent" until the other person's marker reaches my message, then "Seen"; in a group,
    // "Seen by N" with the names in the tooltip.
    void receiptsFollowReadPositions() {
        MessageListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setContext(kMe, /*isGroup=*/false, nameOf);
        model.setMessages({text(1, kAnn, QStringLiteral("hi"), at(2, 9)),
                           text(2, kMeUser, QStringLiteral("hello"), at(2, 9, 1)),
                           text(3, kMeUser, QStringLiteral("how are you?"), at(2, 9, 2))});
        model.upsertOutgoing(pending(QStringLiteral("p1"), QStringLiteral("still going")));
        const auto receipts = [&model] { return column(model, MessageListModel::ReceiptTextRole); };
        QCOMPARE(receipts(), (QStringList{{}, QStringLiteral("Sent"), QStringLiteral("Sent"), {}}));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setReadPositions({{kAnn.id, 2}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(receipts(), (QStringList{{}, QStringLiteral("Seen"), QStringLiteral("Sent"), {}}));
        QCOMPARE(model.index(1, 0).data(MessageListModel::ReceiptRole).toInt(),
                 int(MessageListModel::Receipt::Seen));
        QCOMPARE(model.index(1, 0).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("Me Myself: hello (Seen)"));
        model.setReadPositions({{kAnn.id, 2}});  // nothing new: no repaint
        QCOMPARE(changed.count(), 1);

        model.setContext(kMe, /*isGroup=*/true, nameOf);
        model.setReadPositions({{kAnn.id, 3}, {kBob.id, 2}});
        QCOMPARE(receipts(),
                 (QStringList{{}, QStringLiteral("Seen by 2"), QStringLiteral("Seen by 1"), {}}));
        QCOMPARE(model.index(1, 0).data(MessageListModel::SeenByRole).toStringList(),
                 (QStringList{kAnn.displayName, kBob.displayName}));
        QCOMPARE(model.index(1, 0).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Seen by Ann Lee, Bob"));
        QVERIFY(!model.index(0, 0).data(Qt::ToolTipRole).isValid());  // not mine
    }

    void systemMessagesReadAsSentences() {
        const auto describe = [](const QJsonObject& meta) {
            ChatMessage message;
            message.type = QStringLiteral("system");
            message.meta = meta;
            return MessageText::describe(message, kMe, nameOf);
        };
        const QJsonArray annAndBob{kAnn.id, kBob.id};
        QCOMPARE(describe({{QStringLiteral("action"), QStringLiteral("members_added")},
                           {QStringLiteral("actor"), kMe},
                           {QStringLiteral("members"), annAndBob}}),
                 QStringLiteral("You added Ann Lee and Bob"));
        QCOMPARE(describe({{QStringLiteral("action"), QStringLiteral("members_added")},
                           {QStringLiteral("actor"), kBob.id},
                           {QStringLiteral("members"), QJsonArray{kMe, kAnn.id}}}),
                 QStringLiteral("Bob added you and Ann Lee"));
        QCOMPARE(describe({{QStringLiteral("action"), QStringLiteral("owner_changed")},
                           {QStringLiteral("actor"), kBob.id},
                           {QStringLiteral("members"), QJsonArray{kMe}}}),
                 QStringLiteral("You are now the group's owner"));
        QCOMPARE(describe({{QStringLiteral("action"), QStringLiteral("member_left")},
                           {QStringLiteral("actor"), QStringLiteral("u_gone")}}),
                 QStringLiteral("Someone left the group"));
        QCOMPARE(describe({{QStringLiteral("action"), QStringLiteral("renamed")},
                           {QStringLiteral("actor"), kBob.id},
                           {QStringLiteral("name"), QStringLiteral("Friends")}}),
                 QStringLiteral("Bob renamed the group to \u201c"
                                "Friends\u201d"));
        QCOMPARE(describe({{QStringLiteral("action"), QStringLiteral("renamed")},
                           {QStringLiteral("actor"), kMe},
                           {QStringLiteral("name"), QStringLiteral("Friends")}}),
                 QStringLiteral("You renamed the group to \u201cFriends\u201d"));
    }

    // Issue 11, bug 10: a group's preview names who wrote; a private chat's only says "You:".
    void groupPreviewsNameTheSender() {
        ChatMessage fromAnn = text(4, kAnn, QStringLiteral("on my way"), at(1, 9));
        QCOMPARE(MessageText::preview(fromAnn, kMe, nameOf, /*inGroup=*/true),
                 QStringLiteral("Ann Lee: on my way"));
        QCOMPARE(MessageText::preview(fromAnn, kMe, nameOf, /*inGroup=*/false),
                 QStringLiteral("on my way"));
        const ChatMessage mine = text(5, kMeUser, QStringLiteral("see you"), at(1, 9));
        QCOMPARE(MessageText::preview(mine, kMe, nameOf, /*inGroup=*/true),
                 QStringLiteral("You: see you"));
        ChatMessage renamed;
        renamed.type = QStringLiteral("system");
        renamed.meta = {{QStringLiteral("action"), QStringLiteral("renamed")},
                        {QStringLiteral("actor"), kMe},
                        {QStringLiteral("name"), QStringLiteral("Crew")}};
        QCOMPARE(MessageText::preview(renamed, kMe, nameOf, /*inGroup=*/true),
                 QStringLiteral("You renamed the group to \u201cCrew\u201d"));
    }
};

QTEST_GUILESS_MAIN(TestChatModels)
#include "tst_chat_models.moc"
