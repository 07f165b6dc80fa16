#include "service_harness.h"

#include <utility>

#include "store/sql_store.h"
#include "views/record_json.h"

namespace natter::test {

void InlineJobQueue::submit(QObject* context, Job job, FailureHandler onFailure) {
    pending_.push_back(Task{context, std::move(job), std::move(onFailure)});
    if (draining_) {
        return;  // submitted from a continuation: runs once the current job is done
    }
    draining_ = true;
    while (!pending_.empty()) {
        Task task = std::move(pending_.front());
        pending_.pop_front();
        run(task);
    }
    draining_ = false;
}

void InlineJobQueue::run(Task& task) {
    ++jobsRun_;
    Continuation continuation;
    QString error;
    try {
        continuation = runInTransaction(task);
    } catch (const StoreError& e) {
        error = QString::fromStdString(e.what());
    }
    if (!task.context) {
        return;  // like the executor: nobody left to hear of it
    }
    if (error.isEmpty()) {
        if (continuation) {
            continuation();
        }
    } else if (task.onFailure) {
        task.onFailure(error);
    }
}

JobQueue::Continuation InlineJobQueue::runInTransaction(Task& task) {
    const QString savepoint = QStringLiteral("job");
    store_.begin();
    try {
        if (replay_) {
            task.job(store_);  // its continuation is dropped, like a rolled-back batch's
            store_.rollback();
            store_.begin();
        }
        store_.savepoint(savepoint);
        try {
            Continuation continuation = task.job(store_);
            if (std::exchange(failNext_, false)) {
                throw StoreError(QStringLiteral("injected failure"));
            }
            store_.releaseSavepoint(savepoint);
            store_.commit();
            return continuation;
        } catch (const StoreError&) {
            store_.rollbackToSavepoint(savepoint);
            store_.releaseSavepoint(savepoint);
            throw;
        }
    } catch (const StoreError&) {
        store_.rollback();
        throw;
    }
}

safety::SpamSettings spamSettings() {
    auto parsed = safety::BannedWords::parse(kBannedWord.toUtf8());
    return safety::SpamSettings{std::get<safety::BannedWords>(std::move(parsed)),
                                safety::LinkPolicy::Contacts, limits::kMessageRatePerSecond,
                                limits::kMessageBurst};
}

detail::OwnedStore::OwnedStore() : owned(SqlStore::open(QStringLiteral("sqlite::memory:"))) {
    owned->migrate();
}

ServiceWorld::ServiceWorld() = default;
ServiceWorld::~ServiceWorld() = default;

TestUser ServiceWorld::offlineUser(const QString& name) {
    const qint64 now = clock.nowMs();
    const UserRecord user = *store().insertUser(
        NewUser{QStringLiteral("u_") + name, name, name.toUpper(), QStringLiteral("hash"), now});
    TestUser created{{user.id, 0, user.publicId, {}}, refOf(user), {}};
    created.identity = newSession(created);
    return created;
}

TestUser ServiceWorld::user(const QString& name) {
    TestUser created = offlineUser(name);
    created.device = connect(created.identity);
    return created;
}

Identity ServiceWorld::newSession(const TestUser& user) {
    const int number = nextSession_++;
    const SessionRecord session = store().insertSession(NewSession{
        QStringLiteral("s_%1").arg(number), user.id(), QStringLiteral("token-hash-%1").arg(number),
        QStringLiteral("device"), clock.nowMs()});
    return Identity{user.id(), session.id, user.publicId(), session.publicId};
}

ConnectionRef ServiceWorld::connect(const Identity& identity) {
    const ConnectionRef connection{1, nextConnectionId_++};
    directory.add(identity, connection);
    return connection;
}

void ServiceWorld::disconnect(const Identity& identity, const ConnectionRef& connection) {
    directory.remove(identity, connection);
}

ConnectionRef ServiceWorld::signIn(const Identity& identity) {
    const ConnectionRef connection = connect(identity);
    presence.connectionSignedIn(identity, connection);
    return connection;
}

void ServiceWorld::signOut(const Identity& identity, const ConnectionRef& connection) {
    disconnect(identity, connection);
    presence.connectionGone(identity);
}

Answer ServiceWorld::send(const TestUser& from, const SendRequest& request) {
    return ask(from, [&](const ReplyRef& reply) { messages.send(from.identity, request, reply); });
}

Answer ServiceWorld::createGroup(const TestUser& creator, const CreateGroupRequest& request) {
    return ask(creator, [&](const ReplyRef& reply) {
        messages.createGroup(creator.identity, request, reply);
    });
}

QJsonObject ServiceWorld::conversationSeenBy(const TestUser& viewer,
                                             const QString& conversationId) {
    const Answer answer = ask(viewer, [&](const ReplyRef& reply) {
        conversations.conversation(viewer.identity, conversationId, reply);
    });
    return answer->result().value(QStringLiteral("conversation")).toObject();
}

QString conversationOf(const RecordingReply& answer) {
    return answer.result()
        .value(QStringLiteral("message"))
        .toObject()
        .value(QStringLiteral("conversation_id"))
        .toString();
}

MessageContent text(const QString& body) {
    return MessageContent{QStringLiteral("text"), body, std::nullopt};
}

SendRequest toUser(const TestUser& recipient, const QString& clientMessageId, const QString& body) {
    return SendRequest{std::nullopt, recipient.publicId(), std::nullopt, clientMessageId,
                       text(body)};
}

SendRequest inConversation(const QString& conversationId, const QString& clientMessageId,
                           const QString& body) {
    return SendRequest{conversationId, std::nullopt, std::nullopt, clientMessageId, text(body)};
}

CreateGroupRequest newGroup(const QString& name, const QList<TestUser>& members,
                            const QString& clientMessageId) {
    QStringList ids;
    for (const TestUser& member : members) {
        ids.append(member.publicId());
    }
    return CreateGroupRequest{name, ids, clientMessageId, text(QStringLiteral("welcome"))};
}

}  // namespace natter::test
