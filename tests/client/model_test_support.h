// Made-up people and messages for the model tests that run without a server.
#pragma once

#include <QDateTime>

#include "core/account_types.h"
#include "core/chat_types.h"

namespace natter::test {

inline const QString kMe = QStringLiteral("u_me");
inline const UserInfo kMeUser{kMe, QStringLiteral("me"), QStringLiteral("Me Myself")};
inline const UserInfo kAnn{QStringLiteral("u_ann"), QStringLiteral("ann"),
                           QStringLiteral("Ann Lee")};
inline const UserInfo kBob{QStringLiteral("u_bob"), QStringLiteral("bob"), QStringLiteral("Bob")};

// A stored text message (id m_<seq>) that `sender` sent to `conversationId` at `when`.
inline ChatMessage textMessage(const QString& conversationId, qint64 seq, const UserInfo& sender,
                               const QString& body, const QDateTime& when) {
    ChatMessage message;
    message.id = QStringLiteral("m_%1").arg(seq);
    message.conversationId = conversationId;
    message.seq = seq;
    message.sender = sender;
    message.type = QStringLiteral("text");
    message.body = body;
    message.sentAt = when;
    return message;
}

}  // namespace natter::test
