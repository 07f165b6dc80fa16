// Fuzz target: the server's frame path as far as it runs without sockets and services — what
// ClientConnection::onText does with a text frame: decodeRequest, the RequestDispatcher's route
// lookup, and the method's handler (server/api/*), which validates params and either answers at
// once or posts the typed request to a service. Services are absent (null), so a posted request
// goes nowhere; answers are recorded by RecordingReply.
// Not covered here: ClientConnection's own rules (request/search/typing budgets, auth state), the
// WebSocket framing (QWebSocket) and the services behind the handlers (storage, hashing).
#include <QJsonObject>

#include "api/request_dispatcher.h"
#include "codec.h"
#include "fuzz_support.h"
#include "recording_reply.h"

namespace natter::fuzz {
namespace {

const RequestDispatcher& dispatcher() {
    static const RequestDispatcher instance{Services{}};
    return instance;
}

// Every param name of docs/protocol.md section 5: a refusal's field names one of them.
const QStringList& documentedParams() {
    static const QStringList names = {
        QStringLiteral("username"),
        QStringLiteral("display_name"),
        QStringLiteral("password"),
        QStringLiteral("device_name"),
        QStringLiteral("token"),
        QStringLiteral("session_id"),
        QStringLiteral("conversation_id"),
        QStringLiteral("to_user_id"),
        QStringLiteral("to_username"),
        QStringLiteral("client_message_id"),
        QStringLiteral("type"),
        QStringLiteral("body"),
        QStringLiteral("meta"),
        QStringLiteral("name"),
        QStringLiteral("member_ids"),
        QStringLiteral("member_id"),
        QStringLiteral("limit"),
        QStringLiteral("cursor"),
        QStringLiteral("before_seq"),
        QStringLiteral("after_seq"),
        QStringLiteral("cursors"),
        QStringLiteral("limit_per_conversation"),
        QStringLiteral("query"),
        QStringLiteral("user_ids"),
        QStringLiteral("seq"),
        QStringLiteral("typing"),
        QStringLiteral("muted"),
        QStringLiteral("user_id"),
    };
    return names;
}

// A route's handler either answers once with a documented refusal, or hands the request on.
void dispatchRequest(const Request& request) {
    const RequestDispatcher::Route* route = dispatcher().find(request.method);
    if (!route) {
        return;  // ClientConnection answers unknown_method itself
    }
    std::optional<Identity> identity;
    if (!route->open) {
        // ClientConnection admits these only when signed in.
        identity = Identity{1, 1, QStringLiteral("u_fuzzer"), QStringLiteral("s_fuzzer")};
    }
    const RequestContext context{request, std::make_shared<RecordingReply>(route->authAttempt),
                                 identity, QStringLiteral("127.0.0.1")};
    const bool handedOn = dispatcher().dispatch(*route, context);
    const RecordedAnswers answers = takeRecordedAnswers();
    if (handedOn) {
        FUZZ_CHECK(answers.count == 0);  // only the service answers
        return;
    }
    FUZZ_CHECK(answers.count == 1 && answers.lastError.has_value());
    FUZZ_CHECK(answers.endedAuthAttempt == route->authAttempt);
    checkRejection(request.id, *answers.lastError, {ErrorCode::InvalidParams});
    FUZZ_CHECK(documentedParams().contains(answers.lastError->field));
}

}  // namespace

void fuzzText(const QString& text) {
    if (const auto request = decodeChecked(text)) {
        dispatchRequest(*request);
    }
}

}  // namespace natter::fuzz
