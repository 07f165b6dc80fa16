// Chat requests, blocking, the People page, mute and "Delivered" on the offscreen platform
// against the real natter-server, as Bea sees them in the app while Ann and Cleo write to her.
// Screenshots go to $NATTER_TEST_ARTIFACTS.
#include <QCheckBox>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QToolButton>
#include <QtTest>

#include "chat_test_support.h"
#include "core/profile.h"
#include "gui_test_support.h"
#include "models/blocked_users_model.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "server_process.h"
#include "ui/composer.h"
#include "ui/conversation_safety.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/people_page.h"
#include "ui/request_banner.h"
#include "ui/tray_notifier.h"

using namespace natter;
using namespace natter::test;

namespace {

// Confirms the "Block X?" question that blocking asks first.
bool confirmBlock(QWidget* window) {
    return answerQuestion(window, QStringLiteral("blockConfirmDialog"),
                          QStringLiteral("confirmBlockButton"));
}

QAction* menuAction(ConversationView* view, const QString& name) {
    return view->safety()->optionsButton()->menu()->findChild<QAction*>(name);
}

}  // namespace

class TestSafetyGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        ann_ = std::make_unique<ChatPeer>();
        QVERIFY(ann_->signUp(server_.url(), QStringLiteral("ann")));
        const QString beaName = registerOnPhone(server_.url(), QStringLiteral("bea"));
        QVERIFY(!beaName.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), beaName));
        bea_ = app_->accountClient()->account()->user;
        page_ = app_->mainWindow()->conversationsPage();
        app_->mainWindow()->showConversationsPage();
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
        ann_.reset();
    }

    // Ann's first message waits under "Requests (1)" with a banner; Accept moves it to the chats.
    void acceptingARequestMovesItToTheChats() {
        ann_->chat.sendTextToUser(bea_, QStringLiteral("Hi! I'm Ann from the meetup."));
        QPushButton* requests = page_->requestsButton();
        QTRY_VERIFY_WITH_TIMEOUT(requests->isVisible(), kServerWaitMs);
        QCOMPARE(requests->text(), QStringLiteral("Requests (1)"));
        QListView* list = page_->conversationList();
        QCOMPARE(list->model()->rowCount(), 0);  // not among the chats

        QTest::mouseClick(requests, Qt::LeftButton);
        QTRY_COMPARE(list->model()->rowCount(), 1);
        list->setCurrentIndex(list->model()->index(0, 0));
        ConversationView* view = page_->conversationView();
        RequestBanner* banner = view->safety()->requestBanner();
        QTRY_VERIFY(banner->isVisible());
        QCOMPARE(banner->text(),
                 QStringLiteral("%1 wants to chat with you").arg(ann_->user.displayName));
        saveScreenshot(app_->mainWindow(), QStringLiteral("safety-request-banner.png"));

        QTest::mouseClick(banner->acceptButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), kServerWaitMs);
        QTRY_VERIFY(!requests->isVisible());
        QCOMPARE(list->model()->rowCount(), 1);
        QCOMPARE(list->currentIndex().data(ConversationListModel::NameRole).toString(),
                 ann_->user.displayName);
        QVERIFY(view->composer()->isEnabled());
        saveScreenshot(app_->mainWindow(), QStringLiteral("safety-request-accepted.png"));
    }

    // Blocking declines a request; the People page lists the person, and Unblock there brings
    // the request back.
    void blockingDeclinesAndThePeoplePageUnblocks() {
        ann_->chat.sendTextToUser(bea_, QStringLiteral("Buy cheap watches"));
        QPushButton* requests = page_->requestsButton();
        QTRY_VERIFY_WITH_TIMEOUT(requests->isVisible(), kServerWaitMs);
        QTest::mouseClick(requests, Qt::LeftButton);
        QListView* list = page_->conversationList();
        QTRY_COMPARE(list->model()->rowCount(), 1);
        list->setCurrentIndex(list->model()->index(0, 0));
        RequestBanner* banner = page_->conversationView()->safety()->requestBanner();
        QTRY_VERIFY(banner->isVisible());
        QTest::mouseClick(banner->blockButton(), Qt::LeftButton);
        QVERIFY(confirmBlock(app_->mainWindow()));
        QTRY_VERIFY_WITH_TIMEOUT(!requests->isVisible(), kServerWaitMs);
        QCOMPARE(list->model()->rowCount(), 0);

        app_->mainWindow()->showPeoplePage();  // Blocked people… in the menu
        PeoplePage* people = app_->mainWindow()->peoplePage();
        QVERIFY(people->isVisible());
        BlockedUsersModel* blocked = people->blockedModel();
        QTRY_COMPARE(blocked->rowCount(), 1);
        QCOMPARE(blocked->index(0, 0).data(BlockedUsersModel::IdRole).toString(), ann_->user.id);
        QVERIFY(!child<QLabel>(people, QStringLiteral("noBlockedUsersLabel"))->isVisible());
        saveScreenshot(people->window(), QStringLiteral("safety-people-page.png"));

        auto* unblock =
            child<QPushButton>(people->blockedView(), QStringLiteral("unblockUserButton"));
        QVERIFY(unblock->isVisible());
        QTest::mouseClick(unblock, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(blocked->rowCount(), 0, kServerWaitMs);
        QVERIFY(child<QLabel>(people, QStringLiteral("noBlockedUsersLabel"))->isVisible());
        saveScreenshot(people->window(), QStringLiteral("safety-people-page-empty.png"));
        app_->mainWindow()->showConversationsPage();
        QTRY_COMPARE(requests->text(), QStringLiteral("Requests (1)"));
    }

    // In a chat of her own (Ann accepted it: a request sends no receipts), Bea's message says
    // "Delivered"; blocking from the Options menu turns the composer into "You blocked Ann";
    // Unblock there gives it back; mute marks the row.
    void blockAndMuteFromTheOptionsMenu() {
        app_->chatClient()->sendTextToUser(ann_->user, QStringLiteral("Hello Ann"));
        const QString id = ann_->waitForPrivateChatWith(bea_);
        QVERIFY(!id.isEmpty());
        QVERIFY(acceptChatRequest(ann_->chat, bea_));
        QTRY_VERIFY(app_->chatClient()->conversation(id).has_value());
        page_->openConversation(id);
        ConversationView* view = page_->conversationView();
        typeAndPressEnter(view->composer()->editor(), QStringLiteral("Are you coming?"));
        const QModelIndex mine = view->model()->index(1, 0);
        QTRY_COMPARE_WITH_TIMEOUT(mine.data(MessageListModel::ReceiptTextRole).toString(),
                                  QStringLiteral("Delivered"), kServerWaitMs);

        QAction* block = menuAction(view, QStringLiteral("blockAction"));
        QCOMPARE(block->text(), QStringLiteral("Block %1\u2026").arg(ann_->user.displayName));
        block->trigger();
        QVERIFY(confirmBlock(app_->mainWindow()));
        auto* notice = child<QWidget>(view, QStringLiteral("blockedNotice"));
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), kServerWaitMs);
        QCOMPARE(child<QLabel>(view, QStringLiteral("blockedNoticeText"))->text(),
                 QStringLiteral("You blocked %1. Unblock to send messages.")
                     .arg(ann_->user.displayName));
        QVERIFY(!view->composer()->editor()->isEnabled());
        saveScreenshot(app_->mainWindow(), QStringLiteral("safety-blocked-chat.png"));

        QTest::mouseClick(child<QPushButton>(view, QStringLiteral("unblockButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!notice->isVisible(), kServerWaitMs);
        QVERIFY(view->composer()->editor()->isEnabled());

        QAction* mute = menuAction(view, QStringLiteral("muteAction"));
        QVERIFY(!mute->isChecked());
        mute->trigger();
        const QModelIndex row = page_->conversationList()->currentIndex();
        QTRY_VERIFY_WITH_TIMEOUT(row.data(ConversationListModel::MutedRole).toBool(),
                                 kServerWaitMs);
        QVERIFY(mute->isChecked());
        saveScreenshot(app_->mainWindow(), QStringLiteral("safety-muted-row.png"));

        // Muted: no notification while Bea looks at another window; unmuted: one.
        QWidget other;
        other.resize(200, 100);
        other.show();
        other.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&other));
        QSignalSpy posted(app_->mainWindow()->trayNotifier(), &TrayNotifier::notificationPosted);
        QSignalSpy received(app_->chatClient(), &ChatClient::messageReceived);
        ann_->chat.sendText(id, QStringLiteral("ping"));
        QVERIFY(received.wait(kServerWaitMs));
        QCOMPARE(posted.count(), 0);
        mute->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!row.data(ConversationListModel::MutedRole).toBool(),
                                 kServerWaitMs);
        ann_->chat.sendText(id, QStringLiteral("pong"));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 1, kServerWaitMs);
        QCOMPARE(posted.first().first().toString(), ann_->user.displayName);
    }

    // A group is muted from its details; the check follows what the server says.
    void groupDetailsMuteTheGroup() {
        QSignalSpy created(&ann_->chat, &ChatClient::groupCreated);
        ann_->chat.createGroup(QStringLiteral("Book club"), {bea_.id}, QStringLiteral("Welcome!"));
        QVERIFY(created.wait(kServerWaitMs));
        const QString id = created.first().first().value<Conversation>().id;
        QTRY_VERIFY_WITH_TIMEOUT(app_->chatClient()->conversation(id).has_value(), kServerWaitMs);
        QVERIFY(!app_->chatClient()->conversation(id)->request);  // groups never are
        page_->openGroupDetails(id);
        auto* dialog = child<QWidget>(page_, QStringLiteral("groupDetailsDialog"));
        auto* mute = child<QCheckBox>(dialog, QStringLiteral("groupMuteCheck"));
        QVERIFY(!mute->isChecked());
        QTest::mouseClick(mute, Qt::LeftButton, {}, QPoint(6, mute->height() / 2));  // the box
        QTRY_VERIFY_WITH_TIMEOUT(app_->chatClient()->isMuted(id), kServerWaitMs);
        QTRY_VERIFY(mute->isChecked());
        saveScreenshot(dialog, QStringLiteral("safety-group-muted.png"));
        dialog->close();
    }

    // Writing faster than the server's message rate: the composer says so for a moment, and
    // every message still goes out, in order, without the user doing anything.
    void sendingTooFastShowsATransientNote() {
        ServerProcess limited({QStringLiteral("--message-rate"), QStringLiteral("1"),
                               QStringLiteral("--message-burst"), QStringLiteral("2")});
        QVERIFY2(limited.start(), qPrintable(limited.log()));
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(limited.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(limited.url(), QStringLiteral("bob")));
        ann.chat.sendTextToUser(bob.user, QStringLiteral("one"));
        const QString id = ann.waitForPrivateChatWith(bob.user);
        QVERIFY(!id.isEmpty());
        ConversationView view(&ann.chat);
        view.resize(600, 500);
        view.show();
        view.showConversation(id);
        const QStringList texts{QStringLiteral("one"), QStringLiteral("two"),
                                QStringLiteral("three"), QStringLiteral("four")};
        for (const QString& text : texts.mid(1)) {
            typeAndPressEnter(view.composer()->editor(), text);
        }
        auto* note = child<QLabel>(&view, QStringLiteral("composerError"));
        QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), kServerWaitMs);
        QVERIFY2(note->text().startsWith(
                     QStringLiteral("You're sending messages too fast; retrying in")),
                 qPrintable(note->text()));
        saveScreenshot(&view, QStringLiteral("safety-sending-too-fast.png"));
        QVERIFY(bob.waitForBodies(id, texts));
        QTRY_VERIFY_WITH_TIMEOUT(!note->isVisible(), kServerWaitMs);
        QCOMPARE(limited.stop(), 0);
    }

private:
    std::unique_ptr<ChatPeer> ann_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
    UserInfo bea_;
    ConversationsPage* page_ = nullptr;
};

QTEST_MAIN(TestSafetyGui)
#include "tst_safety_gui.moc"
