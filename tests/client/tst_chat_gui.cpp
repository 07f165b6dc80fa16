// The chat screens driven like a user would, on the offscreen platform against the real
// natter-server: read and answer a message, start a private chat from "New chat", create a
// group, and the composer's keys and length limit. Screenshots go to $NATTER_TEST_ARTIFACTS.
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

#include "chat_test_support.h"
#include "core/profile.h"
#include "core/translations.h"
#include "gui_test_support.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "protocol_limits.h"
#include "server_process.h"
#include "ui/app_controller.h"
#include "ui/composer.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/main_window.h"
#include "ui/new_chat_dialog.h"
#include "ui/sign_in_window.h"

using namespace natter;
using namespace natter::test;

class TestChatGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(bob_.signUp(server_.url(), QStringLiteral("bob")));
        const QString annName = registerOnPhone(server_.url(), QStringLiteral("ann"));
        QVERIFY(!annName.isEmpty());
        startApp(annName);
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
    }

    void readAndAnswerAMessage() {
        bob_.chat.sendTextToUser(ann_, QStringLiteral("Hi Ann! Lunch today?"));
        QVERIFY(acceptChatRequest(*app_->chatClient(), bob_.user));
        QListView* list = page_->conversationList();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, kServerWaitMs);
        QCOMPARE(list->model()->index(0, 0).data().toString(), bob_.user.displayName);
        QTRY_COMPARE(list->model()->index(0, 0).data(ConversationListModel::PreviewRole).toString(),
                     QStringLiteral("Hi Ann! Lunch today?"));

        // Keyboard: into the list, the first conversation opens, Enter goes to the composer.
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        ConversationView* view = page_->conversationView();
        QTRY_VERIFY(view->isVisible());
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QCOMPARE(child<QLabel>(view, QStringLiteral("conversationTitle"))->text(),
                 bob_.user.displayName);
        QTest::keyClick(list, Qt::Key_Return);
        QPlainTextEdit* editor = view->composer()->editor();
        QTRY_VERIFY(editor->hasFocus());

        typeAndPressEnter(editor, QStringLiteral("Sure, at noon."));
        QVERIFY(editor->toPlainText().isEmpty());
        QTRY_COMPARE(view->model()->rowCount(), 2);
        const QModelIndex mine = view->model()->index(1, 0);
        QVERIFY(mine.data(MessageListModel::MineRole).toBool());
        QCOMPARE(mine.data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("Sure, at noon."));
        const QString id = page_->conversationView()->key();
        QVERIFY(bob_.waitForBodies(
            id, {QStringLiteral("Hi Ann! Lunch today?"), QStringLiteral("Sure, at noon.")}));
        QTRY_COMPARE(view->model()->index(1, 0).data(MessageListModel::DeliveryRole).toInt(),
                     int(Delivery::Sent));
        // The bubble is painted inside the view, right-aligned for my own message.
        const QRect bubbleRow = view->messageView()->visualRect(view->model()->index(1, 0));
        QVERIFY(bubbleRow.height() > view->fontMetrics().height());
        QVERIFY(view->messageView()->viewport()->rect().contains(bubbleRow));

        bob_.chat.sendText(id, QStringLiteral("A longer reply that has to wrap over more than one "
                                              "line in the bubble, so we can see that wrapping "
                                              "works and nothing is clipped."));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kServerWaitMs);
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-conversation.png"));
    }

    // Filtering and moving around with the keyboard only.
    void filterAndKeyboardNavigation() {
        ChatPeer cleo;
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        bob_.chat.sendTextToUser(ann_, QStringLiteral("from Bob"));
        cleo.chat.sendTextToUser(ann_, QStringLiteral("from Cleo"));
        QVERIFY(acceptChatRequest(*app_->chatClient(), bob_.user));
        QVERIFY(acceptChatRequest(*app_->chatClient(), cleo.user));
        QListView* list = page_->conversationList();
        QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 2, kServerWaitMs);

        page_->activateWindow();
        QTest::keyClick(page_, Qt::Key_F, Qt::ControlModifier);
        auto* filter = child<QLineEdit>(page_, QStringLiteral("conversationFilterEdit"));
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, cleo.user.username.left(8));
        QCOMPARE(list->model()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Down);
        QVERIFY(list->hasFocus());
        QCOMPARE(list->currentIndex().data().toString(), cleo.user.displayName);
        QTRY_COMPARE(
            child<QLabel>(page_->conversationView(), QStringLiteral("conversationTitle"))->text(),
            cleo.user.displayName);
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_VERIFY(page_->conversationView()->composer()->editor()->hasFocus());
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-filtered.png"));

        QTest::keyClick(page_->conversationView()->composer()->editor(), Qt::Key_N,
                        Qt::ControlModifier);
        QTRY_VERIFY(page_->findChild<NewChatDialog*>() != nullptr);
        page_->findChild<NewChatDialog*>()->reject();
    }

    void startPrivateChatFromNewChat() {
        QTest::mouseClick(child<QPushButton>(page_, QStringLiteral("newChatButton")),
                          Qt::LeftButton);
        QPointer<NewChatDialog> dialog = page_->findChild<NewChatDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QWidget* personPage = child<QTabWidget>(dialog, QStringLiteral("newChatTabs"))->widget(0);
        QLineEdit* search = child<QLineEdit>(personPage, QStringLiteral("peopleSearchEdit"));
        QTest::keyClicks(search, bob_.user.username.left(10));
        QListWidget* results = child<QListWidget>(personPage, QStringLiteral("peopleList"));
        QTRY_COMPARE_WITH_TIMEOUT(results->count(), 1, kServerWaitMs);
        QVERIFY(results->item(0)->text().contains(bob_.user.displayName));
        saveScreenshot(dialog, QStringLiteral("chat-new-chat-dialog.png"));
        QTest::mouseClick(results->viewport(), Qt::LeftButton, {},
                          results->visualItemRect(results->item(0)).center());
        QPushButton* start = child<QPushButton>(dialog, QStringLiteral("startChatButton"));
        QTRY_VERIFY(start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(!dialog || !dialog->isVisible());  // closed (and deleted)

        ConversationView* view = page_->conversationView();
        QCOMPARE(child<QLabel>(view, QStringLiteral("conversationTitle"))->text(),
                 bob_.user.displayName);
        QCOMPARE(view->key(), bob_.user.id);  // no chat yet: the first message creates it
        typeAndPressEnter(view->composer()->editor(), QStringLiteral("Hello Bob"));
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 1, kServerWaitMs);
        QTRY_VERIFY(view->key().startsWith(QStringLiteral("c_")));
        QCOMPARE(view->model()->rowCount(), 1);
        QVERIFY(bob_.waitForBodies(view->key(), {QStringLiteral("Hello Bob")}));
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-private-started.png"));
    }

    void createGroupFromNewChat() {
        ChatPeer cleo;
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        page_->openNewChatDialog();
        QPointer<NewChatDialog> dialog = page_->findChild<NewChatDialog*>();
        QVERIFY(dialog);
        auto* tabs = child<QTabWidget>(dialog, QStringLiteral("newChatTabs"));
        tabs->setCurrentIndex(1);
        QWidget* groupPage = tabs->currentWidget();
        QTest::keyClicks(child<QLineEdit>(groupPage, QStringLiteral("groupNameEdit")),
                         QStringLiteral("Lunch crew"));
        QTest::keyClicks(child<QLineEdit>(groupPage, QStringLiteral("firstMessageEdit")),
                         QStringLiteral("Who is in?"));
        for (const UserInfo& member : {bob_.user, cleo.user}) {
            QLineEdit* search = child<QLineEdit>(groupPage, QStringLiteral("peopleSearchEdit"));
            search->clear();
            QTest::keyClicks(search, member.username);
            QListWidget* results = child<QListWidget>(groupPage, QStringLiteral("peopleList"));
            QTRY_VERIFY_WITH_TIMEOUT(
                results->count() == 1 && results->item(0)->text().contains(member.username),
                kServerWaitMs);
            results->item(0)->setCheckState(Qt::Checked);  // what a click on the box does
        }
        saveScreenshot(dialog, QStringLiteral("chat-new-group-dialog.png"));
        QPushButton* create = child<QPushButton>(groupPage, QStringLiteral("createGroupButton"));
        QVERIFY(create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog || !dialog->isVisible(), kServerWaitMs);

        ConversationView* view = page_->conversationView();
        QCOMPARE(child<QLabel>(view, QStringLiteral("conversationTitle"))->text(),
                 QStringLiteral("Lunch crew"));
        const QString id = view->key();
        QVERIFY(cleo.waitForBodies(id, {QStringLiteral("Who is in?")}));
        cleo.chat.sendText(id, QStringLiteral("Me!"));
        QTRY_VERIFY_WITH_TIMEOUT(
            column(view->model(), MessageListModel::BodyRole).contains(QStringLiteral("Me!")),
            kServerWaitMs);
        // In a group, other people's messages are named, in the chat and in its list row.
        const int last = view->model()->rowCount() - 1;
        QVERIFY(view->model()->index(last, 0).data(MessageListModel::ShowSenderRole).toBool());
        QCOMPARE(view->model()->index(0, 0).data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("You created the group \u201cLunch crew\u201d"));
        const QModelIndex row = page_->conversationList()->model()->index(0, 0);
        QTRY_COMPARE(row.data(ConversationListModel::PreviewRole).toString(),
                     cleo.user.displayName + QStringLiteral(": Me!"));
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-group.png"));

        QTest::mouseClick(child<QPushButton>(view, QStringLiteral("groupDetailsButton")),
                          Qt::LeftButton);
        QDialog* details = page_->findChild<QDialog*>(QStringLiteral("groupDetailsDialog"));
        QVERIFY(details);
        QTRY_COMPARE(child<QListWidget>(details, QStringLiteral("membersList"))->count(), 3);
        saveScreenshot(details, QStringLiteral("chat-group-details.png"));
        // The owner renames the group; everyone sees the new name and a note about it.
        auto* rename = child<QLineEdit>(details, QStringLiteral("renameEdit"));
        rename->clear();
        QTest::keyClicks(rename, QStringLiteral("Lunch club"));
        QTest::mouseClick(child<QPushButton>(details, QStringLiteral("renameButton")),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(view, QStringLiteral("conversationTitle"))->text(),
                                  QStringLiteral("Lunch club"), kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            column(view->model(), MessageListModel::BodyRole)
                .contains(QStringLiteral("You renamed the group to \u201cLunch club\u201d")),
            kServerWaitMs);
        QTRY_COMPARE(page_->conversationList()
                         ->model()
                         ->index(0, 0)
                         .data(ConversationListModel::PreviewRole)
                         .toString(),
                     QStringLiteral("You renamed the group to \u201cLunch club\u201d"));
        QTRY_COMPARE_WITH_TIMEOUT(cleo.chat.conversation(id)->name, QStringLiteral("Lunch club"),
                                  kServerWaitMs);
        details->close();
    }

    // Issue 11, bug 10: removing a member asks first; confirmed, the member is gone.
    void removingAMemberAsksFirst() {
        ChatPeer cleo;
        QString id;
        QDialog* details = newGroupDetails(cleo, id);
        QVERIFY(details);
        auto* members = child<QListWidget>(details, QStringLiteral("membersList"));
        QTRY_COMPARE(members->count(), 3);
        const QList<QListWidgetItem*> bobRows =
            members->findItems(bob_.user.displayName, Qt::MatchStartsWith);
        QCOMPARE(bobRows.size(), 1);
        members->setCurrentItem(bobRows.first());
        QTest::mouseClick(child<QPushButton>(details, QStringLiteral("removeMemberButton")),
                          Qt::LeftButton);
        QVERIFY(answerQuestion(details, QStringLiteral("removeMemberConfirmDialog"),
                               QStringLiteral("confirmRemoveButton")));
        QTRY_COMPARE_WITH_TIMEOUT(members->count(), 2, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(app_->chatClient()->conversation(id)->members.size(), 2,
                                  kServerWaitMs);
        details->close();
    }

    // Leaving a group asks first, like the other actions that cannot be undone: Cancel keeps Ann
    // in the group; confirmed, she is out and the group is gone from her list.
    void leavingAGroupAsksFirst() {
        ChatPeer cleo;
        QString id;
        QDialog* details = newGroupDetails(cleo, id);
        QVERIFY(details);
        auto* leave = child<QPushButton>(details, QStringLiteral("leaveGroupButton"));
        QTest::mouseClick(leave, Qt::LeftButton);
        QVERIFY(answerQuestion(details, QStringLiteral("leaveGroupConfirmDialog"),
                               QStringLiteral("cancelButton")));
        QVERIFY(details->isVisible());
        QCOMPARE(app_->chatClient()->conversation(id)->members.size(), 3);
        QTest::mouseClick(leave, Qt::LeftButton);
        QVERIFY(answerQuestion(details, QStringLiteral("leaveGroupConfirmDialog"),
                               QStringLiteral("confirmLeaveButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!app_->chatClient()->conversation(id), kServerWaitMs);
        QVERIFY(!column(page_->conversationList()->model(), ConversationListModel::IdRole)
                     .contains(id));
        QTRY_COMPARE_WITH_TIMEOUT(cleo.chat.conversation(id)->members.size(), 2, kServerWaitMs);
    }

    // Issue 11, bug 10: being offline shows whatever page is open.
    void offlineBannerShowsOnEveryPage() {
        app_->accountClient()->connection()->close();  // as if the network dropped
        auto* state = child<QLabel>(app_->mainWindow(), QStringLiteral("connectionStateLabel"));
        QTRY_VERIFY(state->isVisible() && state->text().startsWith(QStringLiteral("Offline.")));
        for (auto show : {&MainWindow::showDevicesPage, &MainWindow::showPeoplePage}) {
            (app_->mainWindow()->*show)();
            QVERIFY(state->isVisible());
            QVERIFY(child<QPushButton>(app_->mainWindow(), QStringLiteral("reconnectNowButton"))
                        ->isVisible());
        }
        saveScreenshot(app_->mainWindow(), QStringLiteral("offline-people-page.png"));
    }

    // Cut off: the state is shown, what I write waits as pending, and goes out once the client
    // has reconnected by itself.
    void offlineMessageIsPendingThenSent() {
        bob_.chat.sendTextToUser(ann_, QStringLiteral("are you online?"));
        QVERIFY(acceptChatRequest(*app_->chatClient(), bob_.user));
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 1, kServerWaitMs);
        page_->conversationList()->setCurrentIndex(page_->conversationList()->model()->index(0, 0));
        ConversationView* view = page_->conversationView();
        QTRY_COMPARE(view->model()->rowCount(), 1);

        app_->accountClient()->connection()->close();  // as if the network dropped
        auto* state = child<QLabel>(app_->mainWindow(), QStringLiteral("connectionStateLabel"));
        QTRY_VERIFY(state->isVisible() && state->text().startsWith(QStringLiteral("Offline.")));
        QVERIFY(child<QPushButton>(app_->mainWindow(), QStringLiteral("reconnectNowButton"))
                    ->isVisible());
        typeAndPressEnter(view->composer()->editor(), QStringLiteral("I was offline"));
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE(view->model()->index(1, 0).data(MessageListModel::DeliveryRole).toInt(),
                 int(Delivery::Pending));
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-offline-pending.png"));

        QTRY_COMPARE_WITH_TIMEOUT(
            view->model()->index(1, 0).data(MessageListModel::DeliveryRole).toInt(),
            int(Delivery::Sent), kServerWaitMs);
        QTRY_VERIFY(!state->isVisible());
        QVERIFY(bob_.waitForBodies(
            view->key(), {QStringLiteral("are you online?"), QStringLiteral("I was offline")}));
    }

    // A conversation opened on a fresh device shows the newest page, and scrolling to the top
    // brings the older messages in front without moving what is on screen.
    void olderHistoryLoadsWhenScrolledToTheTop() {
        QStringList sent;
        for (int batch = 0; batch < 2; ++batch) {  // two bursts, within the server's rate limit
            for (int i = 0; i < 30; ++i) {
                sent << QStringLiteral("note %1").arg(sent.size() + 1);
                bob_.chat.sendTextToUser(ann_, sent.last());
            }
            const QString id = bob_.waitForPrivateChatWith(ann_);
            QTRY_VERIFY_WITH_TIMEOUT(bob_.chat.messages(id).last().delivery == Delivery::Sent,
                                     kServerWaitMs);
            QTest::qWait(1600);
        }
        QVERIFY(acceptChatRequest(*app_->chatClient(), bob_.user));
        startApp(ann_.username);  // a new device: only the conversation list so far
        page_->conversationList()->setCurrentIndex(page_->conversationList()->model()->index(0, 0));
        ConversationView* view = page_->conversationView();
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 50, kServerWaitMs);
        QCOMPARE(view->model()->index(49, 0).data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("note 60"));
        QScrollBar* bar = view->messageView()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());  // newest in view
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-history-newest.png"));

        bar->setValue(bar->minimum());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 60, kServerWaitMs);
        QCOMPARE(view->model()->index(0, 0).data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("note 1"));
        // What was at the top ("note 11") is still where the user looked.
        const QModelIndex previousTop = view->model()->index(10, 0);
        QTRY_VERIFY(bar->value() > 0);
        QVERIFY(view->messageView()->visualRect(previousTop).top() >= -4);
        QVERIFY(view->messageView()->visualRect(previousTop).top() <
                view->messageView()->viewport()->height() / 2);
    }

    // Sending faster than the server allows is no refusal: the messages wait their turn and are
    // all stored, in order. A real refusal (Bob blocked Ann) says why in plain words, and a
    // click sends the message again once it can go.
    void refusedMessageShowsWhyAndRetriesOnClick() {
        bob_.chat.sendTextToUser(ann_, QStringLiteral("send me a lot"));
        QVERIFY(acceptChatRequest(*app_->chatClient(), bob_.user));
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 1, kServerWaitMs);
        page_->conversationList()->setCurrentIndex(page_->conversationList()->model()->index(0, 0));
        ConversationView* view = page_->conversationView();
        const QString id = view->key();
        QStringList flood;
        for (int i = 1; i <= 80; ++i) {  // beyond the connection's request budget (40 at once)
            flood << QStringLiteral("flood %1").arg(i);
            app_->chatClient()->sendText(id, flood.last());
        }
        const auto deliveries = [view] {
            return column(view->model(), MessageListModel::DeliveryRole);
        };
        QTRY_VERIFY_WITH_TIMEOUT(!deliveries().contains(QString::number(int(Delivery::Pending))),
                                 kServerWaitMs);
        QVERIFY(!deliveries().contains(QString::number(int(Delivery::Failed))));
        QCOMPARE(column(view->model(), MessageListModel::BodyRole).mid(1), flood);

        bob_.chat.blockUser(ann_);
        QTRY_VERIFY_WITH_TIMEOUT(bob_.chat.isBlocked(ann_.id), kServerWaitMs);
        const QString refused = app_->chatClient()->sendText(id, QStringLiteral("hello?"));
        const int row = int(flood.size()) + 1;
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->index(row, 0).data(MessageListModel::DeliveryRole),
                                  QVariant(int(Delivery::Failed)), kServerWaitMs);
        QCOMPARE(view->model()->index(row, 0).data(MessageListModel::ClientMessageIdRole),
                 QVariant(refused));
        QVERIFY(!view->model()
                     ->index(row, 0)
                     .data(MessageListModel::FailureTextRole)
                     .toString()
                     .isEmpty());
        view->messageView()->scrollTo(view->model()->index(row, 0));
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-refused.png"));

        bob_.chat.unblockUser(ann_);
        QTRY_VERIFY_WITH_TIMEOUT(!bob_.chat.isBlocked(ann_.id), kServerWaitMs);
        const QRect rect = view->messageView()->visualRect(view->model()->index(row, 0));
        QTest::mouseClick(view->messageView()->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<ChatMessage> all = app_->chatClient()->messages(id);
                return std::any_of(all.cbegin(), all.cend(), [&](const ChatMessage& m) {
                    return m.clientMessageId == refused && m.delivery == Delivery::Sent;
                });
            }(),
            kServerWaitMs);
    }

    void composerKeysAndLengthLimit() {
        bob_.chat.sendTextToUser(ann_, QStringLiteral("ping"));
        QVERIFY(acceptChatRequest(*app_->chatClient(), bob_.user));
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 1, kServerWaitMs);
        page_->conversationList()->setCurrentIndex(page_->conversationList()->model()->index(0, 0));
        Composer* composer = page_->conversationView()->composer();
        QPlainTextEdit* editor = composer->editor();
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("two"));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(editor, QStringLiteral("lines"));
        QCOMPARE(editor->toPlainText(), QStringLiteral("two\nlines"));

        auto* counter = child<QLabel>(composer, QStringLiteral("composerCounter"));
        auto* send = child<QPushButton>(composer, QStringLiteral("sendButton"));
        QVERIFY(!counter->isVisible());
        editor->setPlainText(QString(limits::kMessageBodyMaxChars + 5, QLatin1Char('x')));
        QVERIFY(counter->isVisible());
        QCOMPARE(counter->text(), QStringLiteral("4005 / 4000"));
        QVERIFY(!send->isEnabled());
        QCOMPARE(child<QLabel>(composer, QStringLiteral("composerError"))->text(),
                 QStringLiteral("This message is 5 characters too long."));
        QTest::keyClick(editor, Qt::Key_Return);  // refused: nothing is sent
        QVERIFY(!editor->toPlainText().isEmpty());
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-composer-too-long.png"));
        editor->setPlainText(QStringLiteral("fine again"));
        QVERIFY(send->isEnabled());
        QVERIFY(!child<QLabel>(composer, QStringLiteral("composerError"))->isVisible());
    }

    // Last: it installs the German translation for the rest of the run.
    void germanChatScreens() {
        QVERIFY(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
        bob_.chat.sendTextToUser(ann_, QStringLiteral("Hallo Ann!"));
        QVERIFY(acceptChatRequest(*app_->chatClient(), bob_.user));
        startApp(ann_.username);  // windows made after the translator was installed
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->rowCount(), 1, kServerWaitMs);
        page_->conversationList()->setCurrentIndex(page_->conversationList()->model()->index(0, 0));
        QCOMPARE(child<QPushButton>(page_, QStringLiteral("newChatButton"))->toolTip(),
                 QStringLiteral("Neuer Chat"));
        QCOMPARE(child<QPushButton>(page_, QStringLiteral("sendButton"))->text(),
                 QStringLiteral("Senden"));
        // Bob is signed in: the header says so (the same word in German).
        QTRY_COMPARE(child<QLabel>(page_, QStringLiteral("conversationMembers"))->text(),
                     QStringLiteral("online"));
        app_->accountClient()->connection()->close();
        auto* state = child<QLabel>(app_->mainWindow(), QStringLiteral("connectionStateLabel"));
        QTRY_VERIFY(state->text().startsWith(QStringLiteral("Offline. Neue Verbindung in")));
        typeAndPressEnter(page_->conversationView()->composer()->editor(),
                          QStringLiteral("Bin gleich da"));
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-de.png"));
        QTRY_VERIFY_WITH_TIMEOUT(!state->isVisible(), kServerWaitMs);  // reconnected
        // The history page the cut connection lost is fetched again; my message went out.
        QTRY_COMPARE_WITH_TIMEOUT(
            column(page_->conversationView()->model(), MessageListModel::BodyRole),
            (QStringList{QStringLiteral("Hallo Ann!"), QStringLiteral("Bin gleich da")}),
            kServerWaitMs);
        QTRY_COMPARE(page_->conversationView()
                         ->model()
                         ->index(1, 0)
                         .data(MessageListModel::ReceiptTextRole)
                         .toString(),
                     QStringLiteral("Gesendet"));
        // Open, visible and scrolled to the newest: Bob's message counts as read.
        QTRY_COMPARE_WITH_TIMEOUT(app_->mainWindow()->windowTitle(), QStringLiteral("Natter"),
                                  kServerWaitMs);
    }

    // Issue 11, bug 10, in German: my own group actions and a group's preview.
    void germanGroupScreens() {
        QVERIFY(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
        startApp(ann_.username);  // windows made after the translator was installed
        ChatPeer cleo;
        const QString id =
            createGroupWithBobAnd(cleo, QStringLiteral("Mittag"), QStringLiteral("Wer kommt mit?"));
        QVERIFY(!id.isEmpty());
        app_->chatClient()->renameGroup(id, QStringLiteral("Mittagessen"));
        page_->openConversation(id);
        ConversationView* view = page_->conversationView();
        QTRY_VERIFY_WITH_TIMEOUT(
            column(view->model(), MessageListModel::BodyRole)
                .contains(
                    QStringLiteral("Sie haben die Gruppe in \u201eMittagessen\u201c umbenannt")),
            kServerWaitMs);
        QCOMPARE(view->model()->index(0, 0).data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("Sie haben die Gruppe \u201eMittag\u201c erstellt"));
        cleo.chat.sendText(id, QStringLiteral("Ich!"));
        QTRY_COMPARE_WITH_TIMEOUT(page_->conversationList()->model()->index(0, 0).data(
                                      ConversationListModel::PreviewRole),
                                  QVariant(cleo.user.displayName + QStringLiteral(": Ich!")),
                                  kServerWaitMs);
        saveScreenshot(app_->mainWindow(), QStringLiteral("chat-group-de.png"));
        QVERIFY(!installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    }

private:
    // Ann creates the group `name` with Bob and `other` (signed up here as "cleo"), opening it
    // with `firstMessage`; the group's id, empty when that failed.
    QString createGroupWithBobAnd(ChatPeer& other, const QString& name,
                                  const QString& firstMessage) {
        if (!other.signUp(server_.url(), QStringLiteral("cleo"))) {
            return {};
        }
        QSignalSpy created(app_->chatClient(), &ChatActions::groupCreated);
        app_->chatClient()->createGroup(name, {bob_.user.id, other.user.id}, firstMessage);
        if (created.isEmpty() && !created.wait(kServerWaitMs)) {
            return {};
        }
        return created.first().first().value<Conversation>().id;
    }

    // Ann creates "Lunch crew" with Bob and `cleo` and opens its details from the Conversations
    // page; the dialog (the group's id in `id`), null when that failed.
    QDialog* newGroupDetails(ChatPeer& cleo, QString& id) {
        id =
            createGroupWithBobAnd(cleo, QStringLiteral("Lunch crew"), QStringLiteral("Who is in?"));
        if (id.isEmpty()) {
            return nullptr;
        }
        page_->openGroupDetails(id);
        return page_->findChild<QDialog*>(QStringLiteral("groupDetailsDialog"));
    }

    // Starts the app and signs in through the window as `username`.
    void startApp(const QString& username) {
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), username));
        ann_ = app_->accountClient()->account()->user;
        page_ = app_->mainWindow()->conversationsPage();
        app_->mainWindow()->showConversationsPage();
    }

    ChatPeer bob_;
    UserInfo ann_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
    ConversationsPage* page_ = nullptr;
};

QTEST_MAIN(TestChatGui)
#include "tst_chat_gui.moc"
