#include "core/presence_tracker.h"

#include <QJsonArray>
#include <QTimer>

#include "method_names.h"
#include "protocol_limits.h"

namespace natter {

PresenceTracker::PresenceTracker(RequestSender& link, const ConversationStore& store,
                                 QObject* parent)
    : QObject(parent), link_(link), store_(store), typingExpiry_(new QTimer(this)) {
    typingExpiry_->setSingleShot(true);
    connect(typingExpiry_, &QTimer::timeout, this, &PresenceTracker::expireTyping);
}

void PresenceTracker::reset() {
    presence_.clear();
    presenceAsked_.clear();
    hidden_.clear();
    typing_.clear();
    typingRepeatAfter_.clear();
    typingExpiry_->stop();
}

// --- presence

Presence PresenceTracker::presence(const QString& userId) const {
    Presence unknown;
    unknown.userId = userId;
    return hidden_.contains(userId) ? unknown : presence_.value(userId, unknown);
}

void PresenceTracker::forgetPresence() {
    const QList<QString> known = presence_.keys();
    presence_.clear();
    presenceAsked_.clear();
    for (const QString& userId : known) {
        emit presenceChanged(presence(userId));
    }
}

void PresenceTracker::setHiddenUsers(const QSet<QString>& userIds) {
    // Those hidden now and those shown again; a user in both sets is unchanged.
    QSet<QString> changed = userIds;
    changed.unite(hidden_).subtract(QSet<QString>(userIds).intersect(hidden_));
    hidden_ = userIds;
    for (const QString& userId : std::as_const(changed)) {
        emit presenceChanged(presence(userId));
    }
}

void PresenceTracker::onPresenceSnapshot(const QJsonObject& data) {
    for (const QJsonValue& value : data.value(QStringLiteral("presence")).toArray()) {
        applyPresence(Presence::fromJson(value.toObject()));
    }
}

void PresenceTracker::onPresenceChanged(const QJsonObject& data) {
    applyPresence(Presence::fromJson(data));
}

void PresenceTracker::applyPresence(const Presence& presence) {
    if (presence.userId.isEmpty()) {
        return;
    }
    presence_.insert(presence.userId, presence);
    emit presenceChanged(this->presence(presence.userId));
}

void PresenceTracker::askPresenceOf(const QList<UserInfo>& members) {
    QJsonArray ids;
    const QString myId = link_.myUserId();
    for (const UserInfo& member : members) {
        if (member.id != myId && !presence_.contains(member.id) &&
            !presenceAsked_.contains(member.id) && ids.size() < limits::kPresenceQueryMax) {
            presenceAsked_.insert(member.id);
            ids.append(member.id);
        }
    }
    if (ids.isEmpty()) {
        return;
    }
    link_.send(method::kPresenceGet, {{QStringLiteral("user_ids"), ids}}, this,
               [this](const RequestOutcome& out) {
                   if (!out.ok()) {
                       return;  // stays unknown; presence.changed still arrives
                   }
                   for (const QJsonValue& value :
                        out.result->value(QStringLiteral("presence")).toArray()) {
                       const Presence presence = Presence::fromJson(value.toObject());
                       if (!presence_.contains(presence.userId)) {  // an event may be newer
                           applyPresence(presence);
                       }
                   }
               });
}

// --- typing

QStringList PresenceTracker::typingUsers(const QString& conversationId) const {
    QStringList ids;
    for (const Typist& typist : typing_.value(conversationId)) {
        ids << typist.userId;
    }
    return ids;
}

void PresenceTracker::onTyping(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    const QString userId = data.value(QStringLiteral("user_id")).toString();
    const bool typing = data.value(QStringLiteral("typing")).toBool();
    const int expiresInMs = data.value(QStringLiteral("expires_in_ms")).toInt(limits::kTypingTtlMs);
    setTyping(id, userId, typing ? qMax(0, expiresInMs) : 0);
}

void PresenceTracker::noteSent(const QString& conversationId, const QString& userId) {
    setTyping(conversationId, userId, 0);
}

void PresenceTracker::forgetConversation(const QString& conversationId) {
    typing_.remove(conversationId);
}

void PresenceTracker::setTyping(const QString& conversationId, const QString& userId,
                                int expiresInMs) {
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

void PresenceTracker::expireTyping() {
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

void PresenceTracker::noteTyping(const QString& conversationId) {
    if (!store_.contains(conversationId) || !link_.isReady()) {
        return;  // a draft has no one to tell yet; offline nobody hears it
    }
    const auto last = typingRepeatAfter_.constFind(conversationId);
    if (last != typingRepeatAfter_.cend() && !last->hasExpired()) {
        return;
    }
    typingRepeatAfter_.insert(conversationId, QDeadlineTimer(kTypingRepeatMs));
    sendTyping(conversationId, true);
}

void PresenceTracker::stopTyping(const QString& conversationId) {
    if (typingRepeatAfter_.remove(conversationId) > 0) {
        sendTyping(conversationId, false);
    }
}

void PresenceTracker::sendTyping(const QString& conversationId, bool typing) {
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("typing"), typing}};
    // A lost or throttled typing notice is not worth a word to the user: it expires anyway.
    link_.send(method::kTypingSet, params, this, [](const RequestOutcome&) {});
}

}  // namespace natter
