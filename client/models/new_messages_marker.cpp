#include "models/new_messages_marker.h"

namespace natter {

void NewMessagesMarker::reset(qint64 firstUnreadSeq) {
    firstUnreadSeq_ = qMax<qint64>(0, firstUnreadSeq);
    dividerSeq_ = 0;
}

bool NewMessagesMarker::update(const QList<ChatMessage>& rows, const QString& myUserId) {
    const qint64 found = find(rows, myUserId);
    if (found == dividerSeq_) {
        return false;
    }
    dividerSeq_ = found;
    return true;
}

qint64 NewMessagesMarker::find(const QList<ChatMessage>& rows, const QString& myUserId) const {
    if (firstUnreadSeq_ <= 0) {
        return 0;
    }
    int row = 0;
    while (row < rows.size() && rows.at(row).delivery == Delivery::Sent &&
           rows.at(row).seq < firstUnreadSeq_) {
        ++row;
    }
    if (row == 0 && !rows.isEmpty() && rows.first().seq > firstUnreadSeq_) {
        return 0;  // the first unread is in history not loaded yet: no divider in the wrong place
    }
    // What counts as unread (ConversationStore::countIncoming): what someone else wrote; not my
    // own messages from another device, nor notes such as "Ann created the group".
    for (; row < rows.size() && rows.at(row).delivery == Delivery::Sent; ++row) {
        const ChatMessage& message = rows.at(row);
        if (!message.isSystem() && message.sender && message.sender->id != myUserId) {
            return message.seq;
        }
    }
    return 0;
}

}  // namespace natter
