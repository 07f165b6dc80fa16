// ChatClient: replies, edits, deletions and reactions (docs/protocol.md 5.2a). Changes to stored
// messages are requests answered with the message as it is now; the change entries they append
// to the conversation come back through the answer, message.changed and sync, and are applied by
// ConversationStore::append.
#include <QJsonObject>

#include "core/chat_client.h"
#include "core/chat_errors.h"
#include "method_names.h"

namespace natter {

QString ChatClient::sendReply(const QString& conversationId, const QString& body,
                              qint64 replyToSeq) {
    return outbox_->sendText(conversationId, body, replyToSeq);
}

void ChatClient::editMessage(const QString& conversationId, qint64 seq, const QString& body) {
    requestChange(method::kMessagesEdit, {{QStringLiteral("conversation_id"), conversationId},
                                          {QStringLiteral("seq"), seq},
                                          {QStringLiteral("body"), body}});
}

void ChatClient::deleteMessage(const QString& conversationId, qint64 seq) {
    requestChange(method::kMessagesDelete, {{QStringLiteral("conversation_id"), conversationId},
                                            {QStringLiteral("seq"), seq}});
}

void ChatClient::react(const QString& conversationId, qint64 seq, const QString& emoji,
                       bool added) {
    requestChange(method::kMessagesReact, {{QStringLiteral("conversation_id"), conversationId},
                                           {QStringLiteral("seq"), seq},
                                           {QStringLiteral("emoji"), emoji},
                                           {QStringLiteral("added"), added}});
}

void ChatClient::requestChange(QLatin1StringView method, QJsonObject params) {
    const QString conversationId = params.value(QStringLiteral("conversation_id")).toString();
    send(method, params, this, [this, conversationId](const RequestOutcome& out) {
        if (out.ok()) {
            onChangeAnswer(conversationId, *out.result);
        } else {
            emit changeRefused(conversationId, ChatMessages::forFailure(out.failure));
        }
    });
}

// The answer shows the message as it is now; its change entry (null when nothing changed) keeps
// the cursor in step like any other entry of the seq stream, and applying it applies the change.
// Only when the entry did not go in (none, or held back behind a gap that sync fills) is the
// message applied directly, so the user sees the change at once.
void ChatClient::onChangeAnswer(const QString& conversationId, const QJsonObject& result) {
    if (!store_.contains(conversationId)) {
        return;  // left meanwhile
    }
    const QJsonValue change = result.value(QStringLiteral("change"));
    if (change.isObject()) {
        const ChatMessage entry = ChatMessage::fromJson(change.toObject());
        applyMessages(conversationId, {entry});
        if (store_.cursor(conversationId) >= entry.seq) {
            return;  // applied now, or seen already through message.changed or sync
        }
    }
    const ChatMessage now =
        ChatMessage::fromJson(result.value(QStringLiteral("message")).toObject());
    publishChanged(conversationId, store_.applyChange(conversationId, now));
    publishConversation(conversationId);  // the preview may be the changed message
}

void ChatClient::publishChanged(const QString& conversationId, const QList<ChatMessage>& changed) {
    if (!changed.isEmpty()) {
        emit messagesChanged(conversationId, changed);
    }
}

}  // namespace natter
