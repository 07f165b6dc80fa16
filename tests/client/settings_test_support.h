// Helpers for the Settings and theme GUI tests: opening Settings the way a user does, the theme's
// lightness, and a chat Ann starts (so it is never a chat request on her side).
#pragma once

#include <QApplication>
#include <QtTest>

#include "chat_test_support.h"
#include "gui_test_support.h"
#include "models/conversation_list_model.h"
#include "ui/app_controller.h"
#include "ui/conversations_page.h"
#include "ui/main_window.h"
#include "ui/settings_dialog.h"

namespace natter::test {

inline int windowLightness() {
    return QApplication::palette().color(QPalette::Window).lightness();
}

// Ctrl+, in the active main window; the dialog once it is shown and active.
inline SettingsDialog* openSettingsWithKeyboard(AppController& app) {
    MainWindow* window = app.mainWindow();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window)) {
        return nullptr;
    }
    QTest::keyClick(window, Qt::Key_Comma, Qt::ControlModifier);
    if (!QTest::qWaitFor(
            [&] { return app.settingsDialog() && app.settingsDialog()->isVisible(); })) {
        return nullptr;
    }
    SettingsDialog* dialog = app.settingsDialog();
    return QTest::qWaitForWindowActive(dialog) ? dialog : nullptr;
}

// Ann writes first to `peer`; returns the conversation once both sides have it.
inline QString annStartsChatWith(AppController& app, ChatPeer& peer, const QString& text) {
    app.chatClient()->sendTextToUser(peer.user, text);
    QString id;
    (void)QTest::qWaitFor(
        [&] {
            id = app.chatClient()->privateConversationWith(peer.user.id).value_or(QString());
            return !id.isEmpty() && peer.chat.conversation(id).has_value();
        },
        kServerWaitMs);
    return id;
}

// Selects conversation `id` in the list, as a click does.
inline bool openInList(ConversationsPage* page, const QString& id) {
    QAbstractItemModel* model = page->conversationList()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ConversationListModel::IdRole).toString() == id) {
            page->conversationList()->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

}  // namespace natter::test
