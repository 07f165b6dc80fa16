// Words for messages that are not plain text: system messages (membership changes) and
// attachments, in the reader's language.
#pragma once

#include <QCoreApplication>
#include <functional>

#include "core/chat_types.h"

namespace natter {

// A user's display name from a user id; empty when unknown.
using NameLookup = std::function<QString(const QString& userId)>;

class MessageText {
    Q_DECLARE_TR_FUNCTIONS(MessageText)

public:
    // What a message says in a list: the body, or a sentence for system messages and attachments.
    static QString describe(const ChatMessage& message, const NameLookup& names);
    // The short line under a conversation's name.
    static QString preview(const ChatMessage& message, const QString& myUserId,
                           const NameLookup& names);

private:
    static QString describeSystem(const QJsonObject& meta, const NameLookup& names);
    static QString describeAttachment(const ChatMessage& message);
    static QString nameOf(const QString& userId, const NameLookup& names);
};

}  // namespace natter
