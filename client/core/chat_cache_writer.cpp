#include "core/chat_cache_writer.h"

#include "core/chat_client.h"
#include "core/local_cache.h"
#include "core/logging.h"
#include "core/outbox.h"
#include "protocol_limits.h"

namespace natter {
namespace {

// Events arrive in bursts (a sync page, a busy group): one transaction per burst.
constexpr int kCacheWriteDelayMs = 250;
// The newest messages of each conversation put in memory at start; the rest is paged in.
constexpr int kRestoredMessages = limits::kHistoryPageDefault;

}  // namespace

ChatCacheWriter::ChatCacheWriter(ConversationStore& store, Outbox& outbox, QObject* parent)
    : QObject(parent), store_(store), outbox_(outbox) {
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &ChatCacheWriter::write);
}

ChatCacheWriter::~ChatCacheWriter() = default;

void ChatCacheWriter::observe(const ChatClient& client) {
    connect(&client, &ChatClient::conversationChanged, this, [this](const Conversation& c) {
        if (db_) {
            dirty_.insert(c.id);
            schedule(kCacheWriteDelayMs);
        }
    });
    connect(&client, &ChatClient::messagesAppended, this, &ChatCacheWriter::noteMessages);
    connect(&client, &ChatClient::olderMessagesLoaded, this, &ChatCacheWriter::noteOlder);
    connect(&client, &ChatClient::messagesChanged, this, &ChatCacheWriter::noteChanged);
    connect(&client, &ChatClient::conversationRemoved, this, &ChatCacheWriter::noteRemoved);
    connect(&client, &ChatClient::conversationsReset, this, [this] { pagesServed_.clear(); });
    // What the user wrote is kept at once: it must survive the app being closed right after.
    auto outboxChanged = [this] {
        if (db_) {
            outboxDirty_ = true;
            schedule(0);
        }
    };
    connect(&client, &ChatClient::outgoingChanged, this, outboxChanged);
    connect(&client, &ChatClient::outgoingRemoved, this, outboxChanged);
    // A draft changes with every key press: written with the next burst, and on quit.
    connect(&client, &ChatClient::draftChanged, this, [this](const QString& key) {
        if (db_) {
            draftsDirty_.insert(key);
            schedule(kCacheWriteDelayMs);
        }
    });
}

QString ChatCacheWriter::file() const {
    return db_ ? db_->filePath() : QString();
}

void ChatCacheWriter::noteMessages(const QString& conversationId,
                                   const QList<ChatMessage>& messages) {
    if (!db_ || messages.isEmpty()) {
        return;
    }
    messages_.append(messages);
    dirty_.insert(conversationId);  // the cursor moved with them
    schedule(kCacheWriteDelayMs);
}

// Edits, deletions and reactions rewrite the cached rows; a deletion erases the text at once.
void ChatCacheWriter::noteChanged(const QString& conversationId,
                                  const QList<ChatMessage>& messages) {
    if (!db_) {
        return;
    }
    changed_.append(messages);
    dirty_.insert(conversationId);  // its preview may be the changed message
    const bool erases = std::any_of(messages.cbegin(), messages.cend(),
                                    [](const ChatMessage& m) { return m.deleted; });
    schedule(erases ? 0 : kCacheWriteDelayMs);
}

void ChatCacheWriter::noteOlder(const QString& conversationId, const QList<ChatMessage>& messages) {
    if (pagesServed_.remove(conversationId)) {
        return;  // it came from the cache
    }
    noteMessages(conversationId, messages);
}

void ChatCacheWriter::noteRemoved(const QString& conversationId) {
    pagesServed_.remove(conversationId);
    if (!db_) {
        return;
    }
    dirty_.remove(conversationId);
    messages_.removeIf([&](const ChatMessage& m) { return m.conversationId == conversationId; });
    changed_.removeIf([&](const ChatMessage& m) { return m.conversationId == conversationId; });
    removed_ << conversationId;
    outboxDirty_ = true;  // its unsent messages went with it
    schedule(kCacheWriteDelayMs);
}

void ChatCacheWriter::schedule(int delayMs) {
    if (!timer_.isActive() || timer_.remainingTime() > delayMs) {
        timer_.start(delayMs);
    }
}

void ChatCacheWriter::write() {
    if (!db_) {
        return;
    }
    timer_.stop();
    LocalCache::Batch batch;
    for (const QString& id : std::as_const(dirty_)) {
        if (const auto details = store_.find(id)) {
            batch.conversations.append(
                {*details, store_.cursor(id), store_.unreadCountedThrough(id), {}});
        }
    }
    batch.messages = std::exchange(messages_, {});
    batch.changed = std::exchange(changed_, {});
    batch.removed = std::exchange(removed_, {});
    batch.replaceOutbox = std::exchange(outboxDirty_, false);
    if (batch.replaceOutbox) {
        for (const ChatMessage& message : outbox_.messages()) {
            batch.outbox.push_back({message, outbox_.recipient(message.recipientId)});
        }
    }
    for (const QString& key : std::as_const(draftsDirty_)) {
        batch.drafts.insert(key, store_.draft(key));
    }
    draftsDirty_.clear();
    dirty_.clear();
    if (!db_->write(batch)) {
        qCWarning(lcNatterStorage) << "could not write the local cache";
    }
}

bool ChatCacheWriter::restore(const UserInfo& me) {
    if (dir_.isEmpty()) {
        return false;
    }
    const QString path = LocalCache::fileFor(dir_, me.id);
    if (db_ && db_->filePath() != path) {
        close(/*erase=*/false);
    }
    if (db_) {
        write();  // the same account again: what it holds is current
    } else {
        db_ = std::make_unique<LocalCache>(path);
    }
    if (!db_->isOpen()) {
        db_.reset();
        return false;
    }
    const LocalCache::Snapshot snapshot = db_->load(kRestoredMessages);
    store_.clear();
    for (const LocalCache::Conversation& cached : snapshot.conversations) {
        store_.restore(cached.details, cached.cursor, cached.unreadCountedThrough, cached.recent);
    }
    store_.setDrafts(snapshot.drafts);
    // The cached outbox first (it is older), then anything written here that it lacks.
    std::vector<ChatMessage> outbox;
    QList<UserInfo> recipients;
    for (const LocalCache::Outgoing& cached : snapshot.outbox) {
        outbox.push_back(cached.message);
        outbox.back().sender = me;
        if (!cached.recipient.id.isEmpty()) {
            recipients << cached.recipient;
        }
    }
    if (outbox_.adoptCached(std::move(outbox), recipients)) {
        outboxDirty_ = true;
    }
    return !snapshot.conversations.isEmpty() || !outbox_.messages().empty() ||
           !snapshot.drafts.isEmpty();
}

void ChatCacheWriter::clear() {
    if (db_) {
        db_->clear();
    }
}

void ChatCacheWriter::close(bool erase) {
    if (!db_) {
        return;
    }
    if (!erase) {
        write();
    }
    const QString path = db_->filePath();
    db_.reset();
    timer_.stop();
    dirty_.clear();
    messages_.clear();
    changed_.clear();
    removed_.clear();
    outboxDirty_ = false;
    draftsDirty_.clear();
    pagesServed_.clear();
    // Signed out: nothing of the account stays on this (maybe shared) machine.
    if (erase && !LocalCache::removeFile(path)) {
        qCWarning(lcNatterStorage) << "could not delete the local cache";
    }
}

QList<ChatMessage> ChatCacheWriter::olderPage(const QString& conversationId) {
    if (!db_) {
        return {};
    }
    // Pages grow with what is loaded: every page makes the view lay out all its rows again, so
    // a fixed page size would make scrolling through a long history quadratic.
    const int loaded = int(store_.messages(conversationId).size());
    const QList<ChatMessage> page =
        db_->messagesBefore(conversationId, store_.historyBoundary(conversationId),
                            qMax(limits::kHistoryPageDefault, loaded / 2));
    if (!page.isEmpty()) {
        pagesServed_.insert(conversationId);
    }
    return page;
}

}  // namespace natter
