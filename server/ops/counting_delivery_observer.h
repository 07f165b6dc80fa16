// Counts every message committed and delivered to a conversation (the messages-stored counter of
// /metrics), then passes it on to the next observer (the offline notifier), if any.
#pragma once

#include "ports/delivery_observer.h"
#include "util/metrics.h"

namespace natter {

class CountingDeliveryObserver final : public DeliveryObserver {
public:
    CountingDeliveryObserver(Metrics& metrics, DeliveryObserver* next)
        : metrics_(metrics), next_(next) {}

    void messageDelivered(const ConversationView& view, const MessageRecord& message) override {
        metrics_.countMessageStored();
        if (next_) {
            next_->messageDelivered(view, message);
        }
    }

private:
    Metrics& metrics_;
    DeliveryObserver* next_;
};

}  // namespace natter
