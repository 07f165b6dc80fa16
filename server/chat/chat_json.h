// How users, messages and conversations look on the wire (docs/protocol.md section 3.4). Only
// public ids leave the server.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <optional>

#include "ports/store.h"

namespace natter {

// A conversation with what its JSON needs: current members and the last message.
struct ConversationView {
    ConversationRecord conversation;
    QList<MemberRecord> members;
    std::optional<MessageRecord> lastMessage;
    QHash<qint64, qint64> unreadByUser;  // for the viewers it was loaded for
    QSet<qint64> blockers;               // private: those viewers who have blocked the other member
};

// Reads a conversation's view with the unread count of `viewer`, or of every member when none is
// given (for events that go to all members); storage thread only.
ConversationView loadConversationView(Store& store, qint64 conversationId,
                                      std::optional<qint64> viewer = std::nullopt);
// The same without the last message: enough to deliver an event (summary and members).
ConversationView loadDeliveryView(Store& store, qint64 conversationId);

UserRef refOf(const UserRecord& user);
QJsonObject userJson(const UserRef& user);
QJsonObject messageJson(const MessageRecord& message);
// The group's name, or for a private conversation the other member's display name.
QString conversationNameFor(const ConversationView& view, qint64 viewerUserId);
QJsonObject conversationJson(const ConversationView& view, qint64 viewerUserId);
// {id, kind, name}: how message.new names the conversation.
QJsonObject conversationSummaryJson(const ConversationView& view, qint64 viewerUserId);

}  // namespace natter
