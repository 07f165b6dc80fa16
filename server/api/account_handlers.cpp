#include "account_handlers.h"

#include "auth/auth_service.h"
#include "handler_support.h"

namespace natter::handlers {

bool registerAccount(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    RegisterRequest request;
    request.username = fields.read(QStringLiteral("username"), &checkUsername);
    request.displayName = fields.read(QStringLiteral("display_name"), &checkDisplayName);
    request.password = fields.read(QStringLiteral("password"), &checkPassword);
    request.deviceName = fields.read(QStringLiteral("device_name"), &checkDeviceName);
    request.peerAddress = context.peerAddress;
    if (fields.failed()) {
        return false;
    }
    return post(services.auth, [request, reply = context.reply](AuthService& auth) {
        auth.registerAccount(request, reply);
    });
}

bool login(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    LoginRequest request;
    // A malformed username cannot exist: check it only for type, so that it reads as
    // invalid_credentials like any other unknown name.
    request.username = checkUsername(fields.readAny(QStringLiteral("username"))).value;
    request.password = fields.read(QStringLiteral("password"), &checkPassword);
    request.deviceName = fields.read(QStringLiteral("device_name"), &checkDeviceName);
    request.peerAddress = context.peerAddress;
    if (fields.failed()) {
        return false;
    }
    return post(services.auth, [request, reply = context.reply](AuthService& auth) {
        auth.login(request, reply);
    });
}

bool resume(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString token = fields.readAny(QStringLiteral("token"));
    if (fields.failed()) {
        return false;
    }
    return post(services.auth, [token, peer = context.peerAddress, reply = context.reply](
                                   AuthService& auth) { auth.resume(token, peer, reply); });
}

bool resetPassword(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    PasswordResetRequest request;
    // Like auth.login: an impossible username or code is simply wrong (invalid_credentials).
    request.username = checkUsername(fields.readAny(QStringLiteral("username"))).value;
    request.code = fields.readAny(QStringLiteral("code"));
    request.password = fields.read(QStringLiteral("new_password"), &checkPassword);
    request.deviceName = fields.read(QStringLiteral("device_name"), &checkDeviceName);
    request.peerAddress = context.peerAddress;
    if (fields.failed()) {
        return false;
    }
    return post(services.auth, [request, reply = context.reply](AuthService& auth) {
        auth.resetPassword(request, reply);
    });
}

bool logout(const Services& services, const RequestContext& context) {
    return post(services.auth, [identity = *context.identity, reply = context.reply](
                                   AuthService& auth) { auth.logout(identity, reply); });
}

bool listSessions(const Services& services, const RequestContext& context) {
    return post(services.auth, [identity = *context.identity, reply = context.reply](
                                   AuthService& auth) { auth.listSessions(identity, reply); });
}

bool revokeSession(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString sessionId = fields.readAny(QStringLiteral("session_id"));
    if (fields.failed()) {
        return false;
    }
    return post(services.auth,
                [identity = *context.identity, sessionId, reply = context.reply](
                    AuthService& auth) { auth.revokeSession(identity, sessionId, reply); });
}

bool revokeOtherSessions(const Services& services, const RequestContext& context) {
    return post(services.auth,
                [identity = *context.identity, reply = context.reply](AuthService& auth) {
                    auth.revokeOtherSessions(identity, reply);
                });
}

bool setDisplayName(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    // The rules and errors of auth.register's display_name (shared/validation).
    const QString displayName = fields.read(QStringLiteral("display_name"), &checkDisplayName);
    if (fields.failed()) {
        return false;
    }
    return post(services.auth,
                [identity = *context.identity, displayName, reply = context.reply](
                    AuthService& auth) { auth.setDisplayName(identity, displayName, reply); });
}

}  // namespace natter::handlers
