// Replies, edits, deletions and reactions between two desktop apps on the real server
// (docs/protocol.md 5.2a), as their users see them: Ann writes, Bob replies through the message
// menu (both see the quote; clicking it jumps to the original), Ann edits with Up (Bob sees the new
// text and "edited"), reactions from the menu and from a chip, an edit while Bob's app is closed
// (he sees it after the catch-up), and a deletion: a tombstone for Bob, and the text gone from his
// cache file. Screenshots in the light and the dark theme.
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QtTest>

#include "core/app_settings.h"
#include "core/chat_client.h"
#include "core/profile.h"
#include "file_test_support.h"
#include "gui_test_support.h"
#include "message_rules.h"
#include "models/message_list_model.h"
#include "settings_test_support.h"
#include "ui/composer.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/main_window.h"
#include "ui/message_actions.h"
#include "ui/message_delegate.h"

using namespace natter;
using namespace natter::test;

namespace {

const QString kFirst = QStringLiteral("Dinner at the harbour, table for four at seven?");
const QString kEdited = QStringLiteral("Dinner at the harbour, table for five at seven?");
const QString kOffline = QStringLiteral("Dinner at the harbour, table for five at eight!");
const QString kReply = QStringLiteral("Count me in, I will bring Cleo.");

ConversationView* viewOf(AppController& app) {
    return app.mainWindow()->conversationsPage()->conversationView();
}

int reactionCount(const MessageListModel* model, int row) {
    const QVariantList reactions = at(model, row, MessageListModel::ReactionsRole).toList();
    return reactions.isEmpty() ? 0
                               : reactions.first().toMap().value(QStringLiteral("count")).toInt();
}

// Opens the message menu of `row` as a right click does and triggers `actionName` in it (or in
// its React submenu).
bool chooseFromMenu(ConversationView* view, int row, const QString& actionName) {
    QMenu* menu = openMessageMenu(view, row);
    if (menu == nullptr) {
        return false;
    }
    QAction* action = menu->findChild<QAction*>(actionName);
    if (action == nullptr) {
        auto* react = menu->findChild<QMenu*>(QStringLiteral("reactMenu"));
        const QList<QAction*> emoji = react ? react->actions() : QList<QAction*>();
        const auto found = std::find_if(emoji.cbegin(), emoji.cend(),
                                        [&](QAction* a) { return a->text() == actionName; });
        action = found == emoji.cend() ? nullptr : *found;
    }
    if (action != nullptr) {
        action->trigger();
    }
    menu->close();
    return action != nullptr;
}

// Clicks the part of `row` the delegate names `kind` (a quote or the first reaction chip).
bool clickOn(ConversationView* view, int row, MessageDelegate::Hit::Kind kind) {
    QListView* list = view->messageView();
    const QModelIndex index = view->model()->index(row, 0);
    list->scrollTo(index);
    const auto* delegate = qobject_cast<MessageDelegate*>(list->itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(list->viewport());
    option.font = list->font();
    option.rect = list->visualRect(index);
    for (int y = 0; y < option.rect.height(); y += 3) {
        for (int x = 0; x < option.rect.width(); x += 6) {
            if (delegate->hitTest(option, index, {x, y}).kind == kind) {
                QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                                  option.rect.topLeft() + QPoint(x, y));
                return true;
            }
        }
    }
    return false;
}

}  // namespace

class TestMessageChangesGui : public GuiServerTest {
    Q_OBJECT

private slots:
    // The apps go before the suite stops the server.
    void cleanup() {
        ann_.reset();
        bob_.reset();
    }

    void repliesEditsReactionsAndDeletions() {
        const QString annName = registerOnPhone(server_.url(), QStringLiteral("ann"));
        const QString bobName = registerOnPhone(server_.url(), QStringLiteral("bob"));
        annProfile_ = std::make_unique<Profile>(uniqueUsername(QStringLiteral("profile")));
        bobProfile_ = std::make_unique<Profile>(uniqueUsername(QStringLiteral("profile")));
        ann_ = std::make_unique<AppController>(*annProfile_);
        QVERIFY(signInThroughWindow(*ann_, server_.url(), annName));
        QVERIFY(startBob(bobName, /*signIn=*/true));
        const UserInfo bob = bob_->accountClient()->account()->user;

        ann_->chatClient()->sendTextToUser(bob, kFirst);
        QTRY_VERIFY_WITH_TIMEOUT(ann_->chatClient()->privateConversationWith(bob.id).has_value(),
                                 kServerWaitMs);
        chat_ = *ann_->chatClient()->privateConversationWith(bob.id);
        ann_->mainWindow()->conversationsPage()->openConversation(chat_);
        QVERIFY(openOnBob());
        MessageListModel* annRows = viewOf(*ann_)->model();
        MessageListModel* bobRows = viewOf(*bob_)->model();
        QTRY_VERIFY_WITH_TIMEOUT(rowWhere(bobRows, MessageListModel::BodyRole, kFirst) >= 0,
                                 kServerWaitMs);

        // Bob replies from the menu: the bar names what he answers; both see the quote.
        const int original = rowWhere(bobRows, MessageListModel::BodyRole, kFirst);
        const qint64 firstSeq = at(bobRows, original, MessageListModel::SeqRole).toLongLong();
        QVERIFY(chooseFromMenu(viewOf(*bob_), original, QStringLiteral("replyAction")));
        auto* bar = viewOf(*bob_)->messageActions();
        QVERIFY(bar->isVisible());
        shoot(*bob_, QStringLiteral("changes-reply-bar-bob"));
        typeAndPressEnter(viewOf(*bob_)->composer()->editor(), kReply);
        QVERIFY(!bar->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(rowWhere(annRows, MessageListModel::BodyRole, kReply) >= 0,
                                 kServerWaitMs);
        const int annReply = rowWhere(annRows, MessageListModel::BodyRole, kReply);
        QCOMPARE(at(annRows, annReply, MessageListModel::ReplyToSeqRole).toLongLong(), firstSeq);
        QCOMPARE(at(annRows, annReply, MessageListModel::ReplyPreviewRole).toString(), kFirst);
        QTRY_VERIFY(at(bobRows, rowWhere(bobRows, MessageListModel::BodyRole, kReply),
                       MessageListModel::DeliveryRole) == int(Delivery::Sent));
        QCOMPARE(at(bobRows, rowWhere(bobRows, MessageListModel::BodyRole, kReply),
                    MessageListModel::ReplyPreviewRole)
                     .toString(),
                 kFirst);

        // Clicking the quote jumps to the original and highlights it for a moment.
        QVERIFY(clickOn(viewOf(*bob_), rowWhere(bobRows, MessageListModel::BodyRole, kReply),
                        MessageDelegate::Hit::Kind::Quote));
        QTRY_VERIFY(at(bobRows, rowWhere(bobRows, MessageListModel::SeqRole, firstSeq),
                       MessageListModel::HighlightedRole)
                        .toBool());

        // Ann edits her last message with Up; Bob sees the new text, "edited", and the quote.
        QVERIFY(at(annRows, rowWhere(annRows, MessageListModel::SeqRole, firstSeq),
                   MessageListModel::CanEditRole)
                    .toBool());
        QVERIFY(editLastOnAnn(kEdited));
        QTRY_VERIFY_WITH_TIMEOUT(rowWhere(bobRows, MessageListModel::BodyRole, kEdited) >= 0,
                                 kServerWaitMs);
        QVERIFY(at(bobRows, rowWhere(bobRows, MessageListModel::BodyRole, kEdited),
                   MessageListModel::EditedRole)
                    .toBool());
        QCOMPARE(at(bobRows, rowWhere(bobRows, MessageListModel::BodyRole, kReply),
                    MessageListModel::ReplyPreviewRole)
                     .toString(),
                 kEdited);

        // Ann reacts from the menu; Bob sees the count and adds his own with a click on the chip.
        const QString thumbs = reactionEmoji().first();
        QVERIFY(chooseFromMenu(viewOf(*ann_),
                               rowWhere(annRows, MessageListModel::SeqRole, firstSeq), thumbs));
        const auto bobFirst = [&] {
            return rowWhere(bobRows, MessageListModel::SeqRole, firstSeq);
        };
        QTRY_COMPARE_WITH_TIMEOUT(reactionCount(bobRows, bobFirst()), 1, kServerWaitMs);
        QVERIFY(clickOn(viewOf(*bob_), bobFirst(), MessageDelegate::Hit::Kind::Reaction));
        QTRY_COMPARE_WITH_TIMEOUT(
            reactionCount(annRows, rowWhere(annRows, MessageListModel::SeqRole, firstSeq)), 2,
            kServerWaitMs);
        shootBoth(QStringLiteral("changes-reply-edit-react"));

        // Bob's app is closed while Ann edits again; after the catch-up he sees the edit.
        const QString bobCache = bob_->chatClient()->cacheFile();
        QVERIFY(!bobCache.isEmpty());
        bob_.reset();
        QVERIFY(editLastOnAnn(kOffline));
        QTRY_VERIFY_WITH_TIMEOUT(rowWhere(annRows, MessageListModel::BodyRole, kOffline) >= 0,
                                 kServerWaitMs);
        QVERIFY(startBob(bobName, /*signIn=*/false));
        QVERIFY(openOnBob());
        bobRows = viewOf(*bob_)->model();
        QTRY_VERIFY_WITH_TIMEOUT(rowWhere(bobRows, MessageListModel::BodyRole, kOffline) >= 0,
                                 kServerWaitMs);
        QCOMPARE(reactionCount(bobRows, bobFirst()), 2);

        // Ann deletes it for everyone: Bob sees the tombstone, and his cache forgets the text.
        QVERIFY(chooseFromMenu(viewOf(*ann_),
                               rowWhere(annRows, MessageListModel::SeqRole, firstSeq),
                               QStringLiteral("deleteForEveryoneAction")));
        QVERIFY(answerQuestion(ann_->mainWindow(), QStringLiteral("deleteMessageDialog"),
                               QStringLiteral("confirmDeleteButton")));
        QTRY_VERIFY_WITH_TIMEOUT(at(bobRows, bobFirst(), MessageListModel::DeletedRole).toBool(),
                                 kServerWaitMs);
        QCOMPARE(at(bobRows, bobFirst(), MessageListModel::BodyRole).toString(),
                 QStringLiteral("Message deleted"));
        QCOMPARE(at(bobRows, rowWhere(bobRows, MessageListModel::BodyRole, kReply),
                    MessageListModel::ReplyPreviewRole)
                     .toString(),
                 QStringLiteral("Message deleted"));
        QCOMPARE(bob_->chatClient()->cacheFile(), bobCache);
        QTRY_VERIFY_WITH_TIMEOUT(!cacheFileHolds(bobCache, kOffline), kServerWaitMs);
        QVERIFY(!cacheFileHolds(bobCache, kFirst));
        QVERIFY(!cacheFileHolds(bobCache, kEdited));
        QVERIFY(cacheFileHolds(bobCache, kReply));  // the reply itself stays
        shootBoth(QStringLiteral("changes-deleted"));
    }

private:
    // Bob's app, signed in through its window or resuming the kept session from the cache;
    // whether it is ready.
    [[nodiscard]] bool startBob(const QString& username, bool signIn) {
        bob_ = std::make_unique<AppController>(*bobProfile_);
        if (signIn) {
            return signInThroughWindow(*bob_, server_.url(), username, /*keepToken=*/true);
        }
        bob_->start(server_.url());
        return QTest::qWaitFor(
                   [&] { return bob_->mainWindow() && bob_->mainWindow()->isVisible(); },
                   kServerWaitMs) &&
               QTest::qWaitFor([&] { return bob_->chatClient()->isReady(); }, kServerWaitMs);
    }

    // Opens the chat in Bob's app once he has it; whether he got it.
    [[nodiscard]] bool openOnBob() {
        if (!QTest::qWaitFor([&] { return bob_->chatClient()->conversation(chat_).has_value(); },
                             kServerWaitMs)) {
            return false;
        }
        bob_->mainWindow()->conversationsPage()->openConversation(chat_);
        return true;
    }

    // Up in Ann's empty composer takes her last message into it; the new text replaces it.
    // Whether the edit went out and left the composer as before (no draft: empty).
    [[nodiscard]] bool editLastOnAnn(const QString& text) {
        QPlainTextEdit* editor = viewOf(*ann_)->composer()->editor();
        editor->setFocus();
        QTest::keyClick(editor, Qt::Key_Up);
        if (!viewOf(*ann_)->messageActions()->isVisible() || editor->toPlainText().isEmpty()) {
            return false;
        }
        editor->selectAll();
        typeAndPressEnter(editor, text);
        return !viewOf(*ann_)->messageActions()->isVisible() && editor->toPlainText().isEmpty();
    }

    // `app`'s window in the light and the dark theme.
    void shoot(AppController& app, const QString& name) {
        for (const auto theme : {AppSettings::Theme::Light, AppSettings::Theme::Dark}) {
            app.appSettings()->setTheme(theme);
            saveScreenshot(app.mainWindow(), name + (theme == AppSettings::Theme::Dark
                                                         ? QStringLiteral("-dark.png")
                                                         : QStringLiteral("-light.png")));
        }
        app.appSettings()->setTheme(AppSettings::Theme::Light);
    }

    void shootBoth(const QString& name) {
        shoot(*ann_, name + QStringLiteral("-ann"));
        shoot(*bob_, name + QStringLiteral("-bob"));
    }

    std::unique_ptr<Profile> annProfile_;
    std::unique_ptr<Profile> bobProfile_;
    std::unique_ptr<AppController> ann_;
    std::unique_ptr<AppController> bob_;
    QString chat_;
};

QTEST_MAIN(TestMessageChangesGui)
#include "tst_message_changes_gui.moc"
