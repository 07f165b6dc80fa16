// A signed-in chat participant for tests against a real natter-server: an AccountClient with
// its ChatClient, and waits for what a user would wait for.
#pragma once

#include <QTcpServer>
#include <memory>

#include "chat_client.h"
#include "client_test_support.h"

namespace natter::test {

struct ChatPeer {
    AccountClient account;
    ChatClient chat{&account};
    UserInfo user;

    // Registers a fresh user and waits until the conversation list is loaded.
    bool signUp(const QUrl& server, const QString& prefix) {
        if (!registerAccount(account, server, uniqueUsername(prefix), QStringLiteral("Desk"))) {
            return false;
        }
        user = account.account()->user;
        return QTest::qWaitFor([&] { return chat.isReady(); }, kServerWaitMs);
    }

    // Signs in to an existing account (another device) and waits for the conversation list.
    bool signIn(const QUrl& server, const QString& username, const QString& device) {
        if (!login(account, server, username, device)) {
            return false;
        }
        user = account.account()->user;
        return QTest::qWaitFor([&] { return chat.isReady(); }, kServerWaitMs);
    }

    int unread(const QString& conversationId) const {
        const auto conversation = chat.conversation(conversationId);
        return conversation ? conversation->unreadCount : -1;
    }

    // What people wrote (system notes left out: whether the group_created one is in front
    // depends on whether its event or the create answer came first).
    QStringList bodies(const QString& key) const {
        QStringList texts;
        for (const ChatMessage& message : chat.messages(key)) {
            if (!message.isSystem()) {
                texts << message.body;
            }
        }
        return texts;
    }

    QList<qint64> seqs(const QString& key) const {
        QList<qint64> numbers;
        for (const ChatMessage& message : chat.messages(key)) {
            numbers << message.seq;
        }
        return numbers;
    }

    // The conversation once the server stored the first message (private chats).
    QString waitForPrivateChatWith(const UserInfo& other) {
        QString id;
        (void)QTest::qWaitFor(
            [&] {
                id = chat.privateConversationWith(other.id).value_or(QString());
                return !id.isEmpty();
            },
            kServerWaitMs);
        return id;
    }

    bool waitForBodies(const QString& key, const QStringList& expected) {
        return QTest::qWaitFor([&] { return bodies(key) == expected; }, kServerWaitMs);
    }
};

// A port that is free now, so a restarted server can listen on the same one again.
inline quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

}  // namespace natter::test
