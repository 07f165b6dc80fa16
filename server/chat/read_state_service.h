// Read markers, unread counts, read receipts and typing indicators (docs/protocol.md section 5.4).
// Lives on the service thread.
#pragma once

#include <QObject>

#include "auth/identity.h"
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
    void setTyping(const Identity& typist, const QString& conversationId, bool typing,
                   const Responder& responder);

private:
    StorageExecutor& storage_;
    const ConnectionRegistry& registry_;
};

}  // namespace natter
