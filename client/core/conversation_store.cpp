#include "conversation_store.h"

namespace natter {

void ConversationStore::clear() {
    entries_.clear();
    users_.clear();
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
    const std::optional<ChatMessage> knownLatest = entry.details.lastMessage;
    entry.details = conversation;
    // A listing can be older than a message that arrived meanwhile: keep the newer preview.
    if (knownLatest && (!conversation.lastMessage || knownLatest->seq > conversation.lastSeq)) {
        noteLatest(entry, *knownLatest);
    }
    if (trustLastSeq && entry.messages.isEmpty()) {
        entry.cursor = qMax(entry.cursor, conversation.lastSeq);
    }
    rememberUsers(conversation.members);
}

void ConversationStore::remove(const QString& conversationId) {
    entries_.remove(conversationId);
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
        noteLatest(entry, message);
        if (message.sender) {
            rememberUsers({*message.sender});
        }
        result.appended.append(message);
    }
    return result;
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
    entry.messages = accepted + entry.messages;
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
