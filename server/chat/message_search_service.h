// messages.search (docs/protocol.md 5.3a): full-text search over the caller's conversations,
// paged newest first, with a highlighted plain-text snippet per hit. Lives on the service
// thread, which alone owns the per-user search budget (so no lock); in a cluster the budget is
// shared by the nodes (docs/scaling.md, "Shared limits").
#pragma once

#include <QObject>
#include <optional>

#include "chat_requests.h"
#include "ports/identity.h"
#include "ports/reply.h"
#include "ports/service_ports.h"
#include "safety/shared_rate_limit.h"

namespace natter {

class MessageSearchService : public QObject {
    Q_OBJECT
public:
    explicit MessageSearchService(const ServicePorts& ports, QObject* parent = nullptr);

    // In a cluster: the budget counts in the buckets every node shares.
    void shareBudgets(SharedLimits* shared) { budgets_.share(shared); }

    void search(const Identity& searcher, const MessageSearchRequest& request,
                const ReplyRef& reply);

    // The opaque cursor: the internal id of the last hit of a page.
    static QString encodeCursor(qint64 messageId);
    static std::optional<qint64> decodeCursor(const QString& text);

private:
    void runSearch(const Identity& searcher, const MessageSearchRequest& request,
                   const ReplyRef& reply);

    ServicePorts ports_;
    SharedRateLimit budgets_;  // by user id
    int searchesSincePrune_ = 0;
};

}  // namespace natter
