// How users, messages and conversations look on the wire (docs/protocol.md section 3.4). Only
// public ids leave the server.
#pragma once

#include <QJsonObject>

#include "ports/records.h"

namespace natter {

UserRef refOf(const UserRecord& user);
QJsonObject userJson(const UserRef& user);
QJsonObject messageJson(const MessageRecord& message);
// The group's name, or for a private conversation the other member's display name.
QString conversationNameFor(const ConversationView& view, qint64 viewerUserId);
QJsonObject conversationJson(const ConversationView& view, qint64 viewerUserId);
// {id, kind, name}: how message.new names the conversation.
QJsonObject conversationSummaryJson(const ConversationView& view, qint64 viewerUserId);
// A message's meta as stored: compact JSON, or empty for none.
QString compactJson(const QJsonObject& object);

}  // namespace natter
