// ChatClient: the local cache. What the store learns is written to the account's LocalCache in
// batches (one transaction per burst of events); on start it is read back before the server
// answers, and older history is paged from it before the server is asked.
#include "chat_client.h"
#include "local_cache.h"
#include "logging.h"
#include "protocol_limits.h"

namespace natter {
namespace {

// Events arrive in bursts (a sync page, a busy group): one transaction per burst.
constexpr int kCacheWriteDelayMs = 250;
// The newest messages of each conversation put in memory at start; the rest is paged in.
constexpr int kRestoredMessages = limits::kHistoryPageDefault;

}  // namespace

struct ChatClient::CacheLink {
    QString dir;
    std::unique_ptr<LocalCache> db;  // the signed-in account's file, while signed in
    QTimer timer;
    QSet<QString> dirty;  // conversations whose details or cursor changed
    QList<ChatMessage> messages;
    QStringList removed;
    bool outboxDirty = false;
};

void ChatClient::CacheLinkDeleter::operator()(CacheLink* link) const {
    delete link;
}

ChatClient::~ChatClient() {
    writeCache();  // what the last burst brought, before the app goes
}

void ChatClient::setCacheDirectory(const QString& dir) {
    if (!cache_) {
        cache_.reset(new CacheLink);  // owned by cache_
        cache_->timer.setSingleShot(true);
        connect(&cache_->timer, &QTimer::timeout, this, &ChatClient::writeCache);
        connectCacheNotes();
    }
    cache_->dir = dir;
}

QString ChatClient::cacheFile() const {
    return cache_ && cache_->db ? cache_->db->filePath() : QString();
}

void ChatClient::connectCacheNotes() {
    connect(this, &ChatClient::conversationChanged, this, [this](const Conversation& c) {
        if (!cache_->db) {
            return;
        }
        cache_->dirty.insert(c.id);
        scheduleCacheWrite(kCacheWriteDelayMs);
    });
    connect(this, &ChatClient::messagesAppended, this, &ChatClient::noteCachedMessages);
    connect(this, &ChatClient::conversationRemoved, this, [this](const QString& id) {
        if (!cache_->db) {
            return;
        }
        cache_->dirty.remove(id);
        cache_->messages.removeIf([&](const ChatMessage& m) { return m.conversationId == id; });
        cache_->removed << id;
        cache_->outboxDirty = true;  // its unsent messages went with it
        scheduleCacheWrite(kCacheWriteDelayMs);
    });
    // What the user wrote is kept at once: it must survive the app being closed right after.
    auto outboxChanged = [this] {
        if (!cache_->db) {
            return;
        }
        cache_->outboxDirty = true;
        scheduleCacheWrite(0);
    };
    connect(this, &ChatClient::outgoingChanged, this, outboxChanged);
    connect(this, &ChatClient::outgoingRemoved, this, outboxChanged);
}

void ChatClient::noteCachedMessages(const QString& conversationId,
                                    const QList<ChatMessage>& messages) {
    if (!cache_ || !cache_->db || messages.isEmpty()) {
        return;
    }
    cache_->messages.append(messages);
    cache_->dirty.insert(conversationId);  // the cursor moved with them
    scheduleCacheWrite(kCacheWriteDelayMs);
}

void ChatClient::scheduleCacheWrite(int delayMs) {
    if (!cache_->db) {
        return;
    }
    if (!cache_->timer.isActive() || cache_->timer.remainingTime() > delayMs) {
        cache_->timer.start(delayMs);
    }
}

void ChatClient::writeCache() {
    if (!cache_ || !cache_->db) {
        return;
    }
    cache_->timer.stop();
    LocalCache::Batch batch;
    for (const QString& id : std::as_const(cache_->dirty)) {
        if (const auto details = store_.find(id)) {
            batch.conversations.append(
                {*details, store_.cursor(id), store_.unreadCountedThrough(id), {}});
        }
    }
    batch.messages = std::exchange(cache_->messages, {});
    batch.removed = std::exchange(cache_->removed, {});
    batch.replaceOutbox = std::exchange(cache_->outboxDirty, false);
    if (batch.replaceOutbox) {
        for (const ChatMessage& message : outbox_) {
            batch.outbox.push_back({message, recipients_.value(message.recipientId)});
        }
    }
    cache_->dirty.clear();
    if (!cache_->db->write(batch)) {
        qCWarning(lcNatterStorage) << "could not write the local cache";
    }
}

bool ChatClient::restoreFromCache() {
    if (!cache_ || cache_->dir.isEmpty() || !account_->account()) {
        return false;
    }
    const QString file = LocalCache::fileFor(cache_->dir, myUserId());
    if (cache_->db && cache_->db->filePath() != file) {
        closeCache(/*erase=*/false);
    }
    if (cache_->db) {
        writeCache();  // the same account again: what it holds is current
    } else {
        cache_->db = std::make_unique<LocalCache>(file);
    }
    if (!cache_->db->isOpen()) {
        cache_->db.reset();
        return false;
    }
    const LocalCache::Snapshot snapshot = cache_->db->load(kRestoredMessages);
    store_.clear();
    for (const LocalCache::Conversation& cached : snapshot.conversations) {
        store_.restore(cached.details, cached.cursor, cached.unreadCountedThrough, cached.recent);
    }
    // The cached outbox first (it is older), then anything written here that it lacks.
    std::vector<ChatMessage> outbox;
    for (const LocalCache::Outgoing& cached : snapshot.outbox) {
        outbox.push_back(cached.message);
        outbox.back().sender = account_->account()->user;
        if (!cached.recipient.id.isEmpty()) {
            recipients_.insert(cached.recipient.id, cached.recipient);
        }
    }
    for (const ChatMessage& message : outbox_) {
        if (std::none_of(outbox.cbegin(), outbox.cend(), [&](const ChatMessage& m) {
                return m.clientMessageId == message.clientMessageId;
            })) {
            outbox.push_back(message);
            cache_->outboxDirty = true;
        }
    }
    outbox_ = std::move(outbox);
    return !snapshot.conversations.isEmpty() || !outbox_.empty();
}

void ChatClient::closeCache(bool erase) {
    if (!cache_ || !cache_->db) {
        return;
    }
    if (!erase) {
        writeCache();
    }
    const QString file = cache_->db->filePath();
    cache_->db.reset();
    cache_->timer.stop();
    cache_->dirty.clear();
    cache_->messages.clear();
    cache_->removed.clear();
    cache_->outboxDirty = false;
    // Signed out: nothing of the account stays on this (maybe shared) machine.
    if (erase && !LocalCache::removeFile(file)) {
        qCWarning(lcNatterStorage) << "could not delete the local cache";
    }
}

// --- start, catch-up and sign-out

void ChatClient::onRestored() {
    std::erase_if(outbox_, [this](const ChatMessage& m) { return m.sender->id != myUserId(); });
    resetLiveState();
    setReady(false);
    if (!restoreFromCache()) {
        store_.clear();
    }
    listAfterSync_ = true;  // the reconnect's sync catches up; the listing refreshes the rest
    emit conversationsReset();
    publishTotalUnread();
}

void ChatClient::afterCatchUp() {
    writeCache();
    if (listAfterSync_) {
        // Read markers and names of conversations without news changed meanwhile too.
        listAfterSync_ = false;
        loadConversationPage({});
    }
}

void ChatClient::reloadFromServer() {
    if (cache_ && cache_->db) {
        cache_->db->clear();
    }
    listAfterSync_ = false;
    store_.clear();
    emit conversationsReset();
    loadConversationPage({});
}

void ChatClient::onSessionEnded(AccountClient::SignOutReason reason) {
    closeCache(/*erase=*/reason != AccountClient::SignOutReason::ConnectionLost);
    onSignedOut();
}

// --- history from the cache

bool ChatClient::loadOlderFromCache(const QString& conversationId) {
    if (!cache_ || !cache_->db) {
        return false;
    }
    // Pages grow with what is loaded: every page makes the view lay out all its rows again, so
    // a fixed page size would make scrolling through a long history quadratic.
    const int loaded = int(store_.messages(conversationId).size());
    const QList<ChatMessage> page =
        cache_->db->messagesBefore(conversationId, store_.historyBoundary(conversationId),
                                   qMax(limits::kHistoryPageDefault, loaded / 2));
    if (page.isEmpty()) {
        return false;
    }
    olderLoading_.insert(conversationId);
    // Answered from the event loop, like a server page.
    QTimer::singleShot(0, this, [this, conversationId, page] {
        olderLoading_.remove(conversationId);
        if (store_.contains(conversationId)) {
            emit olderMessagesLoaded(conversationId, store_.prepend(conversationId, page));
        }
    });
    return true;
}

}  // namespace natter
