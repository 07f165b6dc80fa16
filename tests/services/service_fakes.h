// The fakes of the ports services are built on (server/ports/): a clock the test sets, a directory
// of live connections the test fills, an event bus that records what it is asked to deliver, and a
// reply that records the answer. Single-threaded: everything runs on the test's thread.
#pragma once

#include <QAnyStringView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <atomic>
#include <memory>
#include <optional>

#include "ports/clock.h"
#include "ports/event_bus.h"
#include "ports/presence_directory.h"
#include "ports/reply.h"

namespace natter::test {

// Time stands still until the test moves it.
class ManualClock final : public Clock {
public:
    static constexpr qint64 kStartMs = 1'750'000'000'000;  // some day in 2025

    qint64 nowMs() const override { return now_.load(); }
    void set(qint64 nowMs) { now_.store(nowMs); }
    void advance(qint64 ms) { now_.fetch_add(ms); }

private:
    std::atomic<qint64> now_{kStartMs};
};

// Live connections by user and by session, as the auth service would record them.
class FakePresenceDirectory final : public PresenceDirectory {
public:
    void add(const Identity& identity, const ConnectionRef& connection) override;
    void remove(const Identity& identity, const ConnectionRef& connection) override;
    bool isUserOnline(qint64 userId) const override { return byUser_.contains(userId); }
    qsizetype connectionCount(qint64 userId) const override { return byUser_.value(userId).size(); }
    bool isSessionLive(qint64 sessionId) const override { return bySession_.contains(sessionId); }
    QList<qint64> liveSessions() const override { return bySession_.keys(); }

    QList<ConnectionRef> connectionsOf(qint64 userId) const;
    // The user a live connection belongs to; 0: none.
    qint64 userOf(const ConnectionRef& connection) const { return ownerOf_.value(connection); }

private:
    QHash<qint64, QSet<ConnectionRef>> byUser_;
    QHash<qint64, QSet<ConnectionRef>> bySession_;
    QHash<ConnectionRef, qint64> ownerOf_;
};

// One publish as a service made it.
struct PublishedEvent {
    Audience audience;
    ServerEvent event;
};

// One event as a connection would have received it.
struct DeliveredEvent {
    ConnectionRef connection;
    qint64 userId = 0;
    ServerEvent event;
};

struct ClosedSession {
    qint64 sessionId = 0;
    int closeCode = 0;
    QString reason;
    std::optional<ConnectionRef> keep;
};

// Records every publish, and what each live connection in the directory would have received then
// (the audience's connections minus `skip`), like the local bus does.
class RecordingEventBus final : public EventBus {
public:
    explicit RecordingEventBus(const FakePresenceDirectory& directory) : directory_(directory) {}

    void publish(const Audience& audience, const ServerEvent& event) override;
    void sendTo(const ConnectionRef& connection, const ServerEvent& event) override;
    void closeSession(qint64 sessionId, int closeCode, const QString& reason,
                      std::optional<ConnectionRef> keep) override;

    // The data of every event `name` published to an audience that names the user (whether or not
    // the user was connected then), in publish order.
    QList<QJsonObject> toUser(qint64 userId, QAnyStringView name) const;
    // The data of every event `name` that reached this connection, in order.
    QList<QJsonObject> atConnection(const ConnectionRef& connection, QAnyStringView name) const;
    // Every publish of event `name`, in order.
    QList<PublishedEvent> published(QAnyStringView name) const;
    // The names of every event published (or sent to a connection), in order.
    QStringList names() const;
    const QList<ClosedSession>& closedSessions() const { return closed_; }
    void clear();

private:
    const FakePresenceDirectory& directory_;
    QList<PublishedEvent> published_;
    QList<DeliveredEvent> delivered_;
    QStringList names_;
    QList<ClosedSession> closed_;
};

// Records how a service answered. Tests keep the shared pointer and pass it as the ReplyRef.
class RecordingReply final : public Reply {
public:
    explicit RecordingReply(ConnectionRef origin) : origin_(origin) {}

    void ok(const QJsonObject& result) const override;
    void fail(const ProtocolError& error) const override;
    using Reply::fail;
    void signedIn(const Identity& identity, const QJsonObject& result) const override;
    void okThenClose(const QJsonObject& result, int closeCode,
                     const QString& reason) const override;
    ConnectionRef origin() const override { return origin_; }

    // How many answers were given (a request is answered exactly once).
    int answers() const { return answers_; }
    bool isOk() const { return answers_ > 0 && !error_; }
    const QJsonObject& result() const { return result_; }
    const std::optional<ProtocolError>& error() const { return error_; }
    // The wire name of the error code ("blocked", ...); empty when there is none.
    QString errorName() const;
    const std::optional<Identity>& identity() const { return identity_; }
    std::optional<int> closeCode() const { return closeCode_; }
    // One line for a failed check: the answer as it would travel.
    QString describe() const;

private:
    void record(const QJsonObject& result, std::optional<ProtocolError> error) const;

    ConnectionRef origin_;
    mutable int answers_ = 0;
    mutable QJsonObject result_;
    mutable std::optional<ProtocolError> error_;
    mutable std::optional<Identity> identity_;
    mutable std::optional<int> closeCode_;
};

// A request's answer, as the test holds it.
using Answer = std::shared_ptr<RecordingReply>;

// A reply for a request that came from `origin`.
inline Answer replyFrom(ConnectionRef origin) {
    return std::make_shared<RecordingReply>(origin);
}

}  // namespace natter::test
