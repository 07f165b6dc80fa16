// Moving between chats without writing into the wrong one, driven like a user would on the
// offscreen platform against the real natter-server: a draft per conversation (kept across a
// restart), the filter's best match opened with Enter, the highlighted row following the open
// chat, "New chat" worked with the keyboard alone, and a refused message deleted or taken back to
// be edited. Screenshots go to $NATTER_TEST_ARTIFACTS.
#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QtTest>

#include "chat_test_support.h"
#include "core/profile.h"
#include "gui_test_support.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "ui/composer.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/message_actions.h"
#include "ui/new_chat_dialog.h"
#include "ui/people_picker.h"

using namespace natter;
using namespace natter::test;

class TestChatSwitchingGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(bob_.signUp(server_.url(), QStringLiteral("bob")));
        annName_ = registerOnPhone(server_.url(), QStringLiteral("ann"));
        QVERIFY(!annName_.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName_, /*keepToken=*/true));
        showPage();
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
    }

    // Issue 11, bug 1: what is typed in one chat stays there (shown as a draft in its row, kept
    // across a restart), and Enter in another chat sends only what was typed there.
    void draftStaysWithItsChat() {
        ChatPeer cleo;
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        const QString bobChat = acceptedChatFrom(bob_, QStringLiteral("from Bob"));
        const QString cleoChat = acceptedChatFrom(cleo, QStringLiteral("from Cleo"));
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 2, kServerWaitMs);
        QPlainTextEdit* editor = page_->conversationView()->composer()->editor();

        clickRow(bobChat);
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("half a thought"));
        clickRow(cleoChat);
        QCOMPARE(page_->conversationView()->key(), cleoChat);
        QCOMPARE(editor->toPlainText(), QString());  // the text stayed behind
        typeAndPressEnter(editor, QStringLiteral("hi Cleo"));
        QVERIFY(
            cleo.waitForBodies(cleoChat, {QStringLiteral("from Cleo"), QStringLiteral("hi Cleo")}));
        QCOMPARE(rowOf(bobChat).data(ConversationListModel::DraftRole).toString(),
                 QStringLiteral("half a thought"));
        QVERIFY(rowOf(bobChat)
                    .data(Qt::AccessibleTextRole)
                    .toString()
                    .contains(QStringLiteral("Draft: half a thought")));
        QCOMPARE(rowOf(cleoChat).data(ConversationListModel::DraftRole).toString(), QString());
        saveScreenshot(app_->mainWindow(), QStringLiteral("switching-draft-row.png"));

        clickRow(bobChat);
        QCOMPARE(editor->toPlainText(), QStringLiteral("half a thought"));

        // What is typed into a sent message being edited is not the chat's draft: an edit left by
        // switching chats gives back the draft from before it.
        clickRow(cleoChat);
        QTest::keyClicks(editor, QStringLiteral("and Dan?"));
        QVERIFY(startEditOf(QStringLiteral("hi Cleo")));
        QCOMPARE(editor->toPlainText(), QStringLiteral("hi Cleo"));
        QTest::keyClicks(editor, QStringLiteral(" again"));
        clickRow(bobChat);
        QCOMPARE(editor->toPlainText(), QStringLiteral("half a thought"));
        QCOMPARE(rowOf(cleoChat).data(ConversationListModel::DraftRole).toString(),
                 QStringLiteral("and Dan?"));
        clickRow(cleoChat);
        QVERIFY(!page_->conversationView()->messageActions()->isEditing());
        QCOMPARE(editor->toPlainText(), QStringLiteral("and Dan?"));

        // The app quits and starts again: the draft is still there.
        restartApp();
        QTRY_COMPARE(rowOf(bobChat).data(ConversationListModel::DraftRole).toString(),
                     QStringLiteral("half a thought"));
        clickRow(bobChat);
        editor = page_->conversationView()->composer()->editor();
        QCOMPARE(editor->toPlainText(), QStringLiteral("half a thought"));
        // Sending it clears the draft, for good.
        typeAndPressEnter(editor, QStringLiteral(", finished"));
        QVERIFY(bob_.waitForBodies(
            bobChat, {QStringLiteral("from Bob"), QStringLiteral("half a thought, finished")}));
        QCOMPARE(rowOf(bobChat).data(ConversationListModel::DraftRole).toString(), QString());
        restartApp();
        QCOMPARE(rowOf(bobChat).data(ConversationListModel::DraftRole).toString(), QString());
        clickRow(bobChat);
        QCOMPARE(page_->conversationView()->composer()->editor()->toPlainText(), QString());
    }

    // Issue 11, bug 2: with a group that Bob is in open, Ctrl+F "bob" and Enter open the private
    // chat with Bob (the best match, listed first), and what is typed next goes to Bob alone.
    void filterEnterOpensTheBestMatch() {
        ChatPeer cleo;
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        const QString bobChat = acceptedChatFrom(bob_, QStringLiteral("from Bob"));
        QSignalSpy created(app_->chatClient(), &ChatActions::groupCreated);
        app_->chatClient()->createGroup(QStringLiteral("Lunch crew"), {bob_.user.id, cleo.user.id},
                                        QStringLiteral("Who is in?"));
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, kServerWaitMs);
        const QString group = created.first().first().value<Conversation>().id;
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 2, kServerWaitMs);
        clickRow(group);  // the newest chat, listed first
        QCOMPARE(page_->conversationView()->key(), group);

        page_->activateWindow();
        QTest::keyClick(page_, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(QApplication::focusWidget() != nullptr &&
                    QApplication::focusWidget()->objectName() ==
                        QStringLiteral("conversationFilterEdit"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("bob"));
        QListView* list = page_->conversationList();
        QCOMPARE(list->model()->rowCount(), 2);  // Bob's chat, and the group he is in
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("just for you"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        saveScreenshot(app_->mainWindow(), QStringLiteral("switching-filter-best-match.png"));

        QVERIFY(bob_.waitForBodies(bobChat,
                                   {QStringLiteral("from Bob"), QStringLiteral("just for you")}));
        QCOMPARE(page_->conversationView()->key(), bobChat);
        QCOMPARE(list->model()->index(0, 0).data(ConversationListModel::IdRole).toString(),
                 bobChat);
        QCOMPARE(list->currentIndex().data(ConversationListModel::IdRole).toString(), bobChat);
        QVERIFY(!cleo.bodies(group).contains(QStringLiteral("just for you")));
    }

    // Issue 11, bug 3: after "New chat" with someone new, no other row stays highlighted, a click
    // on the previous chat opens it again, and the new chat's row is selected once it exists.
    void selectionFollowsTheOpenChat() {
        ChatPeer cleo;
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        const QString bobChat = acceptedChatFrom(bob_, QStringLiteral("from Bob"));
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 1, kServerWaitMs);
        clickRow(bobChat);
        QCOMPARE(page_->conversationView()->key(), bobChat);

        startChatInDialog(cleo.user);
        ConversationView* view = page_->conversationView();
        QCOMPARE(view->key(), cleo.user.id);  // no chat yet: the first message creates it
        QListView* list = page_->conversationList();
        QVERIFY(list->selectionModel()->selectedIndexes().isEmpty());
        QVERIFY(!list->currentIndex().isValid());
        saveScreenshot(app_->mainWindow(), QStringLiteral("switching-new-person.png"));

        clickRow(bobChat);
        QCOMPARE(view->key(), bobChat);
        QCOMPARE(child<QLabel>(view, QStringLiteral("conversationTitle"))->text(),
                 bob_.user.displayName);

        startChatInDialog(cleo.user);
        typeAndPressEnter(view->composer()->editor(), QStringLiteral("Hello Cleo"));
        const QString cleoChat = cleo.waitForPrivateChatWith(ann_);
        QVERIFY(!cleoChat.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(view->key(), cleoChat, kServerWaitMs);
        QTRY_COMPARE(list->currentIndex().data(ConversationListModel::IdRole).toString(), cleoChat);
        const QModelIndexList selected = list->selectionModel()->selectedIndexes();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data(ConversationListModel::IdRole).toString(), cleoChat);
    }

    // Issue 11, bug 8: Ctrl+N puts the cursor in the search field; Down goes to the results and
    // Enter starts the chat with the person chosen there.
    void newChatWithTheKeyboardAlone() {
        page_->activateWindow();
        QTest::keyClick(page_, Qt::Key_N, Qt::ControlModifier);
        QPointer<NewChatDialog> dialog = page_->findChild<NewChatDialog*>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        PeoplePicker* picker = dialog->personPicker();
        QTRY_VERIFY(picker->searchEdit()->hasFocus());
        QTest::keyClicks(QApplication::focusWidget(), bob_.user.username);
        QTRY_COMPARE_WITH_TIMEOUT(picker->results()->count(), 1, kServerWaitMs);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
        QVERIFY(picker->results()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_VERIFY(!dialog || !dialog->isVisible());

        ConversationView* view = page_->conversationView();
        QCOMPARE(view->key(), bob_.user.id);
        QCOMPARE(child<QLabel>(view, QStringLiteral("conversationTitle"))->text(),
                 bob_.user.displayName);
        // The window manager activates the main window again (offscreen, the test does).
        app_->mainWindow()->activateWindow();
        QTRY_VERIFY(view->composer()->editor()->hasFocus());
    }

    // Issue 11, bug 4: a message the server refuses offers Retry, Edit and resend, and Delete;
    // what is deleted or taken back into the composer is gone from the outbox and stays gone
    // after a restart, and only the edited text goes out.
    void refusedMessageCanBeDeletedOrEdited() {
        const QString bobChat = acceptedChatFrom(bob_, QStringLiteral("from Bob"));
        bob_.chat.blockUser(ann_);  // from now on the server refuses what Ann sends Bob
        QTRY_VERIFY_WITH_TIMEOUT(bob_.chat.isBlocked(ann_.id), kServerWaitMs);
        clickRow(bobChat);
        ConversationView* view = page_->conversationView();
        QPlainTextEdit* editor = view->composer()->editor();
        typeAndPressEnter(editor, QStringLiteral("never mind"));
        typeAndPressEnter(editor, QStringLiteral("lunch at 1?"));
        QTRY_COMPARE_WITH_TIMEOUT(
            deliveries(view),
            (QList<int>{int(Delivery::Sent), int(Delivery::Failed), int(Delivery::Failed)}),
            kServerWaitMs);
        saveScreenshot(app_->mainWindow(), QStringLiteral("switching-refused-messages.png"));

        QMenu* menu = openUnsentMenu(view, 1);
        QVERIFY(menu);
        QVERIFY(menu->findChild<QAction*>(QStringLiteral("retryAction")));
        saveScreenshot(menu, QStringLiteral("switching-refused-menu.png"));
        clickAction(menu, QStringLiteral("deleteUnsentAction"));
        QTRY_COMPARE(column(view->model(), MessageListModel::BodyRole),
                     (QStringList{QStringLiteral("from Bob"), QStringLiteral("lunch at 1?")}));

        menu = openUnsentMenu(view, 1);
        QVERIFY(menu);
        clickAction(menu, QStringLiteral("editUnsentAction"));
        QCOMPARE(column(view->model(), MessageListModel::BodyRole),
                 QStringList{QStringLiteral("from Bob")});
        QCOMPARE(editor->toPlainText(), QStringLiteral("lunch at 1?"));
        QVERIFY(editor->hasFocus());
        QCOMPARE(app_->chatClient()->messages(bobChat).size(), 1);

        // Neither comes back after a restart; the text being edited is the chat's draft.
        restartApp();
        QCOMPARE(app_->chatClient()->messages(bobChat).size(), 1);
        clickRow(bobChat);
        view = page_->conversationView();
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->composer()->editor()->toPlainText(), QStringLiteral("lunch at 1?"));

        bob_.chat.unblockUser(ann_);
        QTRY_VERIFY_WITH_TIMEOUT(!bob_.chat.isBlocked(ann_.id), kServerWaitMs);
        typeAndPressEnter(view->composer()->editor(), QStringLiteral(" or 2?"));
        QVERIFY(bob_.waitForBodies(
            bobChat, {QStringLiteral("from Bob"), QStringLiteral("lunch at 1? or 2?")}));
    }

private:
    static QList<int> deliveries(ConversationView* view) {
        QList<int> states;
        for (const QString& state : column(view->model(), MessageListModel::DeliveryRole)) {
            states << state.toInt();
        }
        return states;
    }

    static void clickAction(QMenu* menu, const QString& name) {
        auto* action = menu->findChild<QAction*>(name);
        QVERIFY(action);
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
        QTRY_VERIFY(!menu->isVisible());
    }

    // Right-clicks the message in `row`; the menu that opens, or null.
    static QMenu* openUnsentMenu(ConversationView* view, int row) {
        QWidget* viewport = view->messageView()->viewport();
        const QPoint at = view->messageView()->visualRect(view->model()->index(row, 0)).center();
        QContextMenuEvent event(QContextMenuEvent::Mouse, at, viewport->mapToGlobal(at));
        QApplication::sendEvent(viewport, &event);
        return shownChild<QMenu>(view, QStringLiteral("unsentMessageMenu"));
    }

    // Opens the menu of the open chat's message `body` (sent by Ann) and chooses Edit; whether the
    // edit started.
    [[nodiscard]] bool startEditOf(const QString& body) {
        ConversationView* view = page_->conversationView();
        const QModelIndex index = view->model()->index(
            int(column(view->model(), MessageListModel::BodyRole).indexOf(body)), 0);
        if (!QTest::qWaitFor([&] { return index.data(MessageListModel::CanEditRole).toBool(); },
                             kServerWaitMs)) {
            return false;
        }
        QListView* list = view->messageView();
        list->scrollTo(index);
        emit list->customContextMenuRequested(list->visualRect(index).center());
        auto* menu = shownChild<QMenu>(view, QStringLiteral("messageMenu"));
        QAction* edit = menu ? menu->findChild<QAction*>(QStringLiteral("editAction")) : nullptr;
        if (edit == nullptr) {
            return false;
        }
        edit->trigger();
        menu->close();
        return view->messageActions()->isEditing();
    }

    void showPage() {
        ann_ = app_->accountClient()->account()->user;
        page_ = app_->mainWindow()->conversationsPage();
        app_->mainWindow()->showConversationsPage();
    }

    // The app quits and starts again on the same profile, resuming with the kept token.
    void restartApp() {
        app_.reset();
        app_ = std::make_unique<AppController>(*profile_);
        app_->start();
        QTRY_VERIFY(app_->mainWindow() != nullptr && app_->mainWindow()->isVisible());
        showPage();
        QTRY_VERIFY_WITH_TIMEOUT(app_->chatClient()->isReady(), kServerWaitMs);
    }

    // `peer` writes to Ann first; she accepts. The conversation's id.
    QString acceptedChatFrom(ChatPeer& peer, const QString& text) {
        peer.chat.sendTextToUser(ann_, text);
        if (!acceptChatRequest(*app_->chatClient(), peer.user)) {
            return {};
        }
        return peer.waitForPrivateChatWith(ann_);
    }

    QModelIndex rowOf(const QString& conversationId) const {
        const QAbstractItemModel* model = page_->conversationList()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ConversationListModel::IdRole).toString() == conversationId) {
                return index;
            }
        }
        return {};
    }

    void clickRow(const QString& conversationId) {
        QListView* list = page_->conversationList();
        const QModelIndex index = rowOf(conversationId);
        QVERIFY(index.isValid());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
    }

    // "New chat", the person found by username and chosen with a click on "Start chat".
    void startChatInDialog(const UserInfo& person) {
        page_->openNewChatDialog();
        QPointer<NewChatDialog> dialog = page_->findChild<NewChatDialog*>();
        QVERIFY(dialog);
        PeoplePicker* picker = dialog->personPicker();
        picker->searchEdit()->setText(person.username);
        QTRY_COMPARE_WITH_TIMEOUT(picker->results()->count(), 1, kServerWaitMs);
        picker->results()->setCurrentRow(0);
        QTest::mouseClick(child<QPushButton>(dialog, QStringLiteral("startChatButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!dialog || !dialog->isVisible());
    }

    ChatPeer bob_;
    QString annName_;
    UserInfo ann_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
    ConversationsPage* page_ = nullptr;
};

QTEST_MAIN(TestChatSwitchingGui)
#include "tst_chat_switching_gui.moc"
