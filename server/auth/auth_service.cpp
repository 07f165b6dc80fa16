#include "auth_service.h"

#include <QJsonArray>

#include "close_codes.h"
#include "password_hasher.h"
#include "presence/presence_service.h"
#include "util/log.h"
#include "util/random_id.h"
#include "util/rate_limits.h"
#include "validation.h"
#include "views/record_json.h"

namespace natter {
namespace {

constexpr int kMaintenanceIntervalMs = 5 * 60 * 1000;

QJsonObject sessionJson(const SessionRecord& session, bool current) {
    return {{QStringLiteral("id"), session.publicId},
            {QStringLiteral("device_name"), session.deviceName},
            {QStringLiteral("created_at"), session.createdAt},
            {QStringLiteral("last_seen_at"), session.lastSeenAt},
            {QStringLiteral("current"), current}};
}

}  // namespace

AuthService::AuthService(const ServicePorts& ports, PasswordHasher& hasher,
                         PresenceService& presence, const AuthSettings& settings, QObject* parent)
    : QObject(parent),
      ports_(ports),
      hasher_(hasher),
      presence_(presence),
      sessionIdleTimeoutMs_(settings.sessionIdleTimeoutMs),
      registrations_(QByteArrayLiteral("register"), settings.registrationBurst,
                     settings.registrationsPerHour / 3600.0) {
    maintenance_.setInterval(kMaintenanceIntervalMs);
    connect(&maintenance_, &QTimer::timeout, this, [this] {
        throttle_.prune(ports_.clock.nowMs());
        registrations_.prune(ports_.clock.nowMs());
        sweepIdleSessions();
    });
    maintenance_.start();
}

std::function<void(const QString&)> AuthService::failInternally(const ReplyRef& reply,
                                                                const char* what) {
    return [reply, what](const QString&) {
        log::error("auth.store_failed", {{"operation", QString::fromLatin1(what)}});
        reply->fail(ErrorCode::InternalError);
    };
}

// Every well-formed auth.register counts, whatever its outcome: each costs a password hash.
void AuthService::registerAccount(const RegisterRequest& request, const ReplyRef& reply) {
    registrations_.take(
        LoginThrottle::addressKey(request.peerAddress), ports_.clock.nowMs(),
        [this, request, reply](const RateVerdict& verdict) {
            if (!verdict.admitted) {
                log::warning("auth.register_throttled", {{"addr", request.peerAddress}});
                reply->fail(rateLimitedBy(RateLimit::Registration, verdict.retryAfterMs));
                return;
            }
            hashForRegistration(request, verdict, reply);
        });
}

void AuthService::hashForRegistration(const RegisterRequest& request, const RateVerdict& admitted,
                                      const ReplyRef& reply) {
    hasher_.hash(request.password, [this, request, admitted, reply](std::optional<QString> hash) {
        if (!hash) {
            registrations_.refund(LoginThrottle::addressKey(request.peerAddress), admitted,
                                  ports_.clock.nowMs());
            reply->fail(ErrorCode::ServerBusy);
            return;
        }
        const QString token = newSessionToken();
        ports_.storage.submit(
            this,
            [this, request, hash = *hash, token, reply](Store& store) -> JobQueue::Continuation {
                const qint64 now = ports_.clock.nowMs();
                auto user = store.insertUser(
                    NewUser{newPublicId('u'), request.username, request.displayName, hash, now});
                if (!user) {
                    return [reply] {
                        reply->fail(ProtocolError::of(ErrorCode::UsernameTaken, {},
                                                      QStringLiteral("username")));
                    };
                }
                const SessionRecord session = store.insertSession(NewSession{
                    newPublicId('s'), user->id, hashSessionToken(token), request.deviceName, now});
                return [this, user = *user, session, token, request, reply] {
                    log::info("account.registered", {{"user", user.publicId}});
                    throttle_.rememberAddress(user.username, request.peerAddress,
                                              ports_.clock.nowMs());
                    completeSignIn(user, session, token, reply);
                };
            },
            failInternally(reply, "register"));
    });
}

void AuthService::login(const LoginRequest& request, const ReplyRef& reply) {
    throttle_.admit(request.username, request.peerAddress, ports_.clock.nowMs(),
                    [this, request, reply](const LoginVerdict& verdict) {
                        if (!verdict.admitted()) {
                            log::warning("auth.login_throttled",
                                         {{"addr", request.peerAddress},
                                          {"limit", rateLimitName(*verdict.limit)}});
                            reply->fail(rateLimitedBy(*verdict.limit, verdict.retryAfterMs));
                            return;
                        }
                        findAccount(request, reply);
                    });
}

void AuthService::findAccount(const LoginRequest& request, const ReplyRef& reply) {
    ports_.storage.submit(
        this,
        [this, request, reply](Store& store) -> JobQueue::Continuation {
            auto user = store.userByUsername(request.username);
            return [this, request, user, reply] { checkPassword(request, user, reply); };
        },
        [this, request, reply](const QString& error) {
            throttle_.withdraw(request.username, request.peerAddress, ports_.clock.nowMs());
            failInternally(reply, "login")(error);
        });
}

void AuthService::checkPassword(const LoginRequest& request, const std::optional<UserRecord>& user,
                                const ReplyRef& reply) {
    const QString storedHash = user ? user->passwordHash : QString();
    hasher_.verify(request.password, storedHash,
                   [this, request, user, reply](std::optional<bool> matches) {
                       const qint64 now = ports_.clock.nowMs();
                       if (!matches) {
                           throttle_.withdraw(request.username, request.peerAddress, now);
                           reply->fail(ErrorCode::ServerBusy);
                       } else if (!*matches) {
                           log::info("auth.login_failed", {{"addr", request.peerAddress}});
                           reply->fail(ErrorCode::InvalidCredentials);
                       } else if (user->isDisabled()) {
                           // Only after the right password: the refusal tells nothing to others.
                           throttle_.passwordAccepted(request.username, request.peerAddress, now);
                           reply->fail(ErrorCode::AccountDisabled);
                       } else {
                           throttle_.passwordAccepted(request.username, request.peerAddress, now);
                           createSession(*user, request.deviceName, reply);
                       }
                   });
}

void AuthService::createSession(const UserRecord& user, const QString& deviceName,
                                const ReplyRef& reply) {
    const QString token = newSessionToken();
    ports_.storage.submit(
        this,
        [this, user, deviceName, token, reply](Store& store) -> JobQueue::Continuation {
            const SessionRecord session =
                store.insertSession(NewSession{newPublicId('s'), user.id, hashSessionToken(token),
                                               deviceName, ports_.clock.nowMs()});
            return [this, user, session, token, reply] {
                completeSignIn(user, session, token, reply);
            };
        },
        failInternally(reply, "create_session"));
}

void AuthService::completeSignIn(const UserRecord& user, const SessionRecord& session,
                                 const QString& token, const ReplyRef& reply) {
    const Identity identity{user.id, session.id, user.publicId, session.publicId};
    ports_.directory.add(identity, reply->origin());
    QJsonObject result{{QStringLiteral("session"), sessionJson(session, true)},
                       {QStringLiteral("user"), userJson(refOf(user))}};
    if (!token.isEmpty()) {
        result.insert(QStringLiteral("token"), token);
    }
    log::info("auth.signed_in",
              {{"user", user.publicId},
               {"session", session.publicId},
               {"resumed", token.isEmpty() ? QStringLiteral("true") : QStringLiteral("false")}});
    reply->signedIn(identity, result);
    presence_.connectionSignedIn(identity, reply->origin());
}

// A failed resume does not count against the login throttle: a 256-bit token cannot be guessed,
// and a device with an expired token must not use up its address's login attempts.
void AuthService::resume(const QString& token, const QString& peerAddress, const ReplyRef& reply) {
    if (!isWellFormedToken(token)) {
        reply->fail(ErrorCode::InvalidToken);
        return;
    }
    const qint64 idleTimeout = sessionIdleTimeoutMs_;
    ports_.storage.submit(
        this,
        [this, token, idleTimeout, peerAddress, reply](Store& store) -> JobQueue::Continuation {
            auto session = store.sessionByTokenHash(hashSessionToken(token));
            const qint64 now = ports_.clock.nowMs();
            if (session && session->lastSeenAt < now - idleTimeout) {
                store.deleteSession(session->id);
                session.reset();
            }
            auto user = session ? store.userById(session->userId) : std::nullopt;
            if (!session || !user) {
                return [reply] { reply->fail(ErrorCode::InvalidToken); };
            }
            if (user->isDisabled()) {
                return [reply] { reply->fail(ErrorCode::AccountDisabled); };
            }
            store.touchSession(session->id, now);
            session->lastSeenAt = now;
            return [this, user = *user, session = *session, peerAddress, reply] {
                throttle_.rememberAddress(user.username, peerAddress, ports_.clock.nowMs());
                completeSignIn(user, session, {}, reply);
            };
        },
        failInternally(reply, "resume"));
}

void AuthService::logout(const Identity& identity, const ReplyRef& reply) {
    ports_.storage.submit(
        this,
        [this, identity, reply](Store& store) -> JobQueue::Continuation {
            store.deleteSession(identity.sessionId);
            return [this, identity, reply] {
                log::info("auth.logged_out", {{"session", identity.sessionPublicId}});
                ports_.bus.closeSession(identity.sessionId, close_code::kSessionRevoked,
                                        QStringLiteral("session revoked"), reply->origin());
                reply->okThenClose({}, close_code::kNormal, QStringLiteral("logged out"));
            };
        },
        failInternally(reply, "logout"));
}

void AuthService::listSessions(const Identity& identity, const ReplyRef& reply) {
    ports_.storage.submit(
        this,
        [this, identity, reply](Store& store) -> JobQueue::Continuation {
            auto sessions = store.sessionsOfUser(identity.userId);
            return [this, identity, sessions, reply] {
                QJsonArray list;
                for (SessionRecord session : sessions) {
                    if (ports_.directory.isSessionLive(session.id)) {
                        session.lastSeenAt = ports_.clock.nowMs();  // connected right now
                    }
                    list.append(sessionJson(session, session.id == identity.sessionId));
                }
                reply->ok({{QStringLiteral("sessions"), list}});
            };
        },
        failInternally(reply, "list_sessions"));
}

void AuthService::revokeSession(const Identity& identity, const QString& sessionPublicId,
                                const ReplyRef& reply) {
    ports_.storage.submit(
        this,
        [this, identity, sessionPublicId, reply](Store& store) -> JobQueue::Continuation {
            auto session = store.sessionByPublicId(identity.userId, sessionPublicId);
            if (!session) {
                return [reply] { reply->fail(ErrorCode::NotFound); };
            }
            store.deleteSession(session->id);
            return [this, identity, id = session->id, reply] { closeRevoked(identity, id, reply); };
        },
        failInternally(reply, "revoke_session"));
}

void AuthService::closeRevoked(const Identity& identity, qint64 sessionId, const ReplyRef& reply) {
    log::info("auth.session_revoked", {{"by_session", identity.sessionPublicId}});
    const QString reason = QStringLiteral("session revoked");
    if (sessionId == identity.sessionId) {
        ports_.bus.closeSession(sessionId, close_code::kSessionRevoked, reason, reply->origin());
        reply->okThenClose({}, close_code::kSessionRevoked, reason);
    } else {
        ports_.bus.closeSession(sessionId, close_code::kSessionRevoked, reason);
        reply->ok({});
    }
}

void AuthService::revokeOtherSessions(const Identity& identity, const ReplyRef& reply) {
    ports_.storage.submit(
        this,
        [this, identity, reply](Store& store) -> JobQueue::Continuation {
            QList<qint64> revoked;
            for (const SessionRecord& session : store.sessionsOfUser(identity.userId)) {
                if (session.id != identity.sessionId && store.deleteSession(session.id)) {
                    revoked.append(session.id);
                }
            }
            return [this, identity, revoked, reply] {
                for (qint64 id : revoked) {
                    ports_.bus.closeSession(id, close_code::kSessionRevoked,
                                            QStringLiteral("session revoked"));
                }
                log::info("auth.other_sessions_revoked",
                          {{"session", identity.sessionPublicId},
                           {"count", QString::number(revoked.size())}});
                reply->ok({{QStringLiteral("revoked"), qint64(revoked.size())}});
            };
        },
        failInternally(reply, "revoke_others"));
}

void AuthService::connectionClosed(const ConnectionRef& connection, const Identity& identity) {
    QMetaObject::invokeMethod(
        this, [this, connection, identity] { forgetConnection(connection, identity); },
        Qt::QueuedConnection);
}

void AuthService::forgetConnection(const ConnectionRef& connection, const Identity& identity) {
    ports_.directory.remove(identity, connection);
    presence_.connectionGone(identity);
    const qint64 now = ports_.clock.nowMs();
    jobs::write(ports_.storage, this,
                [id = identity.sessionId, now](Store& store) { store.touchSession(id, now); });
}

void AuthService::sweepIdleSessions() {
    const qint64 cutoff = ports_.clock.nowMs() - sessionIdleTimeoutMs_;
    const QList<qint64> live = ports_.directory.liveSessions();
    jobs::background(ports_.storage, this, [cutoff, live](Store& store) -> JobQueue::Continuation {
        const int removed = store.deleteIdleSessions(cutoff, live);
        return [removed] {
            if (removed > 0) {
                log::info("auth.idle_sessions_removed", {{"count", QString::number(removed)}});
            }
        };
    });
}

}  // namespace natter
