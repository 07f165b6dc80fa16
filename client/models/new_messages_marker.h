// Where the "New messages" divider of an open conversation goes: above the first message someone
// else wrote that was unread when the conversation was opened. It is fixed at opening, so it
// stays put while the open conversation is marked read, and it is found again in the rows as
// older history and new messages come in.
#pragma once

#include <QList>
#include <QString>

#include "core/chat_types.h"

namespace natter {

class NewMessagesMarker {
public:
    // What was unread at opening: from `firstUnreadSeq` on (0: nothing, no divider).
    void reset(qint64 firstUnreadSeq);
    qint64 firstUnreadSeq() const { return firstUnreadSeq_; }

    // Finds the divider in `rows` (stored messages first, in seq order). Returns true when it
    // moved (appeared, went or is above another message).
    bool update(const QList<ChatMessage>& rows, const QString& myUserId);
    // The seq of the message the divider is above; 0 for none.
    qint64 dividerSeq() const { return dividerSeq_; }
    bool isAbove(const ChatMessage& message) const {
        return dividerSeq_ > 0 && message.seq == dividerSeq_;
    }

private:
    qint64 find(const QList<ChatMessage>& rows, const QString& myUserId) const;

    qint64 firstUnreadSeq_ = 0;
    qint64 dividerSeq_ = 0;
};

}  // namespace natter
