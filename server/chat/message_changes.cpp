#include "message_changes.h"

#include <QJsonObject>

#include "file_rules.h"
#include "message_rules.h"
#include "safety/block_rules.h"
#include "safety/spam_guard.h"
#include "util/random_id.h"
#include "views/conversation_view.h"
#include "views/record_json.h"

namespace natter {
namespace {

using Kind = ChangeRequest::Kind;

QString actionOf(const ChangeRequest& request) {
    switch (request.kind) {
        case Kind::Edit:
            return QStringLiteral("edit");
        case Kind::Delete:
            return QStringLiteral("delete");
        case Kind::React:
            break;
    }
    return request.added ? QStringLiteral("react_add") : QStringLiteral("react_remove");
}

// System messages and change entries take no change and no reply; tombstones take none either.
std::optional<ProtocolError> targetRefusal(const MessageRecord& target, const QString& field) {
    if (!target.sender || target.type == kChangeMessageType) {
        return ProtocolError::of(ErrorCode::WrongMessageType, {}, field);
    }
    if (target.isDeleted()) {
        return ProtocolError::of(ErrorCode::MessageDeleted, {}, field);
    }
    return std::nullopt;
}

bool hasReacted(const MessageRecord& target, const QString& userPublicId, const QString& emoji) {
    for (const ReactionRecord& reaction : target.reactions) {
        if (reaction.emoji == emoji) {
            return reaction.userPublicIds.contains(userPublicId);
        }
    }
    return false;
}

// Who may do what to the message (5.2a), before the spam rules.
std::optional<ProtocolError> permissionRefusal(const ConversationRecord& conversation,
                                               const MessageRecord& target, const Identity& actor,
                                               const ChangeRequest& request,
                                               const ChangeRules& rules) {
    const bool isAuthor = target.sender->publicId == actor.userPublicId;
    const QString seqField = QStringLiteral("seq");
    switch (request.kind) {
        case Kind::Edit:
            if (target.type != QLatin1StringView("text")) {
                return ProtocolError::of(ErrorCode::WrongMessageType,
                                         QStringLiteral("Only text messages can be edited."),
                                         seqField);
            }
            if (!isAuthor) {
                return ProtocolError::of(ErrorCode::NotAuthor);
            }
            if (rules.clock.nowMs() - target.sentAt > rules.editWindowMs) {
                return ProtocolError::of(ErrorCode::EditWindowPassed);
            }
            return std::nullopt;
        case Kind::Delete:
            if (!isAuthor && !(conversation.isGroup() && conversation.ownerId == actor.userId)) {
                return ProtocolError::of(
                    ErrorCode::NotAuthor,
                    QStringLiteral("Only the sender, or the group's owner, may delete it."));
            }
            return std::nullopt;
        case Kind::React:
            return std::nullopt;
    }
    return std::nullopt;
}

bool changesSomething(const MessageRecord& target, const Identity& actor,
                      const ChangeRequest& request) {
    switch (request.kind) {
        case Kind::Edit:
            return target.body != request.body;
        case Kind::Delete:
            return true;
        case Kind::React:
            break;
    }
    return hasReacted(target, actor.userPublicId, request.emoji) != request.added;
}

// The spam rules of 5.6 for a change about to be stored: blocked (private chats), then the
// words, links and the message bucket (edits: the new body; others: no text).
std::optional<ProtocolError> spamRefusal(Store& store, const ChangeRules& rules,
                                         const ConversationRecord& conversation,
                                         const Identity& actor, const ChangeRequest& request) {
    const auto partner = safety::privatePartner(store, conversation, actor.userId);
    if (partner && store.blockedEitherWay(actor.userId, *partner)) {
        return ProtocolError::of(ErrorCode::Blocked);
    }
    const bool inRequest =
        conversation.requestForUserId != 0 && conversation.requestForUserId != actor.userId;
    // One token per distinct change: a batch the executor runs again must not pay twice.
    const QString key = QStringLiteral("change:%1:%2:%3:%4")
                            .arg(conversation.publicId)
                            .arg(request.seq)
                            .arg(actionOf(request), request.body + request.emoji);
    return rules.spamGuard.admitMessage(actor.userId, request.body, inRequest, rules.clock.nowMs(),
                                        key, rules.sharedToken);
}

void applyChange(Store& store, const MessageRecord& target, const Identity& actor,
                 const ChangeRequest& request, qint64 now) {
    switch (request.kind) {
        case Kind::Edit:
            store.editMessage(target.id, request.body, now);
            return;
        case Kind::Delete:
            store.eraseMessage(target.id, now);
            return;
        case Kind::React:
            if (request.added) {
                store.addReaction(target.id, actor.userId, request.emoji, now);
            } else {
                store.removeReaction(target.id, actor.userId, request.emoji);
            }
            return;
    }
}

NewMessage changeEntry(const Identity& actor, const ChangeRequest& request, qint64 now) {
    QJsonObject meta{{QStringLiteral("action"), actionOf(request)},
                     {QStringLiteral("target_seq"), request.seq}};
    if (request.kind == Kind::React) {
        meta.insert(QStringLiteral("emoji"), request.emoji);
    }
    return NewMessage{newPublicId('m'),  actor.userId, {}, kChangeMessageType, {},
                      compactJson(meta), now};
}

}  // namespace

OrError<ChangedMessage> changeMessage(Store& store, const ChangeRules& rules, const Identity& actor,
                                      const ChangeRequest& request) {
    const auto conversation = store.conversationOfMember(request.conversationId, actor.userId);
    if (!conversation) {
        return ProtocolError::of(ErrorCode::NotMember);
    }
    const auto target = store.messageAt(conversation->id, request.seq);
    if (!target) {
        return ProtocolError::of(ErrorCode::NotFound, QStringLiteral("No message with that seq."),
                                 QStringLiteral("seq"));
    }
    if (auto refusal = targetRefusal(*target, QStringLiteral("seq"))) {
        return *refusal;
    }
    if (auto refusal = permissionRefusal(*conversation, *target, actor, request, rules)) {
        return *refusal;
    }
    if (!changesSomething(*target, actor, request)) {
        return ChangedMessage{*target, std::nullopt, {}};
    }
    if (auto refusal = spamRefusal(store, rules, *conversation, actor, request)) {
        return *refusal;
    }
    const qint64 now = rules.clock.nowMs();
    applyChange(store, *target, actor, request, now);
    if (request.kind == Kind::Delete && rules.blobs) {
        dropFiles(store, *rules.blobs, store.detachFiles(target->id));
    }
    ChangedMessage changed;
    changed.change = store.appendMessage(conversation->id, changeEntry(actor, request, now));
    changed.message = changed.change->target ? *changed.change->target
                                             : *store.messageAt(conversation->id, request.seq);
    changed.view = loadDeliveryView(store, conversation->id);
    return changed;
}

std::optional<ProtocolError> replyRefusal(Store& store, qint64 conversationId, qint64 seq) {
    const QString field = QStringLiteral("reply_to_seq");
    const auto target = store.messageAt(conversationId, seq);
    if (!target) {
        return ProtocolError::of(ErrorCode::NotFound,
                                 QStringLiteral("No message with that seq to reply to."), field);
    }
    return targetRefusal(*target, field);
}

}  // namespace natter
