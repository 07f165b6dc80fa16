// Plain words for chat requests the server refused.
#pragma once

#include <QCoreApplication>

#include "core/request_failure.h"

namespace natter {

// What the words for a refused message may name: the other person of a private chat, and what
// the client knows about the two of them (docs/protocol.md 5.6).
struct RefusalContext {
    QString peerName;               // private chats: the other member's display name
    bool blockedByMe = false;       // I blocked them
    bool awaitsAcceptance = false;  // a private chat I started that they have not answered yet
};

class ChatMessages {
    Q_DECLARE_TR_FUNCTIONS(ChatMessages)

public:
    static QString forFailure(const RequestFailure& failure, const RefusalContext& context = {});
    static QString forInvalidField(const QString& field);
    // The transient note while the outbox waits out the server's message rate.
    static QString sendingTooFast(qint64 retryAfterMs);

private:
    static QString forSafetyRefusal(const RequestFailure& failure, const RefusalContext& context);
    static int secondsFrom(qint64 milliseconds);
};

}  // namespace natter
