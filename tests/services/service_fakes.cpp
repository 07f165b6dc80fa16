#include "service_fakes.h"

#include <QJsonDocument>

#include "codec.h"

namespace natter::test {

void FakePresenceDirectory::add(const Identity& identity, const ConnectionRef& connection) {
    byUser_[identity.userId].insert(connection);
    bySession_[identity.sessionId].insert(connection);
    ownerOf_.insert(connection, identity.userId);
}

void FakePresenceDirectory::remove(const Identity& identity, const ConnectionRef& connection) {
    const auto forget = [&connection](QHash<qint64, QSet<ConnectionRef>>& index, qint64 key) {
        auto it = index.find(key);
        if (it != index.end() && it->remove(connection) && it->isEmpty()) {
            index.erase(it);
        }
    };
    forget(byUser_, identity.userId);
    forget(bySession_, identity.sessionId);
    ownerOf_.remove(connection);
}

QList<ConnectionRef> FakePresenceDirectory::connectionsOf(qint64 userId) const {
    const QSet<ConnectionRef> connections = byUser_.value(userId);
    return {connections.begin(), connections.end()};
}

void RecordingEventBus::publish(const Audience& audience, const ServerEvent& event) {
    published_.append(PublishedEvent{audience, event});
    names_.append(event.name);
    for (qint64 userId : audience.userIds) {
        for (const ConnectionRef& connection : directory_.connectionsOf(userId)) {
            if (connection != audience.skip) {
                delivered_.append(DeliveredEvent{connection, userId, event});
            }
        }
    }
}

void RecordingEventBus::sendTo(const ConnectionRef& connection, const ServerEvent& event) {
    names_.append(event.name);
    delivered_.append(DeliveredEvent{connection, directory_.userOf(connection), event});
}

void RecordingEventBus::closeSession(qint64 sessionId, int closeCode, const QString& reason,
                                     std::optional<ConnectionRef> keep) {
    closed_.append(ClosedSession{sessionId, closeCode, reason, keep});
}

QList<QJsonObject> RecordingEventBus::toUser(qint64 userId, QAnyStringView name) const {
    QList<QJsonObject> data;
    for (const PublishedEvent& published : published_) {
        if (QAnyStringView::equal(published.event.name, name) &&
            published.audience.userIds.contains(userId)) {
            data.append(published.event.data);
        }
    }
    return data;
}

QList<QJsonObject> RecordingEventBus::atConnection(const ConnectionRef& connection,
                                                   QAnyStringView name) const {
    QList<QJsonObject> data;
    for (const DeliveredEvent& delivered : delivered_) {
        if (delivered.connection == connection &&
            QAnyStringView::equal(delivered.event.name, name)) {
            data.append(delivered.event.data);
        }
    }
    return data;
}

QList<PublishedEvent> RecordingEventBus::published(QAnyStringView name) const {
    QList<PublishedEvent> matching;
    for (const PublishedEvent& published : published_) {
        if (QAnyStringView::equal(published.event.name, name)) {
            matching.append(published);
        }
    }
    return matching;
}

QStringList RecordingEventBus::names() const {
    return names_;
}

void RecordingEventBus::clear() {
    published_.clear();
    delivered_.clear();
    names_.clear();
    closed_.clear();
}

void RecordingReply::record(const QJsonObject& result, std::optional<ProtocolError> error) const {
    ++answers_;
    result_ = result;
    error_ = std::move(error);
}

void RecordingReply::ok(const QJsonObject& result) const {
    record(result, std::nullopt);
}

void RecordingReply::fail(const ProtocolError& error) const {
    record({}, error);
}

void RecordingReply::signedIn(const Identity& identity, const QJsonObject& result) const {
    identity_ = identity;
    record(result, std::nullopt);
}

void RecordingReply::okThenClose(const QJsonObject& result, int closeCode,
                                 const QString& reason) const {
    Q_UNUSED(reason);
    closeCode_ = closeCode;
    record(result, std::nullopt);
}

QString RecordingReply::errorName() const {
    return error_ ? errorCodeName(error_->code) : QString();
}

QString RecordingReply::describe() const {
    if (answers_ == 0) {
        return QStringLiteral("(no answer)");
    }
    return error_ ? encodeError(QJsonValue(), *error_) : encodeResult(QJsonValue(), result_);
}

}  // namespace natter::test
