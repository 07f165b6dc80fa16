#include "conversation_view.h"

#include <algorithm>

#include "ports/store.h"

namespace natter {

ConversationView loadDeliveryView(Store& store, qint64 conversationId) {
    ConversationView view;
    const auto conversation = store.conversationById(conversationId);
    if (!conversation) {
        throw StoreError(QStringLiteral("conversation %1 vanished").arg(conversationId));
    }
    view.conversation = *conversation;
    view.members = store.members(conversationId);
    return view;
}

namespace {

// Private conversations only: whether userId has blocked the other member.
bool blocksPartner(Store& store, const ConversationView& view, qint64 userId) {
    if (view.conversation.isGroup()) {
        return false;
    }
    return std::any_of(view.members.begin(), view.members.end(), [&](const MemberRecord& m) {
        return m.userId != userId && store.hasBlocked(userId, m.userId);
    });
}

}  // namespace

ConversationView loadConversationView(Store& store, qint64 conversationId,
                                      std::optional<qint64> viewer) {
    ConversationView view = loadDeliveryView(store, conversationId);
    for (const MemberRecord& member : view.members) {
        if (!viewer || *viewer == member.userId) {
            view.unreadByUser.insert(member.userId,
                                     store.unreadCount(conversationId, member.userId));
            if (blocksPartner(store, view, member.userId)) {
                view.blockers.insert(member.userId);
            }
        }
    }
    view.lastMessage = store.latestMessage(conversationId);
    return view;
}

}  // namespace natter
