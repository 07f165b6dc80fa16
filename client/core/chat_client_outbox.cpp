// ChatClient: the outbox (sending exactly once) and the group, search and contact requests.
#include <QJsonArray>
#include <QTimer>
#include <QUuid>

#include "chat_client.h"
#include "chat_errors.h"
#include "logging.h"
#include "message_rules.h"
#include "method_names.h"
#include "protocol_limits.h"

namespace natter {
namespace {

constexpr int kRetryAfterTimeoutMs = 2'000;
// Bounds on the wait the server asks for after rate_limited (a missing value waits the least).
constexpr qint64 kMinRateWaitMs = 100;
constexpr qint64 kMaxRateWaitMs = 60'000;

QString newClientMessageId() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject textContent(const QString& clientMessageId, const QString& body) {
    return {{QStringLiteral("client_message_id"), clientMessageId},
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("body"), body}};
}

Conversation conversationOf(const QJsonObject& result) {
    return Conversation::fromJson(result.value(QStringLiteral("conversation")).toObject());
}

}  // namespace

QString ChatClient::keyOf(const ChatMessage& message) {
    return message.conversationId.isEmpty() ? message.recipientId : message.conversationId;
}

QString ChatClient::sendText(const QString& conversationId, const QString& body) {
    ChatMessage message;
    message.conversationId = conversationId;
    message.body = body.trimmed();
    return queue(message);
}

QString ChatClient::sendTextToUser(const UserInfo& recipient, const QString& body) {
    if (const auto existing = privateConversationWith(recipient.id)) {
        return sendText(*existing, body);
    }
    recipients_.insert(recipient.id, recipient);
    ChatMessage message;
    message.recipientId = recipient.id;
    message.body = body.trimmed();
    return queue(message);
}

QString ChatClient::queue(ChatMessage message) {
    message.type = QStringLiteral("text");
    if (checkMessageContent({message.type, message.body, std::nullopt}) || !account_->account()) {
        return {};  // the composer does not offer to send such a text
    }
    message.clientMessageId = newClientMessageId();
    message.sender = account_->account()->user;
    message.sentAt = QDateTime::currentDateTimeUtc();
    message.delivery = Delivery::Pending;
    outbox_.push_back(message);
    emit outgoingChanged(keyOf(message), message);
    flushOutbox();
    return message.clientMessageId;
}

void ChatClient::retry(const QString& clientMessageId) {
    ChatMessage* message = findOutgoing(clientMessageId);
    if (message == nullptr || message->delivery != Delivery::Failed) {
        return;
    }
    message->delivery = Delivery::Pending;
    message->failureText.clear();
    emit outgoingChanged(keyOf(*message), *message);
    flushOutbox();
}

// What is known of a private chat the server just created, until conversations.get answers.
Conversation ChatClient::privateChatDraft(const QString& conversationId,
                                          const QString& recipientId) const {
    Conversation draft;
    draft.id = conversationId;
    draft.kind = Conversation::Kind::Private;
    const UserInfo recipient = recipients_.value(recipientId);
    draft.name = recipient.displayName;
    draft.members = {account_->account()->user, recipient};
    return draft;
}

ChatMessage* ChatClient::findOutgoing(const QString& clientMessageId) {
    if (clientMessageId.isEmpty()) {
        return nullptr;
    }
    const auto found = std::find_if(outbox_.begin(), outbox_.end(), [&](const ChatMessage& m) {
        return m.clientMessageId == clientMessageId;
    });
    return found == outbox_.end() ? nullptr : &*found;
}

// One message at a time, oldest first, so the server stores them in the order they were written.
void ChatClient::flushOutbox() {
    if (!ready_ || sending_ || !sendAfter_.hasExpired()) {
        return;
    }
    const auto next = std::find_if(outbox_.cbegin(), outbox_.cend(), [](const ChatMessage& m) {
        return m.delivery == Delivery::Pending;
    });
    if (next == outbox_.cend()) {
        return;
    }
    QJsonObject params = textContent(next->clientMessageId, next->body);
    if (next->conversationId.isEmpty()) {
        params.insert(QStringLiteral("to_user_id"), next->recipientId);
    } else {
        params.insert(QStringLiteral("conversation_id"), next->conversationId);
    }
    sending_ = true;
    account_->connection()->send(method::kMessagesSend, params, this,
                                 [this, id = next->clientMessageId](const RequestOutcome& out) {
                                     sending_ = false;
                                     onSendAnswer(id, out);
                                 });
}

void ChatClient::onSendAnswer(const QString& clientMessageId, const RequestOutcome& outcome) {
    ChatMessage* message = findOutgoing(clientMessageId);
    if (message == nullptr) {
        flushOutbox();  // resolved meanwhile (sync brought it) or its conversation is gone
        return;
    }
    if (outcome.ok()) {
        const ChatMessage stored =
            ChatMessage::fromJson(outcome.result->value(QStringLiteral("message")).toObject());
        const QString recipient = message->recipientId;
        if (!recipient.isEmpty() && !store_.contains(stored.conversationId)) {
            store_.upsert(privateChatDraft(stored.conversationId, recipient));
        }
        // Takes it out of the outbox (and announces a new private chat) as it stores it.
        applyMessages(stored.conversationId, {stored});
        if (findOutgoing(clientMessageId) != nullptr) {
            resolveOutgoing(stored);  // not recognised as mine: still, it is stored
        }
        if (!recipient.isEmpty()) {
            fetchConversation(stored.conversationId);
        }
        flushOutbox();
        return;
    }
    if (outcome.failure.isServerError(ErrorCode::RateLimited)) {
        holdOutbox(*message, outcome.failure.error.retryAfterMs);
        return;
    }
    if (outcome.failure.kind == FailureKind::ServerError) {
        message->delivery = Delivery::Failed;
        message->failureText = refusalText(*message, outcome.failure);
        qCInfo(lcNatterNet) << "message refused:" << errorCodeName(outcome.failure.error.code);
        emit outgoingChanged(keyOf(*message), *message);
        flushOutbox();
    } else if (outcome.failure.kind == FailureKind::Timeout) {
        // Still pending; the same client_message_id makes the retry safe.
        QTimer::singleShot(kRetryAfterTimeoutMs, this, &ChatClient::flushOutbox);
    }
    // Connection lost: it stays pending and goes out after the reconnect's sync.
}

// The server's message rate (docs/protocol.md 5.6) is no fault of the message: it and those after
// it stay pending, in order, and the same message goes first again once the wait is over.
void ChatClient::holdOutbox(const ChatMessage& message, qint64 retryAfterMs) {
    const int waitMs = int(qBound<qint64>(kMinRateWaitMs, retryAfterMs, kMaxRateWaitMs));
    sendAfter_ = QDeadlineTimer(waitMs);
    qCInfo(lcNatterNet) << "message rate reached; sending again in" << waitMs << "ms";
    emit sendingThrottled(keyOf(message), waitMs);
    QTimer::singleShot(waitMs, this, &ChatClient::flushOutbox);
}

QString ChatClient::resolveOutgoing(const ChatMessage& stored) {
    const auto found = std::find_if(outbox_.begin(), outbox_.end(), [&](const ChatMessage& m) {
        return m.clientMessageId == stored.clientMessageId;
    });
    if (found == outbox_.end()) {
        return {};
    }
    const QString key = keyOf(*found);
    const QString recipient = found->recipientId;
    outbox_.erase(found);
    emit outgoingRemoved(key, stored.clientMessageId);
    if (recipient.isEmpty()) {
        return {};
    }
    // Later first messages to the same person now belong to the conversation that exists.
    for (ChatMessage& other : outbox_) {
        if (other.recipientId == recipient) {
            emit outgoingRemoved(recipient, other.clientMessageId);
            other.recipientId.clear();
            other.conversationId = stored.conversationId;
            emit outgoingChanged(stored.conversationId, other);
        }
    }
    return recipient;
}

// --- groups, people

void ChatClient::createGroup(const QString& name, const QStringList& memberIds,
                             const QString& firstMessage) {
    QJsonObject params = textContent(newClientMessageId(), firstMessage.trimmed());
    params.insert(QStringLiteral("name"), name.trimmed());
    params.insert(QStringLiteral("member_ids"), QJsonArray::fromStringList(memberIds));
    call(method::kCreateGroup, params, [this](const QJsonObject& result) {
        const Conversation group = conversationOf(result);
        applyConversation(group);
        applyMessages(group.id,
                      {ChatMessage::fromJson(result.value(QStringLiteral("message")).toObject())});
        emit groupCreated(*conversation(group.id));
    });
}

void ChatClient::addMembers(const QString& conversationId, const QStringList& memberIds) {
    call(method::kAddMembers,
         {{QStringLiteral("conversation_id"), conversationId},
          {QStringLiteral("member_ids"), QJsonArray::fromStringList(memberIds)}},
         [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::removeMember(const QString& conversationId, const QString& memberId) {
    call(method::kRemoveMember,
         {{QStringLiteral("conversation_id"), conversationId},
          {QStringLiteral("member_id"), memberId}},
         [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::renameGroup(const QString& conversationId, const QString& name) {
    call(method::kRename,
         {{QStringLiteral("conversation_id"), conversationId},
          {QStringLiteral("name"), name.trimmed()}},
         [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::leaveGroup(const QString& conversationId) {
    call(method::kLeave, {{QStringLiteral("conversation_id"), conversationId}},
         [this, conversationId](const QJsonObject&) { dropConversation(conversationId); });
}

void ChatClient::searchUsers(const QString& query) {
    const QString trimmed = query.trimmed();
    call(method::kUsersSearch,
         {{QStringLiteral("query"), trimmed}, {QStringLiteral("limit"), limits::kUserSearchMax}},
         [this, trimmed](const QJsonObject& result) {
             emit usersFound(trimmed,
                             usersFromJson(result.value(QStringLiteral("users")).toArray()));
         });
}

void ChatClient::loadRecentContacts() {
    call(method::kContactsRecent, {}, [this](const QJsonObject& result) {
        emit recentContactsLoaded(usersFromJson(result.value(QStringLiteral("users")).toArray()));
    });
}

}  // namespace natter
