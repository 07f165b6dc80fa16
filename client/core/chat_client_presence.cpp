// ChatClient: read state (unread counts, marking read, receipts), presence and typing
// (docs/protocol.md 5.4, 5.5 and the events of 5.7).
#include <QJsonArray>

#include "chat_client.h"
#include "logging.h"
#include "method_names.h"
#include "protocol_limits.h"

namespace natter {

void ChatClient::publishConversation(const QString& conversationId) {
    if (const auto conversation = store_.find(conversationId)) {
        emit conversationChanged(*conversation);
    }
    publishTotalUnread();
}

void ChatClient::publishTotalUnread() {
    const int total = store_.totalUnread();
    if (total != publishedTotalUnread_) {
        publishedTotalUnread_ = total;
        emit totalUnreadChanged(total);
    }
}

// Nothing of the previous connection's people (typing) or account (everything) stays.
void ChatClient::resetLiveState() {
    markReadSent_.clear();
    presence_.clear();
    presenceAsked_.clear();
    typing_.clear();
    typingRepeatAfter_.clear();
    typingExpiry_->stop();
    resetSafetyState();
    publishTotalUnread();
}

bool ChatClient::onStateEvent(const QString& name, const QJsonObject& data) {
    if (name == event::kReadStateChanged) {
        onReadState(data);
    } else if (name == event::kReceiptRead) {
        onReceipt(data);
    } else if (name == event::kPresenceSnapshot) {
        for (const QJsonValue& value : data.value(QStringLiteral("presence")).toArray()) {
            applyPresence(Presence::fromJson(value.toObject()));
        }
    } else if (name == event::kPresenceChanged) {
        applyPresence(Presence::fromJson(data));
    } else if (name == event::kTyping) {
        onTyping(data);
    } else {
        return false;
    }
    return true;
}

// --- read state

void ChatClient::markRead(const QString& conversationId, qint64 seq) {
    const auto conversation = store_.find(conversationId);
    if (!conversation ||
        seq <= qMax(conversation->lastReadSeq, markReadSent_.value(conversationId))) {
        return;  // read already, or asked already
    }
    markReadSent_.insert(conversationId, seq);
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("seq"), seq}};
    account_->connection()->send(
        method::kMarkRead, params, this, [this, conversationId](const RequestOutcome& out) {
            markReadSent_.remove(conversationId);
            if (out.ok()) {
                onReadState(*out.result);
            } else {
                // Not shown: the next scroll or message asks again.
                qCInfo(lcNatterNet) << "mark_read failed:" << out.failure.detail;
            }
        });
}

void ChatClient::onReadState(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    if (store_.applyReadState(id, data.value(QStringLiteral("last_read_seq")).toInteger(),
                              data.value(QStringLiteral("unread_count")).toInt())) {
        publishConversation(id);
    }
}

void ChatClient::onReceipt(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    if (store_.applyReceipt(id, data.value(QStringLiteral("user_id")).toString(),
                            data.value(QStringLiteral("last_read_seq")).toInteger())) {
        publishConversation(id);
    }
}

// --- presence

Presence ChatClient::presence(const QString& userId) const {
    Presence unknown;
    unknown.userId = userId;
    return presence_.value(userId, unknown);
}

void ChatClient::applyPresence(const Presence& presence) {
    if (presence.userId.isEmpty()) {
        return;
    }
    presence_.insert(presence.userId, presence);
    emit presenceChanged(presence);
}

// People met in a new conversation after the sign-in snapshot: ask once what they are.
void ChatClient::askPresenceOf(const QList<UserInfo>& members) {
    QJsonArray ids;
    for (const UserInfo& member : members) {
        if (member.id != myUserId() && !presence_.contains(member.id) &&
            !presenceAsked_.contains(member.id) && ids.size() < limits::kPresenceQueryMax) {
            presenceAsked_.insert(member.id);
            ids.append(member.id);
        }
    }
    if (ids.isEmpty()) {
        return;
    }
    account_->connection()->send(
        method::kPresenceGet, {{QStringLiteral("user_ids"), ids}}, this,
        [this](const RequestOutcome& out) {
            if (!out.ok()) {
                return;  // stays unknown; presence.changed still arrives
            }
            for (const QJsonValue& value :
                 out.result->value(QStringLiteral("presence")).toArray()) {
                const Presence presence = Presence::fromJson(value.toObject());
                if (!presence_.contains(presence.userId)) {  // an event may have been newer
                    applyPresence(presence);
                }
            }
        });
}

// --- typing

QStringList ChatClient::typingUsers(const QString& conversationId) const {
    QStringList ids;
    for (const Typist& typist : typing_.value(conversationId)) {
        ids << typist.userId;
    }
    return ids;
}

void ChatClient::onTyping(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    const QString userId = data.value(QStringLiteral("user_id")).toString();
    const bool typing = data.value(QStringLiteral("typing")).toBool();
    const int expiresInMs = data.value(QStringLiteral("expires_in_ms")).toInt(limits::kTypingTtlMs);
    setTyping(id, userId, typing ? qMax(0, expiresInMs) : 0);
}

// expiresInMs 0: stopped.
void ChatClient::setTyping(const QString& conversationId, const QString& userId, int expiresInMs) {
    QList<Typist>& typists = typing_[conversationId];
    const auto found = std::find_if(typists.begin(), typists.end(),
                                    [&](const Typist& t) { return t.userId == userId; });
    const bool wasTyping = found != typists.end();
    if (expiresInMs > 0 && wasTyping) {
        found->expires = QDeadlineTimer(expiresInMs);
    } else if (expiresInMs > 0) {
        typists.append({userId, QDeadlineTimer(expiresInMs)});
    } else if (wasTyping) {
        typists.erase(found);
    }
    if (typists.isEmpty()) {
        typing_.remove(conversationId);
    }
    expireTyping();  // reschedules the timer
    if (wasTyping != (expiresInMs > 0)) {
        emit typingChanged(conversationId);
    }
}

void ChatClient::expireTyping() {
    qint64 nextMs = -1;
    QStringList changed;
    for (auto it = typing_.begin(); it != typing_.end();) {
        if (it->removeIf([](const Typist& t) { return t.expires.hasExpired(); }) > 0) {
            changed << it.key();
        }
        for (const Typist& typist : std::as_const(*it)) {
            const qint64 left = typist.expires.remainingTime();
            nextMs = nextMs < 0 ? left : qMin(nextMs, left);
        }
        it = it->isEmpty() ? typing_.erase(it) : std::next(it);
    }
    if (nextMs >= 0) {
        typingExpiry_->start(int(nextMs) + 1);
    } else {
        typingExpiry_->stop();
    }
    for (const QString& id : std::as_const(changed)) {
        emit typingChanged(id);
    }
}

void ChatClient::noteTyping(const QString& conversationId) {
    if (!store_.contains(conversationId) || !ready_) {
        return;  // a draft has no one to tell yet; offline nobody hears it
    }
    const auto last = typingRepeatAfter_.constFind(conversationId);
    if (last != typingRepeatAfter_.cend() && !last->hasExpired()) {
        return;
    }
    typingRepeatAfter_.insert(conversationId, QDeadlineTimer(kTypingRepeatMs));
    sendTyping(conversationId, true);
}

void ChatClient::stopTyping(const QString& conversationId) {
    if (typingRepeatAfter_.remove(conversationId) > 0) {
        sendTyping(conversationId, false);
    }
}

void ChatClient::sendTyping(const QString& conversationId, bool typing) {
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("typing"), typing}};
    // A lost or throttled typing notice is not worth a word to the user: it expires anyway.
    account_->connection()->send(method::kTypingSet, params, this, [](const RequestOutcome&) {});
}

}  // namespace natter
