// Maps method names to handlers. A handler validates params (shared/ rules) and hands the typed
// request to a service on the service thread; it never touches storage or sockets itself.
#pragma once

#include <QHash>
#include <QString>
#include <optional>

#include "codec.h"
#include "ports/identity.h"
#include "ports/reply.h"

namespace natter {

class AuthService;
class MessageService;
class GroupService;
class DirectoryService;
class PresenceService;
class ReadStateService;
class SafetyService;
class MessageChangeService;
class FileService;
class MessageSearchService;

// The services handlers may call. They live on the service thread: post to them.
struct Services {
    AuthService* auth = nullptr;
    MessageService* messages = nullptr;
    GroupService* groups = nullptr;
    DirectoryService* directory = nullptr;
    PresenceService* presence = nullptr;
    ReadStateService* readState = nullptr;
    SafetyService* safety = nullptr;
    MessageChangeService* messageChanges = nullptr;
    FileService* files = nullptr;
    MessageSearchService* messageSearch = nullptr;
};

struct RequestContext {
    Request request;
    ReplyRef reply;
    std::optional<Identity> identity;  // set on authenticated connections
    QString peerAddress;
};

class RequestDispatcher {
public:
    // Returns true when the request went on to a service, false when it was answered at once.
    using Handler = bool (*)(const Services&, const RequestContext&);
    // Which extra per-connection budget a method draws from, besides the request budget.
    enum class Budget { None, Search, Typing };
    struct Route {
        Handler handler;
        bool open = false;         // callable before authentication
        bool authAttempt = false;  // signs the connection in when it succeeds
        Budget budget = Budget::None;
    };

    explicit RequestDispatcher(Services services);

    const Route* find(const QString& method) const;
    bool dispatch(const Route& route, const RequestContext& context) const {
        return route.handler(services_, context);
    }
    // A binary message of a signed-in connection: an upload chunk (docs/protocol.md 5.8).
    void dispatchUploadChunk(const Identity& who, const ReplyRef& reply,
                             const QByteArray& message) const;

private:
    Services services_;
    QHash<QString, Route> routes_;
};

}  // namespace natter
