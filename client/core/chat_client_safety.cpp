// ChatClient: blocking, chat requests and mute (docs/protocol.md 5.6), and reporting which
// messages reached this device (5.5, delivered state).
#include <QJsonArray>
#include <QTimer>

#include "chat_client.h"
#include "chat_errors.h"
#include "logging.h"
#include "method_names.h"

namespace natter {
namespace {

// Reports sent per flush: a sign-in with many unread chats must not eat the connection's request
// budget (kRequestRatePerSecond) that sending messages needs too.
constexpr int kDeliveredReportsPerFlush = 5;

bool isFromSomeoneElse(const ChatMessage& message, const QString& myId) {
    return !message.isSystem() && message.sender && message.sender->id != myId;
}

}  // namespace

void ChatClient::initSafety() {
    deliveredTimer_ = new QTimer(this);
    deliveredTimer_->setSingleShot(true);
    deliveredTimer_->setInterval(kDeliveredBatchMs);
    connect(deliveredTimer_, &QTimer::timeout, this, &ChatClient::flushDelivered);
    connect(this, &ChatClient::readyChanged, this, [this](bool ready) {
        if (ready) {
            loadBlockedUsers();  // block.changed events missed while offline
            flushDelivered();
        }
    });
}

void ChatClient::resetSafetyState() {
    deliveredDone_.clear();
    deliveredDue_.clear();
    deliveredInFlight_.clear();
    if (deliveredTimer_ != nullptr) {
        deliveredTimer_->stop();
    }
    if (!blockedUsers_.isEmpty()) {
        blockedUsers_.clear();
        emit blockedUsersChanged();
    }
}

bool ChatClient::onSafetyEvent(const QString& name, const QJsonObject& data) {
    if (name == event::kBlockChanged) {
        applyBlock(UserInfo::fromJson(data.value(QStringLiteral("user")).toObject()),
                   data.value(QStringLiteral("blocked")).toBool());
    } else if (name == event::kConversationMuted) {
        applyMuted(data.value(QStringLiteral("conversation_id")).toString(),
                   data.value(QStringLiteral("muted")).toBool());
    } else if (name == event::kReceiptDelivered) {
        onDeliveryReceipt(data);
    } else {
        return false;
    }
    return true;
}

// --- what the client knows

std::optional<UserInfo> ChatClient::peerOf(const QString& conversationId) const {
    const auto conversation = store_.find(conversationId);
    if (!conversation || conversation->isGroup()) {
        return std::nullopt;
    }
    for (const UserInfo& member : conversation->members) {
        if (member.id != myUserId()) {
            return member;
        }
    }
    return std::nullopt;
}

bool ChatClient::isBlocked(const QString& userId) const {
    return std::any_of(blockedUsers_.cbegin(), blockedUsers_.cend(),
                       [&](const UserInfo& user) { return user.id == userId; });
}

bool ChatClient::isMuted(const QString& conversationId) const {
    const auto conversation = store_.find(conversationId);
    return conversation && conversation->muted;
}

bool ChatClient::wantsNotification(const ChatMessage& message) const {
    const auto conversation = store_.find(message.conversationId);
    return isFromSomeoneElse(message, myUserId()) && conversation && !conversation->muted &&
           !conversation->request;  // requests stay quiet until accepted (5.6)
}

// --- blocking

void ChatClient::blockUser(const UserInfo& user) {
    call(method::kUsersBlock, {{QStringLiteral("user_id"), user.id}},
         [this, user](const QJsonObject&) { applyBlock(user, true); });
}

void ChatClient::unblockUser(const UserInfo& user) {
    call(method::kUsersUnblock, {{QStringLiteral("user_id"), user.id}},
         [this, user](const QJsonObject&) { applyBlock(user, false); });
}

void ChatClient::loadBlockedUsers() {
    account_->connection()->send(
        method::kUsersBlocked, {}, this, [this](const RequestOutcome& out) {
            if (!out.ok()) {
                // Not shown: the list is asked for again after the next reconnect.
                qCInfo(lcNatterNet) << "users.blocked failed:" << out.failure.detail;
                return;
            }
            blockedUsers_ = usersFromJson(out.result->value(QStringLiteral("users")).toArray());
            // Blocks made on another device while this one was offline.
            for (const Conversation& conversation : store_.conversations()) {
                if (const auto peer = peerOf(conversation.id)) {
                    applyBlock(*peer, isBlocked(peer->id));
                }
            }
            emit blockedUsersChanged();
        });
}

// Idempotent: the answer and the block.changed event of the same action both land here.
void ChatClient::applyBlock(const UserInfo& user, bool blocked) {
    if (user.id.isEmpty()) {
        return;
    }
    const bool listChanged = isBlocked(user.id) != blocked;
    if (blocked && listChanged) {
        blockedUsers_.prepend(user);  // most recently blocked first, as users.blocked answers
    } else if (listChanged) {
        blockedUsers_.removeIf([&](const UserInfo& u) { return u.id == user.id; });
    }
    const std::optional<QString> chat = privateConversationWith(user.id);
    if (chat && store_.edit(*chat, [blocked](Conversation& c) {
            return std::exchange(c.blocked, blocked) != blocked;
        })) {
        publishConversation(*chat);
    }
    if (listChanged) {
        emit blockedUsersChanged();
    }
}

// --- chat requests and mute

void ChatClient::acceptRequest(const QString& conversationId) {
    call(method::kAccept, {{QStringLiteral("conversation_id"), conversationId}},
         [this](const QJsonObject& result) {
             applyConversation(
                 Conversation::fromJson(result.value(QStringLiteral("conversation")).toObject()));
         });
}

void ChatClient::setMuted(const QString& conversationId, bool muted) {
    call(method::kMute,
         {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("muted"), muted}},
         [this](const QJsonObject& result) {
             applyMuted(result.value(QStringLiteral("conversation_id")).toString(),
                        result.value(QStringLiteral("muted")).toBool());
         });
}

void ChatClient::applyMuted(const QString& conversationId, bool muted) {
    if (store_.edit(conversationId,
                    [muted](Conversation& c) { return std::exchange(c.muted, muted) != muted; })) {
        publishConversation(conversationId);  // the title and tray totals leave muted chats out
    }
}

// --- delivered

void ChatClient::onDeliveryReceipt(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    if (store_.applyDeliveryReceipt(id, data.value(QStringLiteral("user_id")).toString(),
                                    data.value(QStringLiteral("last_delivered_seq")).toInteger())) {
        publishConversation(id);
    }
}

void ChatClient::noteHeld(const QString& conversationId, const QList<ChatMessage>& messages) {
    const auto conversation = store_.find(conversationId);
    if (!conversation) {
        return;
    }
    qint64 newest = 0;
    bool fromOthers = false;
    for (const ChatMessage& message : messages) {
        newest = qMax(newest, message.seq);
        fromOthers = fromOthers || isFromSomeoneElse(message, myUserId());
    }
    // Reading delivers too (mark_read moves the delivered marker): no report below it.
    const qint64 known =
        qMax(qMax(deliveredDone_.value(conversationId), deliveredDue_.value(conversationId)),
             conversation->lastReadSeq);
    if (!fromOthers || newest <= known) {
        return;
    }
    deliveredDue_.insert(conversationId, newest);
    if (!deliveredTimer_->isActive()) {
        deliveredTimer_->start();
    }
}

void ChatClient::flushDelivered() {
    if (account_->linkState() != AccountClient::LinkState::Online || !account_->isSignedIn()) {
        return;  // readyChanged flushes once back
    }
    int sent = 0;
    for (auto it = deliveredDue_.begin();
         it != deliveredDue_.end() && sent < kDeliveredReportsPerFlush;) {
        if (deliveredInFlight_.contains(it.key())) {
            ++it;  // one report per conversation at a time; this one waits for the next flush
            continue;
        }
        sendDelivered(it.key(), it.value());
        it = deliveredDue_.erase(it);
        ++sent;
    }
    if (!deliveredDue_.isEmpty()) {
        deliveredTimer_->start();
    }
}

void ChatClient::sendDelivered(const QString& conversationId, qint64 seq) {
    deliveredInFlight_.insert(conversationId);
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("seq"), seq}};
    account_->connection()->send(
        method::kMarkDelivered, params, this,
        [this, conversationId, seq](const RequestOutcome& out) {
            deliveredInFlight_.remove(conversationId);
            if (out.ok()) {
                const qint64 marker =
                    out.result->value(QStringLiteral("last_delivered_seq")).toInteger();
                deliveredDone_.insert(conversationId,
                                      qMax(deliveredDone_.value(conversationId), marker));
                return;
            }
            const bool worthRetrying = out.failure.kind != FailureKind::ServerError ||
                                       out.failure.isServerError(ErrorCode::RateLimited);
            if (worthRetrying && store_.contains(conversationId) &&
                deliveredDue_.value(conversationId) < seq) {
                deliveredDue_.insert(conversationId, seq);
                deliveredTimer_->start();
            }
            qCInfo(lcNatterNet) << "mark_delivered failed:" << out.failure.detail;
        });
}

// --- refusals

QString ChatClient::refusalText(const ChatMessage& message, const RequestFailure& failure) const {
    RefusalContext context;
    std::optional<UserInfo> peer;
    if (message.conversationId.isEmpty()) {
        peer = recipients_.value(message.recipientId);
    } else {
        peer = peerOf(message.conversationId);
    }
    if (peer && !peer->id.isEmpty()) {
        context.peerName = peer->displayName;
        const auto conversation = store_.find(message.conversationId);
        context.blockedByMe = isBlocked(peer->id) || (conversation && conversation->blocked);
        // Until they write back the chat is most likely still a request for them (their
        // accepting without writing is not told to me).
        const QList<ChatMessage> held = store_.messages(message.conversationId);
        context.awaitsAcceptance = std::none_of(
            held.cbegin(), held.cend(),
            [&](const ChatMessage& m) { return m.sender && m.sender->id == peer->id; });
    }
    return ChatMessages::forFailure(failure, context);
}

}  // namespace natter
