// Sending messages (creating private chats and groups on the way), history and catch-up.
// Lives on the service thread; every change is committed by the storage thread before it is
// acknowledged or delivered.
#pragma once

#include <QObject>

#include "ports/identity.h"
#include "chat_events.h"
#include "chat_requests.h"
#include "net/responder.h"

namespace natter {

class StorageExecutor;
class ConnectionRegistry;
namespace safety {
class SpamGuard;
}

class MessageService : public QObject {
    Q_OBJECT
public:
    // spamGuard: the spam rules of docs/protocol.md section 5.6; used from storage jobs only.
    MessageService(StorageExecutor& storage, const ConnectionRegistry& registry,
                   safety::SpamGuard& spamGuard, OfflineNotifier* offline,
                   QObject* parent = nullptr);

    void send(const Identity& sender, const SendRequest& request, const Responder& responder);
    void createGroup(const Identity& creator, const CreateGroupRequest& request,
                     const Responder& responder);
    void history(const Identity& reader, const HistoryRequest& request, const Responder& responder);
    void sync(const Identity& reader, const SyncRequest& request, const Responder& responder);

private:
    StorageExecutor& storage_;
    safety::SpamGuard& spamGuard_;
    ChatEvents events_;
};

}  // namespace natter
