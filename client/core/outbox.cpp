#include "core/outbox.h"

#include <QTimer>
#include <QUuid>

#include "core/logging.h"
#include "message_rules.h"
#include "method_names.h"

namespace natter {
namespace {

constexpr int kRetryAfterTimeoutMs = 2'000;
// Bounds on the wait the server asks for after rate_limited (a missing value waits the least).
constexpr qint64 kMinRateWaitMs = 100;
constexpr qint64 kMaxRateWaitMs = 60'000;

}  // namespace

QString newClientMessageId() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject textContent(const QString& clientMessageId, const QString& body) {
    return {{QStringLiteral("client_message_id"), clientMessageId},
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("body"), body}};
}

Outbox::Outbox(RequestSender& link, const ConversationStore& store, RefusalWording wording,
               QObject* parent)
    : QObject(parent), link_(link), store_(store), wording_(std::move(wording)) {}

QString Outbox::keyOf(const ChatMessage& message) {
    return message.conversationId.isEmpty() ? message.recipientId : message.conversationId;
}

QString Outbox::sendText(const QString& conversationId, const QString& body, qint64 replyToSeq) {
    ChatMessage message;
    message.conversationId = conversationId;
    message.body = body.trimmed();
    if (replyToSeq > 0) {
        message.replyTo = quoteOf(conversationId, replyToSeq);
    }
    return queue(message);
}

// How a pending reply quotes its message until the server answers with the real reply_to.
ReplyRef Outbox::quoteOf(const QString& conversationId, qint64 seq) const {
    ReplyRef quote;
    quote.seq = seq;
    for (const ChatMessage& message : store_.messages(conversationId)) {
        if (message.seq == seq) {
            quote.sender = message.sender;
            quote.type = message.type;
            quote.preview = message.quotePreview();
            quote.deleted = message.deleted;
        }
    }
    return quote;
}

QString Outbox::sendTextToUser(const UserInfo& recipient, const QString& body) {
    if (const auto existing = store_.privateConversationWith(recipient.id, link_.myUserId())) {
        return sendText(*existing, body);
    }
    recipients_.insert(recipient.id, recipient);
    ChatMessage message;
    message.recipientId = recipient.id;
    message.body = body.trimmed();
    return queue(message);
}

QString Outbox::sendAttachment(const QString& conversationId, const QString& type,
                               const AttachmentMeta& meta, const QString& caption) {
    ChatMessage message;
    message.conversationId = conversationId;
    message.type = type;
    message.body = caption.trimmed();
    message.meta = meta.toJson(/*withLocalPaths=*/true);
    return queue(message);
}

QString Outbox::queue(ChatMessage message) {
    if (message.type.isEmpty()) {
        message.type = QStringLiteral("text");
    }
    std::optional<QJsonObject> meta;
    if (isAttachmentType(message.type)) {
        // The refs come with the upload; until then the rest is checked with a stand-in ref.
        AttachmentMeta attachment = AttachmentMeta::fromJson(message.meta);
        attachment.ref = QStringLiteral("f_pending");
        meta = attachment.toJson(false);
    }
    const std::optional<UserInfo> me = link_.me();
    if (checkMessageContent({message.type, message.body, meta}) || !me) {
        return {};  // the composer does not offer to send such a text
    }
    message.clientMessageId = newClientMessageId();
    message.sender = *me;
    message.sentAt = QDateTime::currentDateTimeUtc();
    message.delivery = Delivery::Pending;
    messages_.push_back(message);
    emit outgoingChanged(keyOf(message), message);
    flush();
    return message.clientMessageId;
}

void Outbox::retry(const QString& clientMessageId) {
    ChatMessage* message = find(clientMessageId);
    if (message == nullptr || message->delivery != Delivery::Failed) {
        return;
    }
    message->delivery = Delivery::Pending;
    message->failureText.clear();
    emit outgoingChanged(keyOf(*message), *message);
    flush();
}

void Outbox::setUploaded(const QString& clientMessageId, const QString& ref,
                         const QString& thumbRef) {
    ChatMessage* message = find(clientMessageId);
    if (message == nullptr) {
        return;
    }
    AttachmentMeta attachment = AttachmentMeta::fromJson(message->meta);
    attachment.ref = ref;
    attachment.thumbRef = thumbRef;
    message->meta = attachment.toJson(/*withLocalPaths=*/true);
    emit outgoingChanged(keyOf(*message), *message);
    flush();
}

void Outbox::setFailed(const QString& clientMessageId, const QString& reason) {
    ChatMessage* message = find(clientMessageId);
    if (message == nullptr || message->delivery != Delivery::Pending) {
        return;
    }
    message->delivery = Delivery::Failed;
    message->failureText = reason;
    emit outgoingChanged(keyOf(*message), *message);
}

bool Outbox::cancel(const QString& clientMessageId) {
    const ChatMessage* message = find(clientMessageId);
    if (message == nullptr || (sending_ && sendingId_ == clientMessageId)) {
        return false;
    }
    const QString key = keyOf(*message);
    std::erase_if(messages_,
                  [&](const ChatMessage& m) { return m.clientMessageId == clientMessageId; });
    emit outgoingRemoved(key, clientMessageId);
    return true;
}

bool Outbox::isSendable(const ChatMessage& message) {
    return message.delivery == Delivery::Pending &&
           (!isAttachmentType(message.type) || AttachmentMeta::fromJson(message.meta).isUploaded());
}

QJsonObject Outbox::contentOf(const ChatMessage& message) {
    if (!isAttachmentType(message.type)) {
        return textContent(message.clientMessageId, message.body);
    }
    return {{QStringLiteral("client_message_id"), message.clientMessageId},
            {QStringLiteral("type"), message.type},
            {QStringLiteral("body"), message.body},
            {QStringLiteral("meta"), AttachmentMeta::fromJson(message.meta).toJson(false)}};
}

bool Outbox::discard(const QString& clientMessageId) {
    const ChatMessage* message = find(clientMessageId);
    if (message == nullptr || message->delivery != Delivery::Failed) {
        return false;
    }
    const QString key = keyOf(*message);
    std::erase_if(messages_,
                  [&](const ChatMessage& m) { return m.clientMessageId == clientMessageId; });
    emit outgoingRemoved(key, clientMessageId);  // the cache writer drops it from the file too
    return true;
}

QList<ChatMessage> Outbox::messagesFor(const QString& key) const {
    QList<ChatMessage> mine;
    for (const ChatMessage& message : messages_) {
        if (keyOf(message) == key) {
            mine.append(message);
        }
    }
    return mine;
}

bool Outbox::contains(const QString& clientMessageId) const {
    return !clientMessageId.isEmpty() &&
           std::any_of(messages_.cbegin(), messages_.cend(),
                       [&](const ChatMessage& m) { return m.clientMessageId == clientMessageId; });
}

Conversation Outbox::privateChatDraft(const QString& conversationId,
                                      const QString& recipientId) const {
    Conversation draft;
    draft.id = conversationId;
    draft.kind = Conversation::Kind::Private;
    const UserInfo recipient = recipients_.value(recipientId);
    draft.name = recipient.displayName;
    draft.members = {link_.me().value_or(UserInfo{}), recipient};
    return draft;
}

ChatMessage* Outbox::find(const QString& clientMessageId) {
    if (clientMessageId.isEmpty()) {
        return nullptr;
    }
    const auto found = std::find_if(messages_.begin(), messages_.end(), [&](const ChatMessage& m) {
        return m.clientMessageId == clientMessageId;
    });
    return found == messages_.end() ? nullptr : &*found;
}

// One message at a time, oldest first, so the server stores them in the order they were written;
// an attachment still uploading lets the messages after it go first.
void Outbox::flush() {
    if (!link_.isReady() || sending_ || !sendAfter_.hasExpired()) {
        return;
    }
    const auto next = std::find_if(messages_.cbegin(), messages_.cend(), &Outbox::isSendable);
    if (next == messages_.cend()) {
        return;
    }
    QJsonObject params = contentOf(*next);
    if (next->replyTo) {
        params.insert(QStringLiteral("reply_to_seq"), next->replyTo->seq);
    }
    if (next->conversationId.isEmpty()) {
        params.insert(QStringLiteral("to_user_id"), next->recipientId);
    } else {
        params.insert(QStringLiteral("conversation_id"), next->conversationId);
    }
    sending_ = true;
    sendingId_ = next->clientMessageId;
    link_.send(method::kMessagesSend, params, this,
               [this, id = next->clientMessageId](const RequestOutcome& out) {
                   sending_ = false;
                   onSendAnswer(id, out);
               });
}

void Outbox::onSendAnswer(const QString& clientMessageId, const RequestOutcome& outcome) {
    ChatMessage* message = find(clientMessageId);
    if (message == nullptr) {
        flush();  // resolved meanwhile (sync brought it) or its conversation is gone
        return;
    }
    if (outcome.ok()) {
        const ChatMessage stored =
            ChatMessage::fromJson(outcome.result->value(QStringLiteral("message")).toObject());
        // Storing it takes it out of the outbox (and announces a new private chat).
        emit this->stored(stored, message->recipientId);
        if (find(clientMessageId) != nullptr) {
            resolve(stored);  // not recognised as mine: still, it is stored
        }
        flush();
        return;
    }
    if (outcome.failure.isServerError(ErrorCode::RateLimited)) {
        hold(*message, outcome.failure.error.retryAfterMs);
        return;
    }
    if (outcome.failure.kind == FailureKind::ServerError) {
        message->delivery = Delivery::Failed;
        message->failureText = wording_(*message, outcome.failure);
        qCInfo(lcNatterNet) << "message refused:" << errorCodeName(outcome.failure.error.code);
        emit outgoingChanged(keyOf(*message), *message);
        flush();
    } else if (outcome.failure.kind == FailureKind::Timeout) {
        // Still pending; the same client_message_id makes the retry safe.
        QTimer::singleShot(kRetryAfterTimeoutMs, this, &Outbox::flush);
    }
    // Connection lost: it stays pending and goes out after the reconnect's sync.
}

// The server's message rate (docs/protocol.md 5.6) is no fault of the message: it and those after
// it stay pending, in order, and the same message goes first again once the wait is over.
void Outbox::hold(const ChatMessage& message, qint64 retryAfterMs) {
    const int waitMs = int(qBound<qint64>(kMinRateWaitMs, retryAfterMs, kMaxRateWaitMs));
    sendAfter_ = QDeadlineTimer(waitMs);
    qCInfo(lcNatterNet) << "message rate reached; sending again in" << waitMs << "ms";
    emit sendingThrottled(keyOf(message), waitMs);
    QTimer::singleShot(waitMs, this, &Outbox::flush);
}

QString Outbox::resolve(const ChatMessage& stored) {
    const auto found = std::find_if(messages_.begin(), messages_.end(), [&](const ChatMessage& m) {
        return m.clientMessageId == stored.clientMessageId;
    });
    if (found == messages_.end()) {
        return {};
    }
    const QString key = keyOf(*found);
    const QString recipient = found->recipientId;
    messages_.erase(found);
    emit outgoingRemoved(key, stored.clientMessageId);
    if (recipient.isEmpty()) {
        return {};
    }
    // Later first messages to the same person now belong to the conversation that exists.
    for (ChatMessage& other : messages_) {
        if (other.recipientId == recipient) {
            emit outgoingRemoved(recipient, other.clientMessageId);
            other.recipientId.clear();
            other.conversationId = stored.conversationId;
            emit outgoingChanged(stored.conversationId, other);
        }
    }
    return recipient;
}

void Outbox::dropConversation(const QString& conversationId) {
    std::erase_if(messages_,
                  [&](const ChatMessage& m) { return m.conversationId == conversationId; });
}

void Outbox::keepOnlyFrom(const QString& userId) {
    std::erase_if(messages_, [&](const ChatMessage& m) { return m.sender->id != userId; });
}

void Outbox::clear() {
    messages_.clear();
    recipients_.clear();
    sending_ = false;
}

bool Outbox::adoptCached(std::vector<ChatMessage> cached, const QList<UserInfo>& recipients) {
    for (const UserInfo& recipient : recipients) {
        recipients_.insert(recipient.id, recipient);
    }
    bool added = false;
    for (const ChatMessage& message : messages_) {
        if (std::none_of(cached.cbegin(), cached.cend(), [&](const ChatMessage& m) {
                return m.clientMessageId == message.clientMessageId;
            })) {
            cached.push_back(message);
            added = true;
        }
    }
    messages_ = std::move(cached);
    return added;
}

}  // namespace natter
