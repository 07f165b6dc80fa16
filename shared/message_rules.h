// Rules for message content and conversation fields (docs/protocol.md section 5.2), shared so the
// client can check a message before it queues it.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

#include "codec.h"
#include "validation.h"

namespace natter {

struct MessageContent {
    QString type;
    QString body;
    std::optional<QJsonObject> meta;
};

// The types a client may send ("system" is written by the server only).
bool isClientMessageType(const QString& type);
// nullopt when type, body and meta fit together and within their limits.
std::optional<ProtocolError> checkMessageContent(const MessageContent& content);
FieldCheck checkClientMessageId(const QString& raw);
FieldCheck checkGroupName(const QString& raw);

// The reactions a member may add (docs/protocol.md 5.2a, kReactionEmoji), in their wire order.
const QStringList& reactionEmoji();
// The quote a reply shows of `body` (docs/protocol.md 5.2a): its first kReplyPreviewMaxChars
// characters, counted in code points as every limit is, so a surrogate pair is never cut in half.
QString replyPreviewOf(const QString& body);
// The type of the change entries of 5.2a: written by the server only.
inline const QString kChangeMessageType = QStringLiteral("change");
// A message body after an edit: the rules of a text message's body (field `body`).
std::optional<ProtocolError> checkTextBody(const QString& body);

}  // namespace natter
