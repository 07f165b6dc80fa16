// Edits, deletions and reactions (docs/protocol.md 5.2a). Lives on the service thread; every
// change is committed by the storage thread before it is acknowledged or announced.
#pragma once

#include <QObject>

#include "chat_events.h"
#include "chat_requests.h"
#include "ports/blob_store.h"
#include "ports/reply.h"
#include "ports/service_ports.h"

namespace natter {
namespace safety {
class SpamGuard;
}

class MessageChangeService : public QObject {
    Q_OBJECT
public:
    // spamGuard: the spam rules of 5.6, used from storage jobs only. editWindowMs: how long after
    // sending a text message may be edited (server setting edit-window).
    MessageChangeService(const ServicePorts& ports, safety::SpamGuard& spamGuard,
                         qint64 editWindowMs, BlobStore* blobs, QObject* parent = nullptr);

    void change(const Identity& actor, const ChangeRequest& request, const ReplyRef& reply);

private:
    ServicePorts ports_;
    safety::SpamGuard& spamGuard_;
    qint64 editWindowMs_;
    BlobStore* blobs_;
    ChatEvents events_;
};

}  // namespace natter
