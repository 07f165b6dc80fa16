// A member's own state in a conversation: read and delivered markers, unread counts, receipts,
// mute (docs/protocol.md sections 5.5 and 5.6) and typing indicators (5.4). Lives on the service
// thread.
#pragma once

#include <QObject>

#include "ports/identity.h"
#include "net/responder.h"

namespace natter {

class StorageExecutor;
class ConnectionRegistry;

class ReadStateService : public QObject {
    Q_OBJECT
public:
    ReadStateService(StorageExecutor& storage, const ConnectionRegistry& registry,
                     QObject* parent = nullptr);

    void markRead(const Identity& reader, const QString& conversationId, qint64 seq,
                  const Responder& responder);
    void markDelivered(const Identity& recipient, const QString& conversationId, qint64 seq,
                       const Responder& responder);
    void setMuted(const Identity& member, const QString& conversationId, bool muted,
                  const Responder& responder);
    void setTyping(const Identity& typist, const QString& conversationId, bool typing,
                   const Responder& responder);

private:
    struct MarkerKind;
    struct MarkOutcome;
    void moveMarker(const MarkerKind& kind, const Identity& who, const QString& conversationId,
                    qint64 seq, const Responder& responder);
    void announce(const MarkerKind& kind, const Identity& who, const MarkOutcome& outcome,
                  const Responder& responder) const;

    StorageExecutor& storage_;
    const ConnectionRegistry& registry_;
};

}  // namespace natter
