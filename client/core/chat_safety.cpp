#include "core/chat_safety.h"

#include <QJsonArray>
#include <QTimer>

#include "core/chat_errors.h"
#include "core/logging.h"
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

ChatSafety::ChatSafety(RequestSender& link, ConversationStore& store, QObject* parent)
    : QObject(parent), link_(link), store_(store), deliveredTimer_(new QTimer(this)) {
    deliveredTimer_->setSingleShot(true);
    deliveredTimer_->setInterval(kDeliveredBatchMs);
    connect(deliveredTimer_, &QTimer::timeout, this, &ChatSafety::flushDelivered);
}

void ChatSafety::onReady() {
    loadBlockedUsers();  // block.changed events missed while offline
    flushDelivered();
}

void ChatSafety::reset() {
    deliveredDone_.clear();
    deliveredDue_.clear();
    deliveredInFlight_.clear();
    deliveredTimer_->stop();
    if (!blockedUsers_.isEmpty()) {
        blockedUsers_.clear();
        emit blockedUsersChanged();
    }
}

// --- what the client knows

std::optional<UserInfo> ChatSafety::peerOf(const QString& conversationId) const {
    const auto conversation = store_.find(conversationId);
    if (!conversation || conversation->isGroup()) {
        return std::nullopt;
    }
    const QString myId = link_.myUserId();
    for (const UserInfo& member : conversation->members) {
        if (member.id != myId) {
            return member;
        }
    }
    return std::nullopt;
}

bool ChatSafety::isBlocked(const QString& userId) const {
    return std::any_of(blockedUsers_.cbegin(), blockedUsers_.cend(),
                       [&](const UserInfo& user) { return user.id == userId; });
}

bool ChatSafety::isMuted(const QString& conversationId) const {
    const auto conversation = store_.find(conversationId);
    return conversation && conversation->muted;
}

bool ChatSafety::wantsNotification(const ChatMessage& message) const {
    const auto conversation = store_.find(message.conversationId);
    return isFromSomeoneElse(message, link_.myUserId()) && conversation && !conversation->muted &&
           !conversation->request;  // requests stay quiet until accepted (5.6)
}

// --- blocking

void ChatSafety::blockUser(const UserInfo& user) {
    link_.call(method::kUsersBlock, {{QStringLiteral("user_id"), user.id}}, this,
               [this, user](const QJsonObject&) { applyBlock(user, true); });
}

void ChatSafety::unblockUser(const UserInfo& user) {
    link_.call(method::kUsersUnblock, {{QStringLiteral("user_id"), user.id}}, this,
               [this, user](const QJsonObject&) { applyBlock(user, false); });
}

void ChatSafety::loadBlockedUsers() {
    link_.send(method::kUsersBlocked, {}, this, [this](const RequestOutcome& out) {
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

void ChatSafety::onBlockChanged(const QJsonObject& data) {
    applyBlock(UserInfo::fromJson(data.value(QStringLiteral("user")).toObject()),
               data.value(QStringLiteral("blocked")).toBool());
}

// Idempotent: the answer and the block.changed event of the same action both land here.
void ChatSafety::applyBlock(const UserInfo& user, bool blocked) {
    if (user.id.isEmpty()) {
        return;
    }
    const bool listChanged = isBlocked(user.id) != blocked;
    if (blocked && listChanged) {
        blockedUsers_.prepend(user);  // most recently blocked first, as users.blocked answers
    } else if (listChanged) {
        blockedUsers_.removeIf([&](const UserInfo& u) { return u.id == user.id; });
    }
    const std::optional<QString> chat = store_.privateConversationWith(user.id, link_.myUserId());
    if (chat && store_.edit(*chat, [blocked](Conversation& c) {
            return std::exchange(c.blocked, blocked) != blocked;
        })) {
        emit conversationEdited(*chat);
    }
    if (listChanged) {
        emit blockedUsersChanged();
    }
}

// --- chat requests and mute

void ChatSafety::acceptRequest(const QString& conversationId) {
    link_.call(method::kAccept, {{QStringLiteral("conversation_id"), conversationId}}, this,
               [this](const QJsonObject& result) {
                   emit conversationAccepted(Conversation::fromJson(
                       result.value(QStringLiteral("conversation")).toObject()));
               });
}

void ChatSafety::setMuted(const QString& conversationId, bool muted) {
    link_.call(
        method::kMute,
        {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("muted"), muted}},
        this, [this](const QJsonObject& result) { onMuted(result); });
}

void ChatSafety::onMuted(const QJsonObject& data) {
    applyMuted(data.value(QStringLiteral("conversation_id")).toString(),
               data.value(QStringLiteral("muted")).toBool());
}

void ChatSafety::applyMuted(const QString& conversationId, bool muted) {
    if (store_.edit(conversationId,
                    [muted](Conversation& c) { return std::exchange(c.muted, muted) != muted; })) {
        emit conversationEdited(conversationId);  // the title and tray totals leave muted out
    }
}

// --- delivered

void ChatSafety::onDeliveryReceipt(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    if (store_.applyDeliveryReceipt(id, data.value(QStringLiteral("user_id")).toString(),
                                    data.value(QStringLiteral("last_delivered_seq")).toInteger())) {
        emit conversationEdited(id);
    }
}

void ChatSafety::noteHeld(const QString& conversationId, const QList<ChatMessage>& messages) {
    const auto conversation = store_.find(conversationId);
    if (!conversation || conversation->request) {
        return;  // a request I have not accepted tells its sender nothing (protocol 5.6)
    }
    qint64 newest = 0;
    bool fromOthers = false;
    const QString myId = link_.myUserId();
    for (const ChatMessage& message : messages) {
        newest = qMax(newest, message.seq);
        fromOthers = fromOthers || isFromSomeoneElse(message, myId);
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

void ChatSafety::flushDelivered() {
    if (!link_.isOnline()) {
        return;  // onReady flushes once back
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

void ChatSafety::sendDelivered(const QString& conversationId, qint64 seq) {
    deliveredInFlight_.insert(conversationId);
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("seq"), seq}};
    link_.send(method::kMarkDelivered, params, this,
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

QString ChatSafety::refusalText(const ChatMessage& message, const RequestFailure& failure,
                                const UserInfo& recipient) const {
    RefusalContext context;
    std::optional<UserInfo> peer;
    if (message.conversationId.isEmpty()) {
        peer = recipient;
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
