#include "chaos_client.h"

#include <QJsonArray>

#include "chat_checks.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

namespace natter::test::chaos {
namespace {

constexpr int kInFlight = 2;
constexpr int kMarkReadOneIn = 8;  // pumps per mark_read, on average
constexpr int kSyncRoundsMax = 100;

}  // namespace

ChaosClient::ChaosClient(chat::ChatUser user, QList<QJsonObject> targets)
    : user_(std::move(user)), targets_(std::move(targets)) {}

void ChaosClient::attach(WsTestClient* client) {
    client_ = client;
    eventsSeen_ = 0;
    pending_.clear();
}

int ChaosClient::gapFreeSeq(const QString& conversationId) const {
    const QMap<int, SeenMessage> seen = view_.value(conversationId);
    int seq = 0;
    while (seen.contains(seq + 1)) {
        ++seq;
    }
    return seq;
}

void ChaosClient::absorb(const QJsonObject& message) {
    const QString conversationId = message.value(QStringLiteral("conversation_id")).toString();
    const SeenMessage seen{chat::idOf(message),
                           chat::idOf(message.value(QStringLiteral("sender")).toObject())};
    auto& conversation = view_[conversationId];
    const auto known = conversation.constFind(chat::seqOf(message));
    if (known == conversation.constEnd()) {
        conversation.insert(chat::seqOf(message), seen);
    } else if (known->id != seen.id) {
        ++viewConflicts_;
    }
}

void ChaosClient::noteReadAnswer(const QJsonObject& result) {
    const QString conversationId = result.value(QStringLiteral("conversation_id")).toString();
    const int seq = result.value(QStringLiteral("last_read_seq")).toInt();
    ackedReadMarkers_[conversationId] = qMax(ackedReadMarkers_.value(conversationId), seq);
}

void ChaosClient::takeAnswers() {
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (client_->responseCount(it.key()) == 0) {
            ++it;
            continue;
        }
        const QJsonObject response = client_->waitForResponse(it.key(), 0);
        if (isResult(response) && it->isSend) {
            sent_[it->index].ack = chat::messageOf(response);
            absorb(sent_[it->index].ack);
        } else if (isResult(response)) {
            noteReadAnswer(response.value(QStringLiteral("result")).toObject());
        }
        // A refusal leaves the message unacknowledged: retryUnacknowledged sends it again.
        it = pending_.erase(it);
    }
}

void ChaosClient::takeEvents() {
    const QList<QJsonObject>& received = client_->received();
    for (; eventsSeen_ < received.size(); ++eventsSeen_) {
        const QJsonObject& frame = received.at(eventsSeen_);
        if (frame.value(QStringLiteral("event")).toString() == spec::event::kMessageNew) {
            absorb(frame.value(QStringLiteral("data"))
                       .toObject()
                       .value(QStringLiteral("message"))
                       .toObject());
        }
    }
}

void ChaosClient::pump(QRandomGenerator& random) {
    if (!client_ || !client_->isConnected()) {
        return;
    }
    takeAnswers();
    takeEvents();
    if (pending_.size() >= kInFlight) {
        return;
    }
    const QString requestId = nextRequestId();
    if (!view_.isEmpty() && random.bounded(kMarkReadOneIn) == 0) {
        // Marks up to a random point of what it holds, so some unread counts stay non-zero.
        const QString conversationId = view_.keys().at(random.bounded(int(view_.size())));
        const int seq = random.bounded(gapFreeSeq(conversationId) + 1);
        pending_.insert(requestId, Pending{false, 0, conversationId});
        client_->sendRequest(
            requestId, spec::method::kConversationsMarkRead,
            {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("seq"), seq}});
        return;
    }
    const QString clientMessageId = chat::newClientMessageId();
    const QJsonObject target = targets_.at(random.bounded(int(targets_.size())));
    sent_.append(
        {chat::textParams(target, QStringLiteral("chaos ") + clientMessageId, clientMessageId),
         {}});
    pending_.insert(requestId, Pending{true, int(sent_.size()) - 1, {}});
    client_->sendRequest(requestId, spec::method::kMessagesSend, sent_.last().params);
}

QString ChaosClient::retryUnacknowledged() {
    for (qsizetype i = 0; i < sent_.size(); ++i) {
        if (!sent_.at(i).ack.isEmpty()) {
            continue;
        }
        // One at a time: the connection's request budget (burst 40) must not refuse retries.
        const QJsonObject response = client_->call(spec::method::kMessagesSend, sent_.at(i).params);
        if (!isResult(response)) {
            return user_.username + QStringLiteral(": retry refused: ") + describe(response);
        }
        ++retried_;
        retriedDuplicates_ +=
            response[QStringLiteral("result")][QStringLiteral("duplicate")].toBool();
        sent_[i].ack = chat::messageOf(response);
        absorb(sent_.at(i).ack);
    }
    return {};
}

QString ChaosClient::syncView() {
    takeEvents();
    for (int round = 0; round < kSyncRoundsMax; ++round) {
        QJsonObject cursors;
        for (auto it = view_.constBegin(); it != view_.constEnd(); ++it) {
            cursors.insert(it.key(), gapFreeSeq(it.key()));
        }
        const QJsonObject response =
            client_->call(spec::method::kSync, {{QStringLiteral("cursors"), cursors},
                                                {QStringLiteral("limit_per_conversation"), 200}});
        if (!isResult(response)) {
            return user_.username + QStringLiteral(": sync failed: ") + describe(response);
        }
        const QJsonObject result = response.value(QStringLiteral("result")).toObject();
        bool again = result.value(QStringLiteral("more")).toBool();
        for (const QJsonValue entry : result.value(QStringLiteral("conversations")).toArray()) {
            for (const QJsonValue message : entry[QStringLiteral("messages")].toArray()) {
                absorb(message.toObject());
            }
            again = again || entry[QStringLiteral("has_more")].toBool();
        }
        if (!again) {
            return {};
        }
    }
    return user_.username + QStringLiteral(": sync did not finish");
}

QString ChaosClient::markRead(const QString& conversationId, int seq) {
    const QJsonObject response = client_->call(
        spec::method::kConversationsMarkRead,
        {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("seq"), seq}});
    if (!isResult(response)) {
        return user_.username + QStringLiteral(": mark_read failed: ") + describe(response);
    }
    noteReadAnswer(response.value(QStringLiteral("result")).toObject());
    return {};
}

}  // namespace natter::test::chaos
