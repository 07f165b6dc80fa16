#include "request_dispatcher.h"

#include "account_handlers.h"
#include "method_names.h"

namespace natter {

RequestDispatcher::RequestDispatcher(Services services) : services_(services) {
    routes_ = {
        {QString(method::kRegister), {&handlers::registerAccount, true, true}},
        {QString(method::kLogin), {&handlers::login, true, true}},
        {QString(method::kResume), {&handlers::resume, true, true}},
        {QString(method::kLogout), {&handlers::logout, false, false}},
        {QString(method::kSessionsList), {&handlers::listSessions, false, false}},
        {QString(method::kSessionsRevoke), {&handlers::revokeSession, false, false}},
        {QString(method::kSessionsRevokeOthers), {&handlers::revokeOtherSessions, false, false}},
    };
}

const RequestDispatcher::Route* RequestDispatcher::find(const QString& method) const {
    const auto it = routes_.constFind(method);
    return it == routes_.constEnd() ? nullptr : &it.value();
}

}  // namespace natter
