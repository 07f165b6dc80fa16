#include "auth_service.h"

#include <QDateTime>
#include <QJsonArray>

#include "chat/chat_json.h"
#include "close_codes.h"
#include "password_hasher.h"
#include "presence/presence_service.h"
#include "store/storage_executor.h"
#include "util/log.h"
#include "util/random_id.h"
#include "util/rate_limits.h"
#include "validation.h"

namespace natter {
namespace {

constexpr int kMaintenanceIntervalMs = 5 * 60 * 1000;

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonObject sessionJson(const SessionRecord& session, bool current) {
    return {{QStringLiteral("id"), session.publicId},
            {QStringLiteral("device_name"), session.deviceName},
            {QStringLiteral("created_at"), session.createdAt},
            {QStringLiteral("last_seen_at"), session.lastSeenAt},
            {QStringLiteral("current"), current}};
}

}  // namespace

AuthService::AuthService(StorageExecutor& storage, PasswordHasher& hasher,
                         ConnectionRegistry& registry, PresenceService& presence,
                         const AuthSettings& settings, QObject* parent)
    : QObject(parent),
      storage_(storage),
      hasher_(hasher),
      registry_(registry),
      presence_(presence),
      sessionIdleTimeoutMs_(settings.sessionIdleTimeoutMs),
      registrations_(settings.registrationBurst, settings.registrationsPerHour / 3600.0) {
    maintenance_.setInterval(kMaintenanceIntervalMs);
    connect(&maintenance_, &QTimer::timeout, this, [this] {
        throttle_.prune(nowMs());
        registrations_.prune(nowMs());
        sweepIdleSessions();
    });
    maintenance_.start();
}

std::function<void(const QString&)> AuthService::failInternally(const Responder& responder,
                                                                const char* what) {
    return [responder, what](const QString&) {
        log::error("auth.store_failed", {{"operation", QString::fromLatin1(what)}});
        responder.fail(ErrorCode::InternalError);
    };
}

// Every well-formed auth.register counts, whatever its outcome: each costs a password hash.
bool AuthService::admitRegistration(const QString& peerAddress, const Responder& responder) {
    const qint64 now = nowMs();
    TokenBucket& bucket = registrations_.at(LoginThrottle::addressKey(peerAddress), now);
    if (bucket.tryTake(now)) {
        return true;
    }
    log::warning("auth.register_throttled", {{"addr", peerAddress}});
    responder.fail(rateLimitedBy(RateLimit::Registration, bucket.msUntilAvailable(now)));
    return false;
}

void AuthService::registerAccount(const RegisterRequest& request, const Responder& responder) {
    if (!admitRegistration(request.peerAddress, responder)) {
        return;
    }
    hasher_.hash(request.password, [this, request, responder](std::optional<QString> hash) {
        if (!hash) {
            registrations_.refund(LoginThrottle::addressKey(request.peerAddress), nowMs());
            responder.fail(ErrorCode::ServerBusy);
            return;
        }
        const QString token = newSessionToken();
        storage_.submit(
            this,
            [this, request, hash = *hash, token, responder](Store& store) -> std::function<void()> {
                const qint64 now = nowMs();
                auto user = store.insertUser(
                    NewUser{newPublicId('u'), request.username, request.displayName, hash, now});
                if (!user) {
                    return [responder] {
                        responder.fail(ProtocolError::of(
                            ErrorCode::UsernameTaken, {}, QStringLiteral("username")));
                    };
                }
                const SessionRecord session = store.insertSession(NewSession{
                    newPublicId('s'), user->id, hashSessionToken(token), request.deviceName, now});
                return [this, user = *user, session, token, request, responder] {
                    log::info("account.registered", {{"user", user.publicId}});
                    throttle_.rememberAddress(user.username, request.peerAddress, nowMs());
                    completeSignIn(user, session, token, responder);
                };
            },
            failInternally(responder, "register"));
    });
}

void AuthService::login(const LoginRequest& request, const Responder& responder) {
    const LoginVerdict verdict = throttle_.admit(request.username, request.peerAddress, nowMs());
    if (!verdict.admitted()) {
        log::warning("auth.login_throttled",
                     {{"addr", request.peerAddress}, {"limit", rateLimitName(*verdict.limit)}});
        responder.fail(rateLimitedBy(*verdict.limit, verdict.retryAfterMs));
        return;
    }
    storage_.submit(
        this,
        [this, request, responder](Store& store) -> std::function<void()> {
            auto user = store.userByUsername(request.username);
            return [this, request, user, responder] { checkPassword(request, user, responder); };
        },
        [this, request, responder](const QString& error) {
            throttle_.withdraw(request.username, request.peerAddress, nowMs());
            failInternally(responder, "login")(error);
        });
}

void AuthService::checkPassword(const LoginRequest& request, const std::optional<UserRecord>& user,
                                const Responder& responder) {
    const QString storedHash = user ? user->passwordHash : QString();
    hasher_.verify(request.password, storedHash,
                   [this, request, user, responder](std::optional<bool> matches) {
                       const qint64 now = nowMs();
                       if (!matches) {
                           throttle_.withdraw(request.username, request.peerAddress, now);
                           responder.fail(ErrorCode::ServerBusy);
                       } else if (!*matches) {
                           log::info("auth.login_failed", {{"addr", request.peerAddress}});
                           responder.fail(ErrorCode::InvalidCredentials);
                       } else {
                           throttle_.passwordAccepted(request.username, request.peerAddress, now);
                           createSession(*user, request.deviceName, responder);
                       }
                   });
}

void AuthService::createSession(const UserRecord& user, const QString& deviceName,
                                const Responder& responder) {
    const QString token = newSessionToken();
    storage_.submit(
        this,
        [this, user, deviceName, token, responder](Store& store) -> std::function<void()> {
            const SessionRecord session = store.insertSession(NewSession{
                newPublicId('s'), user.id, hashSessionToken(token), deviceName, nowMs()});
            return [this, user, session, token, responder] {
                completeSignIn(user, session, token, responder);
            };
        },
        failInternally(responder, "create_session"));
}

void AuthService::completeSignIn(const UserRecord& user, const SessionRecord& session,
                                 const QString& token, const Responder& responder) {
    const Identity identity{user.id, session.id, user.publicId, session.publicId};
    registry_.add(identity, responder.connection());
    QJsonObject result{{QStringLiteral("session"), sessionJson(session, true)},
                       {QStringLiteral("user"), userJson(refOf(user))}};
    if (!token.isEmpty()) {
        result.insert(QStringLiteral("token"), token);
    }
    log::info("auth.signed_in",
              {{"user", user.publicId},
               {"session", session.publicId},
               {"resumed", token.isEmpty() ? QStringLiteral("true") : QStringLiteral("false")}});
    responder.signedIn(identity, result);
    presence_.connectionSignedIn(identity, responder.connection());
}

// A failed resume does not count against the login throttle: a 256-bit token cannot be guessed,
// and a device with an expired token must not use up its address's login attempts.
void AuthService::resume(const QString& token, const QString& peerAddress,
                         const Responder& responder) {
    if (!isWellFormedToken(token)) {
        responder.fail(ErrorCode::InvalidToken);
        return;
    }
    const qint64 idleTimeout = sessionIdleTimeoutMs_;
    storage_.submit(
        this,
        [this, token, idleTimeout, peerAddress, responder](Store& store) -> std::function<void()> {
            auto session = store.sessionByTokenHash(hashSessionToken(token));
            const qint64 now = nowMs();
            if (session && session->lastSeenAt < now - idleTimeout) {
                store.deleteSession(session->id);
                session.reset();
            }
            auto user = session ? store.userById(session->userId) : std::nullopt;
            if (!session || !user) {
                return [responder] { responder.fail(ErrorCode::InvalidToken); };
            }
            store.touchSession(session->id, now);
            session->lastSeenAt = now;
            return [this, user = *user, session = *session, peerAddress, responder] {
                throttle_.rememberAddress(user.username, peerAddress, nowMs());
                completeSignIn(user, session, {}, responder);
            };
        },
        failInternally(responder, "resume"));
}

void AuthService::logout(const Identity& identity, const Responder& responder) {
    storage_.submit(
        this,
        [this, identity, responder](Store& store) -> std::function<void()> {
            store.deleteSession(identity.sessionId);
            return [this, identity, responder] {
                log::info("auth.logged_out", {{"session", identity.sessionPublicId}});
                registry_.closeSession(identity.sessionId, close_code::kSessionRevoked,
                                       QStringLiteral("session revoked"), responder.connection());
                responder.okThenClose({}, close_code::kNormal, QStringLiteral("logged out"));
            };
        },
        failInternally(responder, "logout"));
}

void AuthService::listSessions(const Identity& identity, const Responder& responder) {
    storage_.submit(
        this,
        [this, identity, responder](Store& store) -> std::function<void()> {
            auto sessions = store.sessionsOfUser(identity.userId);
            return [this, identity, sessions, responder] {
                QJsonArray list;
                for (SessionRecord session : sessions) {
                    if (registry_.isSessionLive(session.id)) {
                        session.lastSeenAt = nowMs();  // connected right now
                    }
                    list.append(sessionJson(session, session.id == identity.sessionId));
                }
                responder.ok({{QStringLiteral("sessions"), list}});
            };
        },
        failInternally(responder, "list_sessions"));
}

void AuthService::revokeSession(const Identity& identity, const QString& sessionPublicId,
                                const Responder& responder) {
    storage_.submit(
        this,
        [this, identity, sessionPublicId, responder](Store& store) -> std::function<void()> {
            auto session = store.sessionByPublicId(identity.userId, sessionPublicId);
            if (!session) {
                return [responder] { responder.fail(ErrorCode::NotFound); };
            }
            store.deleteSession(session->id);
            return [this, identity, id = session->id, responder] {
                closeRevoked(identity, id, responder);
            };
        },
        failInternally(responder, "revoke_session"));
}

void AuthService::closeRevoked(const Identity& identity, qint64 sessionId,
                               const Responder& responder) {
    log::info("auth.session_revoked", {{"by_session", identity.sessionPublicId}});
    const QString reason = QStringLiteral("session revoked");
    if (sessionId == identity.sessionId) {
        registry_.closeSession(sessionId, close_code::kSessionRevoked, reason,
                               responder.connection());
        responder.okThenClose({}, close_code::kSessionRevoked, reason);
    } else {
        registry_.closeSession(sessionId, close_code::kSessionRevoked, reason);
        responder.ok({});
    }
}

void AuthService::revokeOtherSessions(const Identity& identity, const Responder& responder) {
    storage_.submit(
        this,
        [this, identity, responder](Store& store) -> std::function<void()> {
            QList<qint64> revoked;
            for (const SessionRecord& session : store.sessionsOfUser(identity.userId)) {
                if (session.id != identity.sessionId && store.deleteSession(session.id)) {
                    revoked.append(session.id);
                }
            }
            return [this, identity, revoked, responder] {
                for (qint64 id : revoked) {
                    registry_.closeSession(id, close_code::kSessionRevoked,
                                           QStringLiteral("session revoked"));
                }
                log::info("auth.other_sessions_revoked",
                          {{"session", identity.sessionPublicId},
                           {"count", QString::number(revoked.size())}});
                responder.ok({{QStringLiteral("revoked"), qint64(revoked.size())}});
            };
        },
        failInternally(responder, "revoke_others"));
}

void AuthService::connectionClosed(const ConnectionRef& connection, const Identity& identity) {
    registry_.remove(identity, connection);
    presence_.connectionGone(identity);
    const qint64 now = nowMs();
    storage_.submit(this,
                    [id = identity.sessionId, now](Store& store) -> std::function<void()> {
                        store.touchSession(id, now);
                        return {};
                    },
                    {});
}

void AuthService::sweepIdleSessions() {
    const qint64 cutoff = nowMs() - sessionIdleTimeoutMs_;
    const QList<qint64> live = registry_.liveSessions();
    storage_.submit(
        this,
        [cutoff, live](Store& store) -> std::function<void()> {
            const int removed = store.deleteIdleSessions(cutoff, live);
            return [removed] {
                if (removed > 0) {
                    log::info("auth.idle_sessions_removed", {{"count", QString::number(removed)}});
                }
            };
        },
        {});
}

}  // namespace natter
