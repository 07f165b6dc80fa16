// auth.reset_password (docs/protocol.md 5.1): a one-time code from the operator's
// `natter-server admin reset-password` sets a new password and signs in as a new session. Every
// other session of the account is revoked; the nodes close their connections like after the
// operator's own revocations (session_revocations, docs/operations.md).
#include "auth_service.h"
#include "password_hasher.h"
#include "util/log.h"
#include "util/random_id.h"
#include "util/rate_limits.h"

namespace natter {

void AuthService::resetPassword(const PasswordResetRequest& request, const ReplyRef& reply) {
    // A wrong code counts like a wrong password: the same buckets slow down guessing.
    throttle_.admit(request.username, request.peerAddress, ports_.clock.nowMs(),
                    [this, request, reply](const LoginVerdict& verdict) {
                        if (!verdict.admitted()) {
                            reply->fail(rateLimitedBy(*verdict.limit, verdict.retryAfterMs));
                            return;
                        }
                        hashNewPassword(request, reply);
                    });
}

void AuthService::hashNewPassword(const PasswordResetRequest& request, const ReplyRef& reply) {
    hasher_.hash(request.password, [this, request, reply](std::optional<QString> hash) {
        if (!hash) {
            throttle_.withdraw(request.username, request.peerAddress, ports_.clock.nowMs());
            reply->fail(ErrorCode::ServerBusy);
            return;
        }
        applyReset(request, *hash, reply);
    });
}

void AuthService::applyReset(const PasswordResetRequest& request, const QString& passwordHash,
                             const ReplyRef& reply) {
    const QString token = newSessionToken();
    const QString codeHash = hashSessionToken(normalizeResetCode(request.code));
    ports_.storage.submit(
        this,
        [this, request, passwordHash, codeHash, token,
         reply](Store& store) -> JobQueue::Continuation {
            const qint64 now = ports_.clock.nowMs();
            auto user = store.userByUsername(request.username);
            if (!user || !store.consumePasswordReset(user->id, codeHash, now)) {
                return [request, reply] {
                    log::info("auth.reset_failed", {{"addr", request.peerAddress}});
                    reply->fail(ErrorCode::InvalidCredentials);
                };
            }
            if (user->isDisabled()) {
                return [reply] { reply->fail(ErrorCode::AccountDisabled); };
            }
            store.setPasswordHash(user->id, passwordHash);
            user->passwordHash = passwordHash;
            store.revokeAllSessions(user->id, now, now - SessionRevocation::kKeepMs);
            const SessionRecord session = store.insertSession(NewSession{
                newPublicId('s'), user->id, hashSessionToken(token), request.deviceName, now});
            return [this, user = *user, session, token, request, reply] {
                log::info("auth.password_reset", {{"user", user.publicId}});
                throttle_.passwordAccepted(request.username, request.peerAddress,
                                           ports_.clock.nowMs());
                completeSignIn(user, session, token, reply);
            };
        },
        [this, request, reply](const QString& error) {
            throttle_.withdraw(request.username, request.peerAddress, ports_.clock.nowMs());
            failInternally(reply, "reset_password")(error);
        });
}

}  // namespace natter
