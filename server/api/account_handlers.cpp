#include "account_handlers.h"

#include <QMetaObject>

#include "auth/auth_service.h"
#include "validation.h"

namespace natter::handlers {
namespace {

// Runs `call` on the service thread with the auth service.
template <typename Call>
bool toAuthService(const Services& services, Call call) {
    AuthService* auth = services.auth;
    QMetaObject::invokeMethod(auth, [auth, call = std::move(call)] { call(*auth); },
                              Qt::QueuedConnection);
    return true;
}

// Reads a string field and applies a shared validation rule; reports the first problem.
class FieldReader {
public:
    explicit FieldReader(const RequestContext& context)
        : context_(context), reader_(context.request.params) {}

    QString read(const QString& field, FieldCheck (*check)(const QString&)) {
        const QString raw = reader_.requiredString(field);
        if (error_ || reader_.error()) {
            return {};
        }
        const FieldCheck result = check(raw);
        if (!result.ok()) {
            error_ = ProtocolError::invalidParam(field, result.problem);
        }
        return result.value;
    }

    // Answers the request with the first problem, if there was one.
    bool failed() const {
        const auto& problem = reader_.error() ? reader_.error() : error_;
        if (problem) {
            context_.responder.fail(*problem);
        }
        return problem.has_value();
    }

private:
    const RequestContext& context_;
    ParamReader reader_;
    std::optional<ProtocolError> error_;
};

FieldCheck anyString(const QString& raw) { return {raw, {}}; }

}  // namespace

bool registerAccount(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    RegisterRequest request;
    request.username = fields.read(QStringLiteral("username"), &checkUsername);
    request.displayName = fields.read(QStringLiteral("display_name"), &checkDisplayName);
    request.password = fields.read(QStringLiteral("password"), &checkPassword);
    request.deviceName = fields.read(QStringLiteral("device_name"), &checkDeviceName);
    if (fields.failed()) {
        return false;
    }
    return toAuthService(services, [request, responder = context.responder](AuthService& auth) {
        auth.registerAccount(request, responder);
    });
}

bool login(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    LoginRequest request;
    // A malformed username cannot exist: check it only for type, so that it reads as
    // invalid_credentials like any other unknown name.
    request.username = checkUsername(fields.read(QStringLiteral("username"), &anyString)).value;
    request.password = fields.read(QStringLiteral("password"), &checkPassword);
    request.deviceName = fields.read(QStringLiteral("device_name"), &checkDeviceName);
    request.peerAddress = context.peerAddress;
    if (fields.failed()) {
        return false;
    }
    return toAuthService(services, [request, responder = context.responder](AuthService& auth) {
        auth.login(request, responder);
    });
}

bool resume(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString token = fields.read(QStringLiteral("token"), &anyString);
    if (fields.failed()) {
        return false;
    }
    return toAuthService(services, [token, responder = context.responder](AuthService& auth) {
        auth.resume(token, responder);
    });
}

bool logout(const Services& services, const RequestContext& context) {
    return toAuthService(services, [identity = *context.identity,
                                    responder = context.responder](AuthService& auth) {
        auth.logout(identity, responder);
    });
}

bool listSessions(const Services& services, const RequestContext& context) {
    return toAuthService(services, [identity = *context.identity,
                                    responder = context.responder](AuthService& auth) {
        auth.listSessions(identity, responder);
    });
}

bool revokeSession(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString sessionId = fields.read(QStringLiteral("session_id"), &anyString);
    if (fields.failed()) {
        return false;
    }
    return toAuthService(services, [identity = *context.identity, sessionId,
                                    responder = context.responder](AuthService& auth) {
        auth.revokeSession(identity, sessionId, responder);
    });
}

bool revokeOtherSessions(const Services& services, const RequestContext& context) {
    return toAuthService(services, [identity = *context.identity,
                                    responder = context.responder](AuthService& auth) {
        auth.revokeOtherSessions(identity, responder);
    });
}

}  // namespace natter::handlers
