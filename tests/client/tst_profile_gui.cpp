// Changing one's display name in Settings (issue 11), two desktop apps against the real server:
// Alice renames herself, her sidebar shows it, and Bob's window shows the new name in the
// conversation list and the chat header without doing anything; a name the rules refuse is
// explained next to the field. Screenshots of the Account section in light and dark.
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QtTest>

#include "settings_test_support.h"
#include "ui/sidebar_header.h"
#include "ui/theme.h"

using namespace natter;
using namespace natter::test;

class TestProfileGui : public GuiServerTest {
    Q_OBJECT

private:
    std::unique_ptr<Profile> aliceProfile_;
    std::unique_ptr<Profile> bobProfile_;
    std::unique_ptr<AppController> alice_;
    std::unique_ptr<AppController> bob_;

    static UserInfo userOf(AppController& app) { return app.accountClient()->account()->user; }

    // Bob writes to Alice (so it is no chat request on his side); the conversation once both
    // apps have it in full, opened in his window.
    QString chatOpenOnBobsSide() {
        bob_->chatClient()->sendTextToUser(userOf(*alice_), QStringLiteral("hello Alice"));
        QString id;
        (void)QTest::qWaitFor(
            [&] {
                id = bob_->chatClient()
                         ->privateConversationWith(userOf(*alice_).id)
                         .value_or(QString());
                const auto bobs = bob_->chatClient()->conversation(id);
                return bobs && bobs->hasSafetyState &&
                       alice_->chatClient()->conversation(id).has_value();
            },
            kServerWaitMs);
        return openInList(bob_->mainWindow()->conversationsPage(), id) ? id : QString();
    }

    // What Bob's conversation list calls the conversation.
    QString nameInBobsList(const QString& id) const {
        const QAbstractItemModel* model =
            bob_->mainWindow()->conversationsPage()->conversationList()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ConversationListModel::IdRole).toString() == id) {
                return index.data(ConversationListModel::NameRole).toString();
            }
        }
        return {};
    }

private slots:
    void init() {
        const QString aliceName = registerOnPhone(server_.url(), QStringLiteral("alice"));
        const QString bobName = registerOnPhone(server_.url(), QStringLiteral("bob"));
        QVERIFY(!aliceName.isEmpty() && !bobName.isEmpty());
        QVERIFY(startSignedInApp(bobProfile_, bob_, server_.url(), bobName));
        QVERIFY(startSignedInApp(aliceProfile_, alice_, server_.url(), aliceName));
    }

    void cleanup() {
        applyTheme(AppSettings::Theme::Light);
        alice_.reset();
        bob_.reset();
        aliceProfile_.reset();
        bobProfile_.reset();
    }

    void renameInSettingsReachesTheOtherWindow() {
        const QString id = chatOpenOnBobsSide();
        QVERIFY(!id.isEmpty());
        auto* title = child<QLabel>(bob_->mainWindow(), QStringLiteral("conversationTitle"));
        QTRY_COMPARE(title->text(), userOf(*alice_).displayName);

        SettingsDialog* dialog = openSettingsWithKeyboard(*alice_);
        QVERIFY(dialog);
        auto* edit = child<QLineEdit>(dialog, QStringLiteral("displayNameEdit"));
        auto* save = child<QPushButton>(dialog, QStringLiteral("displayNameSaveButton"));
        auto* error = child<QLabel>(dialog, QStringLiteral("displayNameError"));
        QCOMPARE(edit->text(), userOf(*alice_).displayName);
        QVERIFY(!save->isEnabled());  // nothing changed yet

        // Blank is refused next to the field, and nothing is renamed.
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("   "));
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(error->isVisible());
        QVERIFY(!error->text().isEmpty());

        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("Alice Liddell"));
        QVERIFY(!error->isVisible());           // the user is fixing it
        QTest::keyClick(edit, Qt::Key_Return);  // Enter saves, as Save does
        QTRY_COMPARE_WITH_TIMEOUT(userOf(*alice_).displayName, QStringLiteral("Alice Liddell"),
                                  kServerWaitMs);
        QVERIFY(dialog->isVisible());  // Enter saved; it did not close Settings
        QVERIFY(!save->isEnabled());
        QVERIFY(!error->isVisible());
        auto* ownName = child<QLabel>(alice_->mainWindow(), QStringLiteral("ownNameLabel"));
        QCOMPARE(ownName->text(), QStringLiteral("Alice Liddell"));

        // Bob did nothing: user.updated renamed the chat in his list and its header.
        QTRY_COMPARE_WITH_TIMEOUT(nameInBobsList(id), QStringLiteral("Alice Liddell"),
                                  kServerWaitMs);
        QTRY_COMPARE(title->text(), QStringLiteral("Alice Liddell"));
        // The next start shows the new name before the server answers.
        QCOMPARE(aliceProfile_->lastAccount()->displayName, QStringLiteral("Alice Liddell"));

        auto* account = child<QGroupBox>(dialog, QStringLiteral("accountGroup"));
        saveScreenshot(account, QStringLiteral("settings-account-light.png"));
        applyTheme(AppSettings::Theme::Dark);
        saveScreenshot(account, QStringLiteral("settings-account-dark.png"));
    }
};

QTEST_MAIN(TestProfileGui)
#include "tst_profile_gui.moc"
