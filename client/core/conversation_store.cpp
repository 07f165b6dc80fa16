#include "core/conversation_store.h"

namespace natter {

void ConversationStore::clear() {
    clearConversations();
    drafts_.clear();
}

void ConversationStore::clearConversations() {
    entries_.clear();
    users_.clear();
}

bool ConversationStore::setDraft(const QString& key, const QString& text) {
    if (text.trimmed().isEmpty()) {
        return drafts_.remove(key) > 0;
    }
    if (drafts_.value(key) == text) {
        return false;
    }
    drafts_.insert(key, text);
    return true;
}

bool ConversationStore::contains(const QString& conversationId) const {
    return entries_.contains(conversationId);
}

std::optional<Conversation> ConversationStore::find(const QString& conversationId) const {
    const auto found = entries_.constFind(conversationId);
    if (found == entries_.cend()) {
        return std::nullopt;
    }
    return found->details;
}

QList<Conversation> ConversationStore::conversations() const {
    QList<Conversation> all;
    all.reserve(entries_.size());
    for (const Entry& entry : entries_) {
        all.append(entry.details);
    }
    return all;
}

void ConversationStore::upsert(const Conversation& conversation, bool trustLastSeq) {
    Entry& entry = entries_[conversation.id];
    const Conversation previous = entry.details;
    const std::optional<ChatMessage> knownLatest = entry.details.lastMessage;
    entry.details = conversation;
    mergeReadState(entry, previous);
    // A listing can be older than a message that arrived meanwhile: keep the newer preview.
    if (knownLatest && (!conversation.lastMessage || knownLatest->seq > conversation.lastSeq)) {
        noteLatest(entry, *knownLatest);
    }
    if (trustLastSeq && entry.messages.isEmpty()) {
        entry.cursor = qMax(entry.cursor, conversation.lastSeq);
    }
    rememberUsers(conversation.members);
}

// The newer of what is known and what the server sent wins: a Conversation object can be older
// than events that arrived while it was on its way.
void ConversationStore::mergeReadState(Entry& entry, const Conversation& previous) {
    Conversation& details = entry.details;
    mergePositions(details, details.readPositions, previous.readPositions);
    mergePositions(details, details.deliveredPositions, previous.deliveredPositions);
    if (!details.hasSafetyState && previous.hasSafetyState) {  // a brief object: keep the flags
        details.hasSafetyState = true;
        details.request = previous.request;
        details.blocked = previous.blocked;
        details.muted = previous.muted;
    }
    const bool stale =
        details.lastSeq < entry.unreadCountedThrough || details.lastReadSeq < previous.lastReadSeq;
    if (!details.hasReadState || stale) {
        details.hasReadState = previous.hasReadState || details.hasReadState;
        details.lastReadSeq = qMax(previous.lastReadSeq, details.lastReadSeq);
        details.unreadCount = previous.unreadCount;
        return;
    }
    entry.unreadCountedThrough = details.lastSeq;
}

// Markers only move forward; members who left are dropped.
void ConversationStore::mergePositions(const Conversation& details,
                                       QHash<QString, qint64>& positions,
                                       const QHash<QString, qint64>& previous) {
    for (auto it = previous.cbegin(); it != previous.cend(); ++it) {
        if (details.hasMember(it.key()) || details.members.isEmpty()) {
            positions[it.key()] = qMax(positions.value(it.key()), it.value());
        }
    }
}

bool ConversationStore::countIncoming(const QString& conversationId,
                                      const QList<ChatMessage>& messages, const QString& myId) {
    const auto found = entries_.find(conversationId);
    if (found == entries_.end()) {
        return false;
    }
    bool changed = false;
    for (const ChatMessage& message : messages) {
        const qint64 counted = qMax(found->unreadCountedThrough, found->details.lastReadSeq);
        if (message.seq <= counted) {
            continue;
        }
        found->unreadCountedThrough = message.seq;
        if (!message.isSystem() && !message.isChange() && message.sender &&
            message.sender->id != myId) {
            ++found->details.unreadCount;
            changed = true;
        }
    }
    return changed;
}

bool ConversationStore::applyReadState(const QString& conversationId, qint64 lastReadSeq,
                                       int unreadCount) {
    const auto found = entries_.find(conversationId);
    if (found == entries_.end() || lastReadSeq < found->details.lastReadSeq) {
        return false;
    }
    Conversation& details = found->details;
    const bool changed = details.lastReadSeq != lastReadSeq || details.unreadCount != unreadCount;
    details.lastReadSeq = lastReadSeq;
    details.unreadCount = unreadCount;
    details.hasReadState = true;
    return changed;
}

bool ConversationStore::applyReceipt(const QString& conversationId, const QString& userId,
                                     qint64 lastReadSeq) {
    const auto found = entries_.find(conversationId);
    if (found == entries_.end() || found->details.readPositions.value(userId, -1) >= lastReadSeq) {
        return false;
    }
    found->details.readPositions.insert(userId, lastReadSeq);
    return true;
}

bool ConversationStore::applyDeliveryReceipt(const QString& conversationId, const QString& userId,
                                             qint64 lastDeliveredSeq) {
    const auto found = entries_.find(conversationId);
    if (found == entries_.end() ||
        found->details.deliveredPositions.value(userId, -1) >= lastDeliveredSeq) {
        return false;
    }
    found->details.deliveredPositions.insert(userId, lastDeliveredSeq);
    return true;
}

bool ConversationStore::edit(const QString& conversationId,
                             const std::function<bool(Conversation&)>& change) {
    const auto found = entries_.find(conversationId);
    return found != entries_.end() && change(found->details);
}

int ConversationStore::totalUnread() const {
    int total = 0;
    for (const Entry& entry : entries_) {
        total += entry.details.muted ? 0 : entry.details.unreadCount;
    }
    return total;
}

void ConversationStore::remove(const QString& conversationId) {
    entries_.remove(conversationId);
    drafts_.remove(conversationId);  // nowhere to send it any more
}

void ConversationStore::restore(const Conversation& conversation, qint64 cursor,
                                qint64 unreadCountedThrough, const QList<ChatMessage>& recent) {
    Entry& entry = entries_[conversation.id];
    entry.details = conversation;
    entry.messages = recent;
    entry.cursor = cursor;
    entry.unreadCountedThrough = unreadCountedThrough;
    rememberUsers(conversation.members);
    for (const ChatMessage& message : recent) {
        if (message.sender && !message.sender->username.isEmpty()) {
            rememberUsers({*message.sender});
        }
    }
}

qint64 ConversationStore::unreadCountedThrough(const QString& conversationId) const {
    const auto found = entries_.constFind(conversationId);
    return found == entries_.cend() ? 0 : found->unreadCountedThrough;
}

void ConversationStore::noteLatest(Entry& entry, const ChatMessage& message) {
    if (message.seq >= entry.details.lastSeq) {
        entry.details.lastSeq = message.seq;
        entry.details.lastMessage = message;
        entry.details.lastActivityAt = qMax(entry.details.lastActivityAt, message.sentAt);
    }
}

ConversationStore::AppendResult ConversationStore::append(const QString& conversationId,
                                                          const QList<ChatMessage>& messages) {
    AppendResult result;
    Entry& entry = entries_[conversationId];
    entry.details.id = conversationId;
    for (const ChatMessage& message : messages) {
        if (message.seq <= entry.cursor) {
            continue;  // seen already
        }
        if (!entry.messages.isEmpty() && message.seq > entry.cursor + 1) {
            result.gap = true;  // sync brings the missing ones in order
            break;
        }
        // With nothing cached, any message may start the run: history fills in before it.
        entry.messages.append(message);
        entry.cursor = message.seq;
        if (message.isChange()) {
            if (message.target) {
                result.changed.append(applyChange(conversationId, *message.target));
            }
            entry.details.lastSeq = qMax(entry.details.lastSeq, message.seq);
        } else {
            noteLatest(entry, message);
        }
        if (message.sender) {
            rememberUsers({*message.sender});
        }
        result.appended.append(message);
    }
    return result;
}

QList<ChatMessage> ConversationStore::applyChange(const QString& conversationId,
                                                  const ChatMessage& target) {
    QList<ChatMessage> changed{target};
    const auto found = entries_.find(conversationId);
    if (found == entries_.end() || target.seq <= 0 || target.isChange()) {
        return changed;
    }
    Entry& entry = *found;
    for (ChatMessage& message : entry.messages) {
        if (message.seq == target.seq) {
            message = target;
        } else if (updateQuote(message, target)) {
            changed.append(message);
        }
    }
    if (std::optional<ChatMessage>& latest = entry.details.lastMessage) {
        if (latest->seq == target.seq) {
            latest = target;
        } else {
            updateQuote(*latest, target);
        }
    }
    return changed;
}

// A reply shows the replied message as it is now: its quote follows edits and deletions.
bool ConversationStore::updateQuote(ChatMessage& reply, const ChatMessage& target) {
    if (!reply.replyTo || reply.replyTo->seq != target.seq) {
        return false;
    }
    const QString preview = target.quotePreview();
    if (reply.replyTo->preview == preview && reply.replyTo->deleted == target.deleted) {
        return false;
    }
    reply.replyTo->preview = preview;
    reply.replyTo->deleted = target.deleted;
    return true;
}

QList<ChatMessage> ConversationStore::prepend(const QString& conversationId,
                                              const QList<ChatMessage>& messages) {
    QList<ChatMessage> accepted;
    Entry& entry = entries_[conversationId];
    const qint64 boundary = historyBoundary(conversationId);
    for (const ChatMessage& message : messages) {
        if (message.seq < boundary) {
            accepted.append(message);
            if (message.sender) {
                rememberUsers({*message.sender});
            }
        }
    }
    if (entry.messages.isEmpty() && !accepted.isEmpty()) {
        entry.cursor = qMax(entry.cursor, accepted.last().seq);
    }
    // Element by element: QList keeps room at the front, so paging through a long history
    // does not copy the whole run for every page.
    for (auto it = accepted.crbegin(); it != accepted.crend(); ++it) {
        entry.messages.prepend(*it);
    }
    return accepted;
}

QList<ChatMessage> ConversationStore::messages(const QString& conversationId) const {
    return entries_.value(conversationId).messages;
}

qint64 ConversationStore::cursor(const QString& conversationId) const {
    return entries_.value(conversationId).cursor;
}

QHash<QString, qint64> ConversationStore::cursors() const {
    QHash<QString, qint64> all;
    for (auto it = entries_.cbegin(); it != entries_.cend(); ++it) {
        all.insert(it.key(), it->cursor);
    }
    return all;
}

qint64 ConversationStore::historyBoundary(const QString& conversationId) const {
    const Entry entry = entries_.value(conversationId);
    return entry.messages.isEmpty() ? entry.cursor + 1 : entry.messages.first().seq;
}

bool ConversationStore::hasOlder(const QString& conversationId) const {
    return historyBoundary(conversationId) > 1;
}

namespace {

// Puts `user` in place of the sender's copy; returns whether it was theirs.
bool renameSender(std::optional<ChatMessage>& message, const UserInfo& user) {
    if (!message || !message->sender || message->sender->id != user.id) {
        return false;
    }
    message->sender = user;
    return true;
}

}  // namespace

QHash<QString, QList<ChatMessage>> ConversationStore::applyUserUpdate(const UserInfo& user,
                                                                      const QString& myId) {
    QHash<QString, QList<ChatMessage>> changed;
    if (users_.contains(user.id)) {
        users_.insert(user.id, user);
    }
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        Conversation& details = it->details;
        bool touched = renameSender(details.lastMessage, user);
        for (UserInfo& member : details.members) {
            if (member.id == user.id) {
                member = user;
                touched = true;
                if (!details.isGroup() && user.id != myId) {
                    details.name = user.displayName;
                }
            }
        }
        QList<ChatMessage> renamed;
        for (ChatMessage& message : it->messages) {
            if (message.sender && message.sender->id == user.id) {
                message.sender = user;
                renamed.append(message);
            }
        }
        if (touched || !renamed.isEmpty()) {
            changed.insert(it.key(), renamed);
        }
    }
    return changed;
}

std::optional<UserInfo> ConversationStore::user(const QString& userId) const {
    const auto found = users_.constFind(userId);
    return found == users_.cend() ? std::nullopt : std::optional<UserInfo>(*found);
}

std::optional<QString> ConversationStore::privateConversationWith(const QString& userId,
                                                                  const QString& myId) const {
    for (const Entry& entry : entries_) {
        const Conversation& details = entry.details;
        if (!details.isGroup() && details.hasMember(userId) &&
            (userId != myId || details.members.size() == 1)) {
            return details.id;
        }
    }
    return std::nullopt;
}

void ConversationStore::rememberUsers(const QList<UserInfo>& users) {
    for (const UserInfo& user : users) {
        users_.insert(user.id, user);
    }
}

}  // namespace natter
