// messages.search (docs/protocol.md 5.3a): full-text search over the caller's conversations,
// paged newest first, with a highlighted plain-text snippet per hit. Lives on the service
// thread, which alone owns the per-user search budget (so no lock).
#pragma once

#include <QObject>
#include <optional>

#include "chat_requests.h"
#include "ports/identity.h"
#include "ports/reply.h"
#include "ports/service_ports.h"
#include "util/token_bucket.h"

namespace natter {

class MessageSearchService : public QObject {
    Q_OBJECT
public:
    explicit MessageSearchService(const ServicePorts& ports, QObject* parent = nullptr);

    void search(const Identity& searcher, const MessageSearchRequest& request,
                const ReplyRef& reply);

    // The opaque cursor: the internal id of the last hit of a page.
    static QString encodeCursor(qint64 messageId);
    static std::optional<qint64> decodeCursor(const QString& text);

private:
    // Takes a token of the user's budget; false (and answers rate_limited) when there is none.
    bool admit(const Identity& searcher, const ReplyRef& reply);

    ServicePorts ports_;
    TokenBucketMap budgets_;
    int searchesSincePrune_ = 0;
};

}  // namespace natter
