// The in-process world services run in for tests/services: a real, migrated SQLite store in
// memory behind a job queue that runs each job at once on the test's thread, the fakes of
// service_fakes.h, every chat service built on them, and helpers to make users and connect their
// devices. No server binary, no threads, no waiting: each test gets a fresh world.
#pragma once

#include <QObject>
#include <QPointer>
#include <deque>
#include <memory>

#include "chat/directory_service.h"
#include "chat/group_service.h"
#include "chat/message_service.h"
#include "chat/read_state_service.h"
#include "presence/presence_service.h"
#include "safety/safety_service.h"
#include "safety/spam_guard.h"
#include "service_fakes.h"
#include "store/transactional_store.h"

namespace natter::test {

// Runs every job as soon as it is submitted, in a transaction of its own with a savepoint like the
// storage executor's, and its continuation (or failure handler) right after the commit. A job
// submitted from a continuation runs once the current one is done, so jobs never nest.
class InlineJobQueue final : public JobQueue {
public:
    explicit InlineJobQueue(TransactionalStore& store) : store_(store) {}

    void submit(QObject* context, Job job, FailureHandler onFailure) override;

    // The next job runs, then fails with a Fatal StoreError: its writes are rolled back and its
    // failure handler runs instead of its continuation (the database failing under a request).
    void failNextJob() { failNext_ = true; }
    // From now on every job runs twice, the first run rolled back with its continuation dropped:
    // what the storage executor does when the database answers "retry" (a job must only touch the
    // store and keep every other effect in its continuation).
    void replayJobs(bool replay) { replay_ = replay; }
    int jobsRun() const { return jobsRun_; }

private:
    struct Task {
        QPointer<QObject> context;
        Job job;
        FailureHandler onFailure;
    };
    void run(Task& task);
    // The job's continuation once committed; throws the StoreError that stopped it otherwise.
    Continuation runInTransaction(Task& task);

    TransactionalStore& store_;
    std::deque<Task> pending_;
    bool draining_ = false;
    bool failNext_ = false;
    bool replay_ = false;
    int jobsRun_ = 0;
};

// A user of the world: their identity (first session) and one live connection, when connected.
struct TestUser {
    Identity identity;
    UserRef ref;
    ConnectionRef device;  // {0, 0}: created offline

    qint64 id() const { return identity.userId; }
    const QString& publicId() const { return identity.userPublicId; }
};

// The word every world's spam guard bans.
inline const QString kBannedWord = QStringLiteral("spamword");
// The grace period of the world's presence service: short, the presence tests wait it out.
inline constexpr int kTestOfflineGraceMs = 40;

// The spam rules of every world: kBannedWord banned, links only between contacts, the default
// message rate.
safety::SpamSettings spamSettings();

namespace detail {
// Opened before any member of ServiceWorld is built on it.
struct OwnedStore {
    OwnedStore();
    std::unique_ptr<TransactionalStore> owned;
};
}  // namespace detail

class ServiceWorld : private detail::OwnedStore {
public:
    ServiceWorld();
    ~ServiceWorld();
    ServiceWorld(const ServiceWorld&) = delete;
    ServiceWorld& operator=(const ServiceWorld&) = delete;

    // A user with one session and one live connection (not announced to presence).
    TestUser user(const QString& name);
    // A user with one session and no connection.
    TestUser offlineUser(const QString& name);
    // Another session (device) of the user, not connected.
    Identity newSession(const TestUser& user);
    // A new live connection of the identity's session, recorded in the directory.
    ConnectionRef connect(const Identity& identity);
    void disconnect(const Identity& identity, const ConnectionRef& connection);
    // What the auth service does when a connection signs in / closes: record it in the directory,
    // then tell presence.
    ConnectionRef signIn(const Identity& identity);
    void signOut(const Identity& identity, const ConnectionRef& connection);

    // messages.send and conversations.create_group from the user's connection; the answer.
    Answer send(const TestUser& from, const SendRequest& request);
    Answer createGroup(const TestUser& creator, const CreateGroupRequest& request);
    // The conversation as conversations.get answers it to the user; empty when it fails.
    QJsonObject conversationSeenBy(const TestUser& viewer, const QString& conversationId);

    // The store as the services see it, for setting up and checking what was committed.
    Store& store() { return *owned; }

    InlineJobQueue storage{*owned};
    FakePresenceDirectory directory;
    RecordingEventBus bus{directory};
    ManualClock clock;
    ServicePorts ports{storage, bus, directory, clock};

    safety::SpamGuard spamGuard{spamSettings()};
    MessageService messages{ports, spamGuard, nullptr};
    GroupService groups{ports, spamGuard, nullptr};
    ReadStateService readState{ports};
    SafetyService safety{ports};
    PresenceService presence{ports, kTestOfflineGraceMs};
    DirectoryService conversations{storage};

private:
    quint64 nextConnectionId_ = 1;
    int nextSession_ = 1;
};

// The base of every services suite: a fresh world for each test function.
class ServiceTest : public QObject {
    Q_OBJECT

protected:
    ServiceWorld& world() { return *world_; }

    // Protected, so that they are not test functions and a suite's own init() and cleanup() can
    // call them.
protected slots:
    void init() { world_ = std::make_unique<ServiceWorld>(); }
    void cleanup() { world_.reset(); }

private:
    std::unique_ptr<ServiceWorld> world_;
};

// Makes a request from the user's connection: `call` hands the reply to a service. The answer.
template <typename Call>
Answer ask(const TestUser& who, Call call) {
    auto reply = replyFrom(who.device);
    call(reply);
    return reply;
}

// Request shapes the suites share.
MessageContent text(const QString& body);
SendRequest toUser(const TestUser& recipient, const QString& clientMessageId,
                   const QString& body = QStringLiteral("hello"));
SendRequest inConversation(const QString& conversationId, const QString& clientMessageId,
                           const QString& body = QStringLiteral("hello"));
// The conversation_id of the message in a messages.send or create_group answer.
QString conversationOf(const RecordingReply& answer);
CreateGroupRequest newGroup(const QString& name, const QList<TestUser>& members,
                            const QString& clientMessageId);

}  // namespace natter::test
