// A signed-in chat participant for tests against a real natter-server: an AccountClient with
// its ChatClient, and waits for what a user would wait for.
#pragma once

#include <QTcpServer>
#include <memory>

#include "client_test_support.h"
#include "core/chat_client.h"
#include "models/conversation_list_model.h"
#include "server_process.h"

namespace natter::test {

// The seqs of the messages `chat` holds for `key`, oldest first.
inline QList<qint64> messageSeqs(const ChatClient& chat, const QString& key) {
    QList<qint64> numbers;
    for (const ChatMessage& message : chat.messages(key)) {
        numbers << message.seq;
    }
    return numbers;
}

// The unread count `chat` shows for the conversation, -1 when it does not know it.
inline int unreadCount(const ChatClient& chat, const QString& conversationId) {
    const auto conversation = chat.conversation(conversationId);
    return conversation ? conversation->unreadCount : -1;
}

// seqs 1, 2, 3, … without gap or duplicate.
inline bool isContiguousFromOne(const QList<qint64>& seqs) {
    for (int i = 0; i < seqs.size(); ++i) {
        if (seqs.at(i) != i + 1) {
            return false;
        }
    }
    return !seqs.isEmpty();
}

struct ChatPeer {
    AccountClient account;
    ChatClient chat{&account};
    UserInfo user;

    // Registers a fresh user and waits until the conversation list is loaded.
    bool signUp(const ServerAddresses& server, const QString& prefix) {
        if (!registerAccount(account, server, uniqueUsername(prefix), QStringLiteral("Desk"))) {
            return false;
        }
        user = account.account()->user;
        return QTest::qWaitFor([&] { return chat.isReady(); }, kServerWaitMs);
    }

    // Signs in to an existing account (another device) and waits for the conversation list.
    bool signIn(const ServerAddresses& server, const QString& username, const QString& device) {
        if (!login(account, server, username, device)) {
            return false;
        }
        user = account.account()->user;
        return QTest::qWaitFor([&] { return chat.isReady(); }, kServerWaitMs);
    }

    int unread(const QString& conversationId) const { return unreadCount(chat, conversationId); }

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

    QList<qint64> seqs(const QString& key) const { return messageSeqs(chat, key); }

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

    // Writes `text` to `other` and waits until both see it; the private conversation's id, or
    // empty on failure.
    QString startPrivateChat(ChatPeer& other, const QString& text) {
        chat.sendTextToUser(other.user, text);
        const QString id = waitForPrivateChatWith(other.user);
        return !id.isEmpty() && other.waitForBodies(id, {text}) ? id : QString();
    }
};

// The presence a chat list row shows (its online dot) for the conversation.
inline Presence::Status listedPresence(const ConversationListModel& model,
                                       const QString& conversationId) {
    return Presence::Status(
        model.index(model.rowOf(conversationId)).data(ConversationListModel::PresenceRole).toInt());
}

// A port that is free now, so a restarted server can listen on the same one again.
inline quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Starts `server` on a free port that it can listen on again after a restart.
inline bool startOnFreePort(std::unique_ptr<ServerProcess>& server) {
    server = std::make_unique<ServerProcess>(
        QStringList{QStringLiteral("--port"), QString::number(freePort())});
    if (!server->start()) {
        qWarning().noquote() << server->log();
        return false;
    }
    return true;
}

// A first message from someone is a chat request, listed apart from the chats until it is
// accepted (docs/protocol.md 5.6). Waits for the chat with `from` to reach `chat` and accepts it.
inline bool acceptChatRequest(ChatClient& chat, const UserInfo& from) {
    QString id;
    const bool known = QTest::qWaitFor(
        [&] {
            id = chat.privateConversationWith(from.id).value_or(QString());
            return !id.isEmpty() && chat.conversation(id)->hasSafetyState;
        },
        kServerWaitMs);
    if (!known) {
        return false;
    }
    chat.acceptRequest(id);  // harmless when it is no request
    return QTest::qWaitFor([&] { return !chat.conversation(id)->request; }, kServerWaitMs);
}

}  // namespace natter::test
