#include "core/chat_client.h"

#include <QJsonArray>
#include <QTimer>

#include "core/chat_cache_writer.h"
#include "core/chat_errors.h"
#include "core/file_attachment_uploads.h"
#include "core/file_transfer.h"
#include "core/logging.h"
#include "method_names.h"
#include "protocol_limits.h"

namespace natter {
namespace {

QList<ChatMessage> messagesFromJson(const QJsonArray& array) {
    QList<ChatMessage> messages;
    messages.reserve(array.size());
    for (const QJsonValue& value : array) {
        messages.append(ChatMessage::fromJson(value.toObject()));
    }
    return messages;
}

Conversation conversationOf(const QJsonObject& result) {
    return Conversation::fromJson(result.value(QStringLiteral("conversation")).toObject());
}

}  // namespace

ChatClient::ChatClient(AccountClient* account, QObject* parent)
    : ChatActions(parent),
      account_(account),
      syncPageSize_(limits::kSyncMessagesPerConversationMax),
      outbox_(std::make_unique<Outbox>(
          asSender(), store_,
          [this](const ChatMessage& message, const RequestFailure& failure) {
              return safety_->refusalText(message, failure,
                                          outbox_->recipient(message.recipientId));
          })),
      presence_(std::make_unique<PresenceTracker>(asSender(), store_)),
      safety_(std::make_unique<ChatSafety>(asSender(), store_)),
      cache_(std::make_unique<ChatCacheWriter>(store_, *outbox_)),
      files_(std::make_unique<FileTransfer>(account)),
      uploads_(std::make_unique<AttachmentUploads>(*outbox_, *files_)) {
    connectParts();
    connectFiles();
    initEventTable();
    connect(account_, &AccountClient::signedIn, this, &ChatClient::onSignedIn);
    connect(account_, &AccountClient::reconnected, this, &ChatClient::runSync);
    connect(account_, &AccountClient::restored, this, &ChatClient::onRestored);
    connect(account_, &AccountClient::signedOut, this, &ChatClient::onSessionEnded);
    connect(account_, &AccountClient::accountUpdated, this,
            [this](const SignedInAccount& mine) { onUserUpdated(mine.user); });
    connect(account_, &AccountClient::linkStateChanged, this, [this](AccountClient::LinkState s) {
        if (s != AccountClient::LinkState::Online) {
            setReady(false);
            presence_->forgetPresence();  // nobody is known online while we are not
        }
    });
    connect(account_->connection(), &ServerConnection::eventReceived, this, &ChatClient::onEvent);
    if (account_->isSignedIn()) {
        QTimer::singleShot(0, this, &ChatClient::onSignedIn);  // created after signing in
    }
}

ChatClient::~ChatClient() {
    cache_->write();  // what the last burst brought, before the app goes
}

void ChatClient::connectParts() {
    connect(outbox_.get(), &Outbox::outgoingChanged, this, &ChatClient::outgoingChanged);
    connect(outbox_.get(), &Outbox::outgoingRemoved, this, &ChatClient::outgoingRemoved);
    connect(outbox_.get(), &Outbox::sendingThrottled, this, &ChatClient::sendingThrottled);
    connect(outbox_.get(), &Outbox::stored, this, &ChatClient::onOutgoingStored);
    connect(presence_.get(), &PresenceTracker::presenceChanged, this, &ChatClient::presenceChanged);
    connect(presence_.get(), &PresenceTracker::typingChanged, this, &ChatClient::typingChanged);
    connect(safety_.get(), &ChatSafety::blockedUsersChanged, this, [this] {
        QSet<QString> blocked;
        for (const UserInfo& user : safety_->blockedUsers()) {
            blocked.insert(user.id);
        }
        presence_->setHiddenUsers(blocked);  // no presence shown for people I blocked
        emit blockedUsersChanged();
    });
    connect(safety_.get(), &ChatSafety::conversationEdited, this, &ChatClient::publishConversation);
    connect(safety_.get(), &ChatSafety::conversationAccepted, this,
            [this](const Conversation& conversation) { applyConversation(conversation); });
    connect(this, &ChatClient::readyChanged, safety_.get(), [this](bool ready) {
        if (ready) {
            safety_->onReady();
        }
    });
    cache_->observe(*this);
}

// Every event the client follows (docs/protocol.md 5.7) and who handles it; others are ignored.
void ChatClient::initEventTable() {
    const auto on = [this](QLatin1StringView name, EventHandler handler) {
        eventHandlers_.insert(QString(name), std::move(handler));
    };
    on(event::kMessageNew, [this](const QJsonObject& d) { onMessageEvent(d); });
    on(event::kMessageChanged, [this](const QJsonObject& d) {
        // An edit, deletion or reaction (docs/protocol.md 5.2a): applied with the seq stream.
        const ChatMessage change =
            ChatMessage::fromJson(d.value(QStringLiteral("message")).toObject());
        if (store_.contains(change.conversationId)) {
            applyMessages(change.conversationId, {change});
        }
    });
    on(event::kConversationUpdated,
       [this](const QJsonObject& d) { applyConversation(conversationOf(d)); });
    on(event::kConversationRemoved, [this](const QJsonObject& d) {
        dropConversation(d.value(QStringLiteral("conversation_id")).toString());
    });
    on(event::kReadStateChanged, [this](const QJsonObject& d) { onReadState(d); });
    on(event::kUserUpdated, [this](const QJsonObject& d) {
        onUserUpdated(UserInfo::fromJson(d.value(QStringLiteral("user")).toObject()));
    });
    on(event::kReceiptRead, [this](const QJsonObject& d) { onReceipt(d); });
    PresenceTracker* presence = presence_.get();
    on(event::kPresenceSnapshot,
       [presence](const QJsonObject& d) { presence->onPresenceSnapshot(d); });
    on(event::kPresenceChanged,
       [presence](const QJsonObject& d) { presence->onPresenceChanged(d); });
    on(event::kTyping, [presence](const QJsonObject& d) { presence->onTyping(d); });
    ChatSafety* safety = safety_.get();
    on(event::kBlockChanged, [safety](const QJsonObject& d) { safety->onBlockChanged(d); });
    on(event::kConversationMuted, [safety](const QJsonObject& d) { safety->onMuted(d); });
    on(event::kReceiptDelivered, [safety](const QJsonObject& d) { safety->onDeliveryReceipt(d); });
}

void ChatClient::onUserUpdated(const UserInfo& user) {
    if (user.id.isEmpty()) {
        return;
    }
    const auto changed = store_.applyUserUpdate(user, myUserId());
    for (auto it = changed.cbegin(); it != changed.cend(); ++it) {
        publishConversation(it.key());
        if (!it->isEmpty()) {
            emit messagesChanged(it.key(), *it);
        }
    }
}

void ChatClient::onEvent(const QString& name, const QJsonObject& data) {
    const auto handler = eventHandlers_.constFind(name);
    if (handler != eventHandlers_.cend()) {
        (*handler)(data);
    }
}

// --- RequestSender

void ChatClient::send(QLatin1StringView method, const QJsonObject& params, const QObject* context,
                      OutcomeHandler onOutcome) {
    account_->connection()->send(method, params, context, std::move(onOutcome));
}

void ChatClient::call(QLatin1StringView method, const QJsonObject& params, const QObject* context,
                      ResultHandler onResult) {
    send(method, params, context,
         [this, onResult = std::move(onResult)](const RequestOutcome& out) {
             if (out.ok()) {
                 onResult(*out.result);
             } else {
                 emit actionFailed(ChatMessages::forFailure(out.failure));
             }
         });
}

std::optional<UserInfo> ChatClient::me() const {
    return account_->account() ? std::optional(account_->account()->user) : std::nullopt;
}

bool ChatClient::isOnline() const {
    return account_->linkState() == AccountClient::LinkState::Online && account_->isSignedIn();
}

// --- what the client knows

QString ChatClient::myUserId() const {
    return account_->account() ? account_->account()->user.id : QString();
}

QList<ChatMessage> ChatClient::messages(const QString& key) const {
    return store_.messages(key) + outbox_->messagesFor(key);
}

bool ChatClient::hasOlderMessages(const QString& conversationId) const {
    return store_.contains(conversationId) && store_.hasOlder(conversationId);
}

std::optional<QString> ChatClient::privateConversationWith(const QString& userId) const {
    return store_.privateConversationWith(userId, myUserId());
}

void ChatClient::setDraft(const QString& key, const QString& text) {
    if (!key.isEmpty() && store_.setDraft(key, text)) {
        emit draftChanged(key);
    }
}

void ChatClient::setCacheDirectory(const QString& dir) {
    cacheDir_ = dir;
    cache_->setDirectory(dir);
    files_->setCacheDirectory(dir);
}

QString ChatClient::cacheFile() const {
    return cache_->file();
}

// --- sign-in, listing and catch-up

void ChatClient::onSignedIn() {
    outbox_->keepOnlyFrom(myUserId());  // never send another account's messages under this one
    resetLiveState();
    if (restoreFromCache()) {
        emit conversationsReset();  // what this device knew, at once; sync brings the rest
        listAfterSync_ = true;
        runSync();
        return;
    }
    store_.clear();
    emit conversationsReset();
    loadConversationPage({});
}

void ChatClient::onRestored() {
    outbox_->keepOnlyFrom(myUserId());
    resetLiveState();
    setReady(false);
    if (!restoreFromCache()) {
        store_.clear();
    }
    listAfterSync_ = true;  // the reconnect's sync catches up; the listing refreshes the rest
    emit conversationsReset();
    publishTotalUnread();
}

void ChatClient::onSessionEnded(AccountClient::SignOutReason reason) {
    cache_->close(/*erase=*/reason != AccountClient::SignOutReason::ConnectionLost);
    onSignedOut();
}

void ChatClient::onSignedOut() {
    store_.clear();
    outbox_->clear();
    olderLoading_.clear();
    syncRunning_ = syncAgain_ = false;
    resetLiveState();
    setReady(false);
    emit conversationsReset();
}

void ChatClient::resetLiveState() {
    markReadSent_.clear();
    presence_->reset();
    safety_->reset();
    publishTotalUnread();
}

bool ChatClient::restoreFromCache() {
    const std::optional<UserInfo> user = me();
    return user && cache_->restore(*user);
}

void ChatClient::setReady(bool ready) {
    if (ready_ != ready) {
        ready_ = ready;
        emit readyChanged(ready);
    }
    if (ready_) {
        uploads_->startPending();  // attachments the cache brought back from an earlier run
        outbox_->flush();
    }
}

void ChatClient::loadConversationPage(const QString& cursor) {
    QJsonObject params{{QStringLiteral("limit"), limits::kConversationPageMax}};
    if (!cursor.isEmpty()) {
        params.insert(QStringLiteral("cursor"), cursor);
    }
    call(method::kConversationsList, params, this, [this](const QJsonObject& result) {
        for (const QJsonValue& value : result.value(QStringLiteral("conversations")).toArray()) {
            applyConversation(Conversation::fromJson(value.toObject()), /*fromListing=*/true);
        }
        const QString next = result.value(QStringLiteral("next_cursor")).toString();
        if (next.isEmpty()) {
            setReady(true);
        } else {
            loadConversationPage(next);
        }
    });
}

void ChatClient::runSync() {
    if (syncRunning_) {
        syncAgain_ = true;
        return;
    }
    syncRunning_ = true;
    syncAgain_ = false;
    QJsonObject cursors;
    const QHash<QString, qint64> known = store_.cursors();
    for (auto it = known.cbegin(); it != known.cend(); ++it) {
        cursors.insert(it.key(), it.value());
    }
    const QJsonObject params{{QStringLiteral("cursors"), cursors},
                             {QStringLiteral("limit_per_conversation"), syncPageSize_}};
    send(method::kSync, params, this, [this](const RequestOutcome& out) {
        syncRunning_ = false;
        if (out.ok()) {
            onSyncAnswer(*out.result);
        } else if (out.failure.isServerError(ErrorCode::CursorOutOfRange)) {
            qCWarning(lcNatterNet) << "sync cursor beyond the server's history; reloading";
            reloadFromServer();
        }
        // Connection failures: the next reconnect syncs again.
    });
}

void ChatClient::onSyncAnswer(const QJsonObject& result) {
    bool again = result.value(QStringLiteral("more")).toBool() || syncAgain_;
    for (const QJsonValue& value : result.value(QStringLiteral("conversations")).toArray()) {
        const QJsonObject entry = value.toObject();
        const Conversation conversation = conversationOf(entry);
        applyConversation(conversation);
        applyMessages(conversation.id,
                      messagesFromJson(entry.value(QStringLiteral("messages")).toArray()));
        again = again || entry.value(QStringLiteral("has_more")).toBool();
    }
    for (const QJsonValue& removed : result.value(QStringLiteral("removed")).toArray()) {
        dropConversation(removed.toString());
    }
    if (again) {
        runSync();
    } else {
        setReady(true);
        afterCatchUp();
    }
}

void ChatClient::afterCatchUp() {
    cache_->write();
    if (listAfterSync_) {
        // Read markers and names of conversations without news changed meanwhile too.
        listAfterSync_ = false;
        loadConversationPage({});
    }
}

void ChatClient::reloadFromServer() {
    cache_->clear();
    listAfterSync_ = false;
    store_.clearConversations();
    emit conversationsReset();
    loadConversationPage({});
}

// --- history

void ChatClient::loadOlderMessages(const QString& conversationId) {
    if (!hasOlderMessages(conversationId) || olderLoading_.contains(conversationId)) {
        return;
    }
    const QList<ChatMessage> cached = cache_->olderPage(conversationId);
    if (cached.isEmpty()) {
        loadOlderFromServer(conversationId);
        return;
    }
    olderLoading_.insert(conversationId);
    // Answered from the event loop, like a server page.
    QTimer::singleShot(0, this, [this, conversationId, cached] {
        olderLoading_.remove(conversationId);
        if (store_.contains(conversationId)) {
            emit olderMessagesLoaded(conversationId, store_.prepend(conversationId, cached));
        }
    });
}

void ChatClient::loadOlderFromServer(const QString& conversationId) {
    olderLoading_.insert(conversationId);
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("before_seq"), store_.historyBoundary(conversationId)},
                             {QStringLiteral("limit"), limits::kHistoryPageDefault}};
    send(method::kMessagesHistory, params, this, [this, conversationId](const RequestOutcome& out) {
        olderLoading_.remove(conversationId);
        if (!store_.contains(conversationId)) {
            return;  // left meanwhile
        }
        if (!out.ok()) {
            emit actionFailed(ChatMessages::forFailure(out.failure));
            return;
        }
        // The cache writer keeps the page as it goes by.
        emit olderMessagesLoaded(
            conversationId,
            store_.prepend(
                conversationId,
                messagesFromJson(out.result->value(QStringLiteral("messages")).toArray())));
    });
}

}  // namespace natter
