// A member's own state in a conversation: read and delivered markers, unread counts, receipts,
// mute (docs/protocol.md sections 5.5 and 5.6) and typing indicators (5.4). Lives on the service
// thread.
#pragma once

#include <QObject>

#include "ports/reply.h"
#include "ports/service_ports.h"
#include "read_markers.h"

namespace natter {

class ReadStateService : public QObject {
    Q_OBJECT
public:
    explicit ReadStateService(const ServicePorts& ports, QObject* parent = nullptr);

    void markRead(const Identity& reader, const QString& conversationId, qint64 seq,
                  const ReplyRef& reply);
    void markDelivered(const Identity& recipient, const QString& conversationId, qint64 seq,
                       const ReplyRef& reply);
    void setMuted(const Identity& member, const QString& conversationId, bool muted,
                  const ReplyRef& reply);
    void setTyping(const Identity& typist, const QString& conversationId, bool typing,
                   const ReplyRef& reply);

private:
    void move(Marker marker, const Identity& who, const QString& conversationId, qint64 seq,
              const ReplyRef& reply);
    void announce(Marker marker, const Identity& who, const QString& conversationId,
                  const MarkerMove& move) const;

    ServicePorts ports_;
};

}  // namespace natter
