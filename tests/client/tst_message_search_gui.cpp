// Message search and the chat's ⋮ menu in the desktop app, against the real server
// (docs/protocol.md 5.3a, 5.2a): Ctrl+Shift+F opens the search in the sidebar; results name the
// chat, the sender and the time and mark the matched words in a plain-text snippet (markup in a
// message stays text); scrolling to the end loads the next page; Enter opens the chat on the
// message, highlighted; "Search in this chat" limits it; empty, no-result, rate-limited and
// offline states say so. Also: Leave group from the ⋮ menu, a tombstone without its receipt, the
// group owner deleting a member's message, and an edit refused after the server's edit window.
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QScrollBar>
#include <QToolButton>
#include <QtTest>

#include "chat_test_support.h"
#include "core/app_settings.h"
#include "core/chat_client.h"
#include "core/message_search.h"
#include "gui_test_support.h"
#include "models/message_list_model.h"
#include "ui/composer.h"
#include "ui/conversation_safety.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/main_window.h"
#include "ui/message_delegate.h"
#include "ui/search_panel.h"
#include "ui/search_results.h"

using namespace natter;
using namespace natter::test;

namespace {

const QString kMarkup = QStringLiteral("<b>Pumpkin</b> pie & <i>cream</i> for dessert");
// Code points beyond the BMP before the match: the server counts code points, QString UTF-16.
const QString kEmoji = QStringLiteral("\U0001F383\U0001F383 Pumpkin party, \u00e9clairs too");
constexpr int kGroupHits = 22;  // with the three private ones: more than one page (20)

ConversationsPage* pageOf(AppController& app) {
    return app.mainWindow()->conversationsPage();
}

ConversationView* viewOf(AppController& app) {
    return pageOf(app)->conversationView();
}

// The text of `snippet` that the highlights of `row` mark.
QStringList markedWords(const QAbstractItemModel* model, int row) {
    const QString snippet = at(model, row, SearchResultsModel::SnippetRole).toString();
    QStringList words;
    for (const QVariant& range : at(model, row, SearchResultsModel::HighlightsRole).toList()) {
        words << snippet.mid(range.toPoint().x(), range.toPoint().y());
    }
    return words;
}

QAction* optionsAction(ConversationView* view, const QString& name) {
    return view->safety()->optionsButton()->menu()->findChild<QAction*>(name);
}

// Opens the message menu of `row` as a right click does; the action named `name` in it, or null.
QAction* menuAction(ConversationView* view, int row, const QString& name) {
    QMenu* menu = openMessageMenu(view, row);
    if (menu == nullptr) {
        return nullptr;
    }
    menu->close();
    return menu->findChild<QAction*>(name);
}

QString createGroup(ChatClient& chat, const QString& name, const QStringList& members,
                    const QString& first) {
    chat.createGroup(name, members, first);
    QString id;
    (void)QTest::qWaitFor(
        [&] {
            for (const Conversation& c : chat.conversations()) {
                if (c.name == name) {
                    id = c.id;
                }
            }
            return !id.isEmpty();
        },
        kServerWaitMs);
    return id;
}

}  // namespace

class TestMessageSearchGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void cleanup() {
        ann_.reset();
        bob_.reset();
    }

    void searchFindsMarksPagesAndOpens() {
        ChatPeer bob;
        ChatPeer cleo;
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        QVERIFY(startAnn());
        ChatClient* chat = ann_->chatClient();
        chat->sendTextToUser(bob.user, QStringLiteral("Pumpkin soup tonight?"));
        QTRY_VERIFY_WITH_TIMEOUT(chat->privateConversationWith(bob.user.id), kServerWaitMs);
        const QString privateChat = *chat->privateConversationWith(bob.user.id);
        QVERIFY(acceptChatRequest(bob.chat, ann_->accountClient()->account()->user));
        bob.chat.sendText(privateChat, kEmoji);
        bob.chat.sendText(privateChat, kMarkup);
        const QString group =
            createGroup(*chat, QStringLiteral("Harbour crew"), {bob.user.id, cleo.user.id},
                        QStringLiteral("Boat trip on Saturday"));
        QVERIFY(!group.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(cleo.chat.conversation(group).has_value(), kServerWaitMs);
        for (int n = 1; n <= kGroupHits; ++n) {
            cleo.chat.sendText(group, QStringLiteral("Carving pumpkins, round %1").arg(n));
        }
        const auto holds = [chat](const QString& id, const QString& body) {
            const QList<ChatMessage> messages = chat->messages(id);
            return std::any_of(messages.cbegin(), messages.cend(),
                               [&](const ChatMessage& m) { return m.body == body; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(
            holds(group, QStringLiteral("Carving pumpkins, round %1").arg(kGroupHits)),
            kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(holds(privateChat, kMarkup), kServerWaitMs);

        // Ctrl+Shift+F: the field, focused, and a line saying what to do.
        ConversationsPage* page = pageOf(*ann_);
        page->activateWindow();
        QTest::keyClick(page, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        SearchPanel* panel = page->searchPanel();
        QTRY_VERIFY(panel->isVisible());
        QVERIFY(!page->conversationList()->isVisible());
        QCOMPARE(QApplication::focusWidget(), panel->field());
        QCOMPARE(panel->status()->text(),
                 QStringLiteral("Type to search the messages of all your chats."));

        // Nothing found: said so.
        QTest::keyClicks(panel->field(), QStringLiteral("zucchini"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->search()->hasAnswer(), kServerWaitMs);
        QCOMPARE(panel->status()->text(), QStringLiteral("No messages with \u201czucchini\u201d."));

        // Found: newest first, named, marked; the markup is text.
        panel->field()->clear();
        QTest::keyClicks(panel->field(), QStringLiteral("pump"));
        QAbstractItemModel* results = panel->results()->model();
        QTRY_VERIFY_WITH_TIMEOUT(results->rowCount() >= 20, kServerWaitMs);
        QVERIFY(panel->status()->isHidden());
        QCOMPARE(at(results, 0, SearchResultsModel::ConversationNameRole).toString(),
                 QStringLiteral("Harbour crew"));
        QCOMPARE(at(results, 0, SearchResultsModel::SenderNameRole).toString(),
                 cleo.user.displayName);
        QCOMPARE(markedWords(results, 0), QStringList{QStringLiteral("pumpkins")});  // whole words

        // Scrolling to the end brings the rest (the server's cursor).
        panel->results()->verticalScrollBar()->setValue(
            panel->results()->verticalScrollBar()->maximum());
        QTRY_COMPARE_WITH_TIMEOUT(results->rowCount(), kGroupHits + 3, kServerWaitMs);
        QVERIFY(!panel->search()->hasMore());
        // The markup is the snippet's text, as it was sent.
        const int markup = rowWhere(results, SearchResultsModel::SnippetRole, kMarkup);
        QCOMPARE(at(results, markup, SearchResultsModel::SenderNameRole).toString(),
                 bob.user.displayName);
        QCOMPARE(markedWords(results, rowWhere(results, SearchResultsModel::SnippetRole, kEmoji)),
                 QStringList{QStringLiteral("Pumpkin")});
        QCOMPARE(markedWords(results, markup), QStringList{QStringLiteral("Pumpkin")});
        QCOMPARE(at(results,
                    rowWhere(results, SearchResultsModel::SenderNameRole, QStringLiteral("You")),
                    SearchResultsModel::ConversationNameRole)
                     .toString(),
                 bob.user.displayName);
        panel->results()->scrollToTop();
        shoot(QStringLiteral("search-results"));

        // Enter on a result opens its chat on the message, highlighted.
        panel->results()->setFocus();
        panel->results()->setCurrentIndex(results->index(markup, 0));
        QTest::keyClick(panel->results(), Qt::Key_Return);
        QTRY_COMPARE(viewOf(*ann_)->key(), privateChat);
        MessageListModel* rows = viewOf(*ann_)->model();
        QTRY_VERIFY(at(rows, rowWhere(rows, MessageListModel::BodyRole, kMarkup),
                       MessageListModel::HighlightedRole)
                        .toBool());
        shoot(QStringLiteral("search-opened"));

        // "Search in this chat" in the group's ⋮ menu: only its messages.
        page->openConversation(group);
        QTRY_COMPARE(viewOf(*ann_)->key(), group);
        QVERIFY(optionsAction(viewOf(*ann_), QStringLiteral("searchInChatAction"))->isVisible());
        optionsAction(viewOf(*ann_), QStringLiteral("searchInChatAction"))->trigger();
        QCOMPARE(panel->search()->conversationId(), group);
        QVERIFY(child<QLabel>(panel, QStringLiteral("searchScopeLabel"))->isVisible());
        panel->field()->setText(QStringLiteral("round 7"));
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->search()->query() == QStringLiteral("round 7") && !panel->search()->isLoading(),
            kServerWaitMs);
        QVERIFY2(results->rowCount() == 1, qPrintable(panel->status()->text()));
        QCOMPARE(markedWords(results, 0),
                 (QStringList{QStringLiteral("round"), QStringLiteral("7")}));

        // Searching too often: the server's refusal in the usual words.
        for (int n = 0; n < 8 && panel->search()->errorText().isEmpty(); ++n) {
            panel->search()->search(QStringLiteral("boat %1").arg(n), group);
            QTRY_VERIFY_WITH_TIMEOUT(!panel->search()->isLoading(), kServerWaitMs);
        }
        QVERIFY2(panel->status()->text().startsWith(
                     QStringLiteral("You searched your messages too often.")),
                 qPrintable(panel->status()->text()));

        // Esc goes back to the chats.
        QTest::keyClick(panel->field(), Qt::Key_Escape);
        QVERIFY(!panel->isVisible());
        QVERIFY(page->conversationList()->isVisible());
    }

    // Leave group in the ⋮ menu (groups only), confirmed; the server hands the group on.
    void leaveGroupFromTheMenu() {
        ChatPeer bob;
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(startAnn());
        const QString group = createGroup(*ann_->chatClient(), QStringLiteral("Choir"),
                                          {bob.user.id}, QStringLiteral("Practice at six"));
        QVERIFY(!group.isEmpty());
        pageOf(*ann_)->openConversation(group);
        QAction* leave = optionsAction(viewOf(*ann_), QStringLiteral("leaveGroupAction"));
        QVERIFY(leave->isVisible());
        leave->trigger();
        QVERIFY(answerQuestion(ann_->mainWindow(), QStringLiteral("leaveGroupConfirmDialog"),
                               QStringLiteral("confirmLeaveButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!ann_->chatClient()->conversation(group), kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.conversation(group)->ownerId, bob.user.id,
                                  kServerWaitMs);

        // Not in a private chat.
        ann_->chatClient()->sendTextToUser(bob.user, QStringLiteral("Still friends?"));
        QTRY_VERIFY_WITH_TIMEOUT(ann_->chatClient()->privateConversationWith(bob.user.id),
                                 kServerWaitMs);
        pageOf(*ann_)->openConversation(*ann_->chatClient()->privateConversationWith(bob.user.id));
        QVERIFY(!optionsAction(viewOf(*ann_), QStringLiteral("leaveGroupAction"))->isVisible());
    }

    // The owner deletes a member's message: the member sees the tombstone; a member cannot delete
    // others' messages. My deleted message keeps no receipt.
    void ownerDeletesAndTombstonesShowNoReceipt() {
        const QString bobName = registerOnPhone(server_.url(), QStringLiteral("bob"));
        QVERIFY(startAnn());
        bobProfile_ = std::make_unique<Profile>(uniqueUsername(QStringLiteral("profile")));
        bob_ = std::make_unique<AppController>(*bobProfile_);
        QVERIFY(signInThroughWindow(*bob_, server_.url(), bobName));
        const UserInfo bob = bob_->accountClient()->account()->user;
        const QString group = createGroup(*ann_->chatClient(), QStringLiteral("Allotment"),
                                          {bob.id}, QStringLiteral("Seeds are in"));
        QVERIFY(!group.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(bob_->chatClient()->conversation(group), kServerWaitMs);
        pageOf(*ann_)->openConversation(group);
        pageOf(*bob_)->openConversation(group);
        const QString bobsText = QStringLiteral("Buy cheap fertiliser here!");
        bob_->chatClient()->sendText(group, bobsText);
        MessageListModel* annRows = viewOf(*ann_)->model();
        MessageListModel* bobRows = viewOf(*bob_)->model();
        QTRY_VERIFY_WITH_TIMEOUT(rowWhere(annRows, MessageListModel::BodyRole, bobsText) >= 0,
                                 kServerWaitMs);
        const qint64 seq = at(annRows, rowWhere(annRows, MessageListModel::BodyRole, bobsText),
                              MessageListModel::SeqRole)
                               .toLongLong();

        // Bob has no "Delete for everyone" on Ann's message (only on his own).
        const int annsOnBob =
            rowWhere(bobRows, MessageListModel::BodyRole, QStringLiteral("Seeds are in"));
        QVERIFY(menuAction(viewOf(*bob_), annsOnBob, QStringLiteral("replyAction")) != nullptr);
        QVERIFY(menuAction(viewOf(*bob_), annsOnBob, QStringLiteral("deleteForEveryoneAction")) ==
                nullptr);

        // Ann, the owner, deletes Bob's message; Bob sees the tombstone.
        const int target = rowWhere(annRows, MessageListModel::SeqRole, seq);
        QAction* remove =
            menuAction(viewOf(*ann_), target, QStringLiteral("deleteForEveryoneAction"));
        QVERIFY(remove != nullptr);
        remove->trigger();
        QVERIFY(answerQuestion(ann_->mainWindow(), QStringLiteral("deleteMessageDialog"),
                               QStringLiteral("confirmDeleteButton")));
        const auto bobsRow = [&] { return rowWhere(bobRows, MessageListModel::SeqRole, seq); };
        QTRY_VERIFY_WITH_TIMEOUT(at(bobRows, bobsRow(), MessageListModel::DeletedRole).toBool(),
                                 kServerWaitMs);
        QCOMPARE(at(bobRows, bobsRow(), MessageListModel::BodyRole).toString(),
                 QStringLiteral("Message deleted"));

        // Ann's own message, seen by Bob, then deleted: the tombstone shows no "Seen".
        const auto* delegate =
            qobject_cast<MessageDelegate*>(viewOf(*ann_)->messageView()->itemDelegate());
        const auto annsRow = [&] {
            return rowWhere(annRows, MessageListModel::BodyRole, QStringLiteral("Seeds are in"));
        };
        bob_->mainWindow()->activateWindow();
        QTRY_VERIFY_WITH_TIMEOUT(
            delegate->metaText(annRows->index(annsRow(), 0)).contains(QStringLiteral("Seen")),
            kServerWaitMs);
        const qint64 annsSeq = at(annRows, annsRow(), MessageListModel::SeqRole).toLongLong();
        QAction* own =
            menuAction(viewOf(*ann_), annsRow(), QStringLiteral("deleteForEveryoneAction"));
        QVERIFY(own != nullptr);
        own->trigger();
        QVERIFY(answerQuestion(ann_->mainWindow(), QStringLiteral("deleteMessageDialog"),
                               QStringLiteral("confirmDeleteButton")));
        const int tombstone = rowWhere(annRows, MessageListModel::SeqRole, annsSeq);
        QTRY_VERIFY_WITH_TIMEOUT(at(annRows, tombstone, MessageListModel::DeletedRole).toBool(),
                                 kServerWaitMs);
        QCOMPARE(at(annRows, tombstone, MessageListModel::ReceiptTextRole).toString(), QString());
        const QString meta = delegate->metaText(annRows->index(tombstone, 0));
        QVERIFY2(!meta.contains(QStringLiteral("Seen")) && !meta.contains(QStringLiteral("Sent")),
                 qPrintable(meta));
    }

    // A server with a 2 s edit window: an edit after it is refused, in plain words, and the text
    // stays. Then the server goes: searching says it needs a connection.
    void editWindowCutOffAndOfflineSearch() {
        ServerProcess server({QStringLiteral("--edit-window"), QStringLiteral("2")});
        QVERIFY(startGuiTestServer(server));
        ChatPeer bob;
        QVERIFY(bob.signUp(server.url(), QStringLiteral("bob")));
        QVERIFY(startAnn(server.url()));
        const QString text = QStringLiteral("See you at 8");
        ann_->chatClient()->sendTextToUser(bob.user, text);
        QTRY_VERIFY_WITH_TIMEOUT(ann_->chatClient()->privateConversationWith(bob.user.id),
                                 kServerWaitMs);
        const QString chat = *ann_->chatClient()->privateConversationWith(bob.user.id);
        pageOf(*ann_)->openConversation(chat);
        MessageListModel* rows = viewOf(*ann_)->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            at(rows, rowWhere(rows, MessageListModel::BodyRole, text), MessageListModel::SeqRole)
                    .toLongLong() > 0,
            kServerWaitMs);
        QTest::qWait(2'500);  // the window passes

        QPlainTextEdit* editor = viewOf(*ann_)->composer()->editor();
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Up);  // edit my last message
        QCOMPARE(editor->toPlainText(), text);
        editor->selectAll();
        typeAndPressEnter(editor, QStringLiteral("See you at 9"));
        auto* error = child<QLabel>(viewOf(*ann_)->composer(), QStringLiteral("composerError"));
        QVERIFY(error != nullptr);
        QTRY_COMPARE_WITH_TIMEOUT(
            error->text(),
            QStringLiteral("This message can no longer be edited: the time for changing it has "
                           "passed."),
            kServerWaitMs);
        QVERIFY(rowWhere(rows, MessageListModel::BodyRole, text) >= 0);
        QVERIFY(bob.waitForBodies(chat, {text}));

        // Offline: the search says it needs the server.
        QCOMPARE(server.stop(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!ann_->chatClient()->isReady(), kServerWaitMs);
        pageOf(*ann_)->showSearch();
        SearchPanel* panel = pageOf(*ann_)->searchPanel();
        panel->field()->setText(QStringLiteral("see"));
        QTRY_COMPARE_WITH_TIMEOUT(
            panel->status()->text(),
            QStringLiteral(
                "Searching needs a connection to the server. Try again once you are online."),
            kServerWaitMs);
        ann_.reset();
    }

private:
    [[nodiscard]] bool startAnn(const QUrl& server = {}) {
        const QUrl url = server.isEmpty() ? server_.url() : server;
        const QString name = registerOnPhone(url, QStringLiteral("ann"));
        annProfile_ = std::make_unique<Profile>(uniqueUsername(QStringLiteral("profile")));
        ann_ = std::make_unique<AppController>(*annProfile_);
        return !name.isEmpty() && signInThroughWindow(*ann_, url, name);
    }

    // Ann's window in the light and the dark theme.
    void shoot(const QString& name) {
        for (const auto theme : {AppSettings::Theme::Light, AppSettings::Theme::Dark}) {
            ann_->appSettings()->setTheme(theme);
            saveScreenshot(ann_->mainWindow(), name + (theme == AppSettings::Theme::Dark
                                                           ? QStringLiteral("-dark.png")
                                                           : QStringLiteral("-light.png")));
        }
        ann_->appSettings()->setTheme(AppSettings::Theme::Light);
    }

    std::unique_ptr<Profile> annProfile_;
    std::unique_ptr<Profile> bobProfile_;
    std::unique_ptr<AppController> ann_;
    std::unique_ptr<AppController> bob_;
};

QTEST_MAIN(TestMessageSearchGui)
#include "tst_message_search_gui.moc"
