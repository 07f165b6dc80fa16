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
    // What a message says in a list: the body, or a sentence for system messages and attachments
    // (what I did reads "You renamed…", and I am "you" among the people named).
    static QString describe(const ChatMessage& message, const QString& myUserId,
                            const NameLookup& names);
    // The short line under a conversation's name: "You: …" for mine, "Carol: …" for someone
    // else's in a group; a system message is a sentence that already names who did it.
    static QString preview(const ChatMessage& message, const QString& myUserId,
                           const NameLookup& names, bool inGroup);
    // One short line for an attachment, for the chat list and notifications: "📷 Photo" (or
    // "📷 " and the caption), "📎 name", "🎵 name", "🎬 name".
    static QString attachmentLine(const ChatMessage& message);
    // What a notification says of a message: an attachment's short line, else describe().
    static QString notificationText(const ChatMessage& message, const QString& myUserId,
                                    const NameLookup& names);

private:
    static QString describeSystem(const QJsonObject& meta, const QString& myUserId,
                                  const NameLookup& names);
    // What I did myself; empty for an action without its own sentence.
    static QString describeMine(const QString& action, const QString& memberList,
                                const QString& name);
    static QString describeAttachment(const ChatMessage& message);
    static QString nameOf(const QString& userId, const NameLookup& names);
};

}  // namespace natter
