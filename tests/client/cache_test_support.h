// Helpers for the local-cache tests: a device of one account whose ChatClient keeps its cache in a
// directory shared by the "restarts" of that device (a fresh AccountClient + ChatClient each).
#pragma once

#include <QTemporaryDir>
#include <memory>

#include "chat_test_support.h"
#include "file_test_support.h"

namespace natter::test {

struct CachedDevice {
    AccountClient account;
    ChatClient chat{&account};
    QString token;  // the session's token, as the keychain would keep it

    explicit CachedDevice(const QString& cacheDir) { chat.setCacheDirectory(cacheDir); }

    // Registers `username` and waits for the conversation list.
    bool signUp(const QUrl& server, const QString& username) {
        const auto saved = registerAccount(account, server, username, QStringLiteral("Desk"));
        token = saved.value_or(QString());
        return saved && QTest::qWaitFor([&] { return chat.isReady(); }, kServerWaitMs);
    }

    // The app's start with a remembered session: shows the cache at once, resumes meanwhile.
    void restart(const QUrl& server, const QString& savedToken, const UserInfo& user) {
        token = savedToken;
        account.restore(server, savedToken, user);
    }

    QStringList bodies(const QString& key) const {
        QStringList texts;
        for (const ChatMessage& message : chat.messages(key)) {
            texts << message.body;
        }
        return texts;
    }

    QList<qint64> seqs(const QString& key) const { return messageSeqs(chat, key); }

    int unread(const QString& conversationId) const { return unreadCount(chat, conversationId); }
};

}  // namespace natter::test
