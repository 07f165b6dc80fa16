#include "chat_client.h"

#include <QJsonArray>
#include <QTimer>

#include "chat_errors.h"
#include "logging.h"
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
    : QObject(parent),
      account_(account),
      syncPageSize_(limits::kSyncMessagesPerConversationMax),
      typingExpiry_(new QTimer(this)) {
    typingExpiry_->setSingleShot(true);
    connect(typingExpiry_, &QTimer::timeout, this, &ChatClient::expireTyping);
    connect(account_, &AccountClient::signedIn, this, &ChatClient::onSignedIn);
    connect(account_, &AccountClient::reconnected, this, &ChatClient::runSync);
    connect(account_, &AccountClient::restored, this, &ChatClient::onRestored);
    connect(account_, &AccountClient::signedOut, this,
            [this](AccountClient::SignOutReason reason) { onSessionEnded(reason); });
    connect(account_, &AccountClient::linkStateChanged, this, [this](AccountClient::LinkState s) {
        if (s != AccountClient::LinkState::Online) {
            setReady(false);
        }
    });
    connect(account_->connection(), &ServerConnection::eventReceived, this, &ChatClient::onEvent);
    initSafety();
    if (account_->isSignedIn()) {
        QTimer::singleShot(0, this, &ChatClient::onSignedIn);  // created after signing in
    }
}

QString ChatClient::myUserId() const {
    return account_->account() ? account_->account()->user.id : QString();
}

QList<ChatMessage> ChatClient::messages(const QString& key) const {
    QList<ChatMessage> all = store_.messages(key);
    for (const ChatMessage& message : outbox_) {
        if (keyOf(message) == key) {
            all.append(message);
        }
    }
    return all;
}

bool ChatClient::hasOlderMessages(const QString& conversationId) const {
    return store_.contains(conversationId) && store_.hasOlder(conversationId);
}

std::optional<QString> ChatClient::privateConversationWith(const QString& userId) const {
    return store_.privateConversationWith(userId, myUserId());
}

void ChatClient::call(QLatin1StringView method, const QJsonObject& params, ResultHandler onResult) {
    account_->connection()->send(method, params, this,
                                 [this, onResult = std::move(onResult)](const RequestOutcome& out) {
                                     if (out.ok()) {
                                         onResult(*out.result);
                                     } else {
                                         emit actionFailed(ChatMessages::forFailure(out.failure));
                                     }
                                 });
}

// --- sign-in, listing and catch-up

void ChatClient::onSignedIn() {
    // Unsent messages of another account must never go out under this one.
    std::erase_if(outbox_, [this](const ChatMessage& m) { return m.sender->id != myUserId(); });
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

void ChatClient::onSignedOut() {
    store_.clear();
    outbox_.clear();
    recipients_.clear();
    olderLoading_.clear();
    sending_ = syncRunning_ = syncAgain_ = false;
    resetLiveState();
    setReady(false);
    emit conversationsReset();
}

void ChatClient::setReady(bool ready) {
    if (ready_ != ready) {
        ready_ = ready;
        emit readyChanged(ready);
    }
    if (ready_) {
        flushOutbox();
    }
}

void ChatClient::loadConversationPage(const QString& cursor) {
    QJsonObject params{{QStringLiteral("limit"), limits::kConversationPageMax}};
    if (!cursor.isEmpty()) {
        params.insert(QStringLiteral("cursor"), cursor);
    }
    call(method::kConversationsList, params, [this](const QJsonObject& result) {
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
    account_->connection()->send(method::kSync, params, this, [this](const RequestOutcome& out) {
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
        applyConversation(conversationOf(entry));
        const Conversation conversation = conversationOf(entry);
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

// --- events

void ChatClient::onEvent(const QString& name, const QJsonObject& data) {
    if (name == event::kMessageNew) {
        onMessageEvent(data);
    } else if (name == event::kConversationUpdated) {
        applyConversation(conversationOf(data));
    } else if (name == event::kConversationRemoved) {
        dropConversation(data.value(QStringLiteral("conversation_id")).toString());
    } else if (!onStateEvent(name, data)) {
        onSafetyEvent(name, data);
    }
}

void ChatClient::onMessageEvent(const QJsonObject& data) {
    const ChatMessage message =
        ChatMessage::fromJson(data.value(QStringLiteral("message")).toObject());
    const bool known = store_.contains(message.conversationId);
    if (!known) {
        // Enough to list it at once; conversations.get fills in the members.
        const QJsonObject brief = data.value(QStringLiteral("conversation")).toObject();
        Conversation partial;
        partial.id = message.conversationId;
        partial.kind = Conversation::kindFromName(brief.value(QStringLiteral("kind")).toString());
        partial.name = brief.value(QStringLiteral("name")).toString();
        store_.upsert(partial);
    }
    applyMessages(message.conversationId, {message});
    if (store_.countIncoming(message.conversationId, {message}, myUserId())) {
        publishConversation(message.conversationId);
    }
    if (message.sender && message.sender->id != myUserId()) {
        setTyping(message.conversationId, message.sender->id, 0);  // done typing: it is sent
        emit messageReceived(message);
    }
    if (!known) {
        fetchConversation(message.conversationId);  // the event carries only id, kind and name
    }
}

void ChatClient::fetchConversation(const QString& conversationId) {
    call(method::kConversationsGet, {{QStringLiteral("conversation_id"), conversationId}},
         [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::applyConversation(const Conversation& conversation, bool fromListing) {
    if (conversation.id.isEmpty()) {
        return;
    }
    store_.upsert(conversation, fromListing);
    publishConversation(conversation.id);
    if (conversation.lastMessage) {
        noteHeld(conversation.id, {*conversation.lastMessage});  // shown as the preview
    }
    askPresenceOf(conversation.members);
}

void ChatClient::applyMessages(const QString& conversationId, const QList<ChatMessage>& messages) {
    QStringList firstMessageTo;  // people whose private chat these messages created
    for (const ChatMessage& message : messages) {
        // My unsent message, stored now (its answer, or sync after the answer was lost).
        if (findOutgoing(message.clientMessageId) != nullptr && message.sender &&
            message.sender->id == myUserId()) {
            firstMessageTo << resolveOutgoing(message);
        }
    }
    const ConversationStore::AppendResult result = store_.append(conversationId, messages);
    if (!result.appended.isEmpty()) {
        emit messagesAppended(conversationId, result.appended);
        publishConversation(conversationId);
        noteHeld(conversationId, result.appended);
    }
    for (const QString& userId : std::as_const(firstMessageTo)) {
        if (!userId.isEmpty()) {
            emit privateChatCreated(userId, conversationId);
        }
    }
    if (result.gap) {
        runSync();
    }
}

void ChatClient::dropConversation(const QString& conversationId) {
    if (!store_.contains(conversationId)) {
        return;
    }
    store_.remove(conversationId);
    std::erase_if(outbox_,
                  [&](const ChatMessage& m) { return m.conversationId == conversationId; });
    typing_.remove(conversationId);
    emit conversationRemoved(conversationId);
    publishTotalUnread();
}

// --- history

void ChatClient::loadOlderMessages(const QString& conversationId) {
    if (!hasOlderMessages(conversationId) || olderLoading_.contains(conversationId)) {
        return;
    }
    if (loadOlderFromCache(conversationId)) {
        return;
    }
    olderLoading_.insert(conversationId);
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("before_seq"), store_.historyBoundary(conversationId)},
                             {QStringLiteral("limit"), limits::kHistoryPageDefault}};
    account_->connection()->send(
        method::kMessagesHistory, params, this, [this, conversationId](const RequestOutcome& out) {
            olderLoading_.remove(conversationId);
            if (!store_.contains(conversationId)) {
                return;  // left meanwhile
            }
            if (!out.ok()) {
                emit actionFailed(ChatMessages::forFailure(out.failure));
                return;
            }
            const QList<ChatMessage> page = store_.prepend(
                conversationId,
                messagesFromJson(out.result->value(QStringLiteral("messages")).toArray()));
            noteCachedMessages(conversationId, page);
            emit olderMessagesLoaded(conversationId, page);
        });
}

}  // namespace natter
