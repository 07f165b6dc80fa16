// Rules for message content and conversation fields (docs/protocol.md section 5.2), shared so the
// client can check a message before it queues it.
#pragma once

#include <QJsonObject>
#include <QString>
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

}  // namespace natter
