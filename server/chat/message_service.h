// Sending messages (creating private chats and groups on the way), history and catch-up.
// Lives on the service thread; every change is committed by the storage thread before it is
// acknowledged or delivered.
#pragma once

#include <QObject>

#include "chat_events.h"
#include "chat_requests.h"
#include "ports/reply.h"
#include "ports/service_ports.h"

namespace natter {
namespace safety {
class SpamGuard;
}

class MessageService : public QObject {
    Q_OBJECT
public:
    // spamGuard: the spam rules of docs/protocol.md section 5.6; used from storage jobs only.
    // observer (may be null) hears of every message delivered.
    MessageService(const ServicePorts& ports, safety::SpamGuard& spamGuard,
                   DeliveryObserver* observer, QObject* parent = nullptr);

    void send(const Identity& sender, const SendRequest& request, const ReplyRef& reply);
    void createGroup(const Identity& creator, const CreateGroupRequest& request,
                     const ReplyRef& reply);
    void history(const Identity& reader, const HistoryRequest& request, const ReplyRef& reply);
    void sync(const Identity& reader, const SyncRequest& request, const ReplyRef& reply);

private:
    ServicePorts ports_;
    safety::SpamGuard& spamGuard_;
    ChatEvents events_;
};

}  // namespace natter
