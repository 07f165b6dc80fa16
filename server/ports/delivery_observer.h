// Hears of every committed message as it is delivered to a conversation's members, e.g. to tell
// those who are offline (notify/OfflineNotifier). Service thread only.
#pragma once

#include "records.h"

namespace natter {

class DeliveryObserver {
public:
    virtual ~DeliveryObserver() = default;
    virtual void messageDelivered(const ConversationView& view, const MessageRecord& message) = 0;
};

}  // namespace natter
