#include "offline_notifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include "util/log.h"
#include "views/record_json.h"

namespace natter {
namespace {

// A webhook that does not answer in time must not pile up requests.
constexpr int kWebhookTimeoutMs = 10'000;

QJsonObject summaryJson(const UserRef& user, qint64 since, int unread, QJsonArray conversations) {
    return {
        {QStringLiteral("type"), QStringLiteral("unread_messages")},
        {QStringLiteral("user"), QJsonObject{{QStringLiteral("id"), user.publicId},
                                             {QStringLiteral("username"), user.username},
                                             {QStringLiteral("display_name"), user.displayName}}},
        {QStringLiteral("unread"), unread},
        {QStringLiteral("since"), since},
        {QStringLiteral("conversations"), conversations}};
}

}  // namespace

OfflineNotifier::OfflineNotifier(OfflineNotifierSettings settings,
                                 const PresenceDirectory& directory, const Clock& clock,
                                 QObject* parent)
    : QObject(parent),
      settings_(std::move(settings)),
      directory_(directory),
      clock_(clock),
      network_(new QNetworkAccessManager(this)) {
    // One timer checks for due summaries; precision to a second is plenty for "you have mail".
    timer_.setInterval(qBound(50, settings_.delayMs / 4, 1'000));
    connect(&timer_, &QTimer::timeout, this, &OfflineNotifier::sendDue);
}

OfflineNotifier::~OfflineNotifier() = default;

void OfflineNotifier::messageDelivered(const ConversationView& view, const MessageRecord& message) {
    if (!isEnabled() || !message.sender) {
        return;  // system messages are not worth waking anyone for
    }
    for (const MemberRecord& member : view.members) {
        if (member.user.publicId != message.sender->publicId && !member.muted &&
            !directory_.isUserOnline(member.userId)) {
            noteWaiting(member, view, message);
        }
    }
}

void OfflineNotifier::noteWaiting(const MemberRecord& member, const ConversationView& view,
                                  const MessageRecord& message) {
    auto it = waiting_.find(member.userId);
    if (it == waiting_.end()) {
        it = waiting_.insert(member.userId, Waiting{member.user, message.sentAt, {}, {}});
    }
    const QString id = view.conversation.publicId;
    if (!it->conversations.contains(id)) {
        it->order.append(id);
    }
    WaitingConversation& entry = it->conversations[id];
    entry.name = conversationNameFor(view, member.userId);
    entry.kind = view.conversation.kind;
    entry.unread += 1;
    entry.lastSender = message.sender->displayName;
    entry.request = view.conversation.requestForUserId == member.userId;
    if (!timer_.isActive()) {
        timer_.start();
    }
}

void OfflineNotifier::sendDue() {
    const qint64 now = clock_.nowMs();
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (directory_.isUserOnline(it.key())) {
            it = waiting_.erase(it);  // they came back and will see it in their client
        } else if (now - it->since >= settings_.delayMs) {
            post(*it);
            it = waiting_.erase(it);
        } else {
            ++it;
        }
    }
    if (waiting_.isEmpty()) {
        timer_.stop();
    }
}

void OfflineNotifier::post(const Waiting& waiting) {
    QJsonArray conversations;
    int unread = 0;
    for (const QString& id : waiting.order) {
        const WaitingConversation& c = waiting.conversations.value(id);
        unread += c.unread;
        conversations.append(QJsonObject{{QStringLiteral("id"), id},
                                         {QStringLiteral("name"), c.name},
                                         {QStringLiteral("kind"), c.kind},
                                         {QStringLiteral("unread"), c.unread},
                                         {QStringLiteral("last_sender"), c.lastSender},
                                         {QStringLiteral("request"), c.request}});
    }
    const QByteArray body =
        QJsonDocument(summaryJson(waiting.user, waiting.since, unread, conversations))
            .toJson(QJsonDocument::Compact);
    QNetworkRequest request(settings_.webhook);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kWebhookTimeoutMs);
    if (!settings_.secret.isEmpty()) {
        const QByteArray mac =
            QMessageAuthenticationCode::hash(body, settings_.secret, QCryptographicHash::Sha256);
        request.setRawHeader(QByteArrayLiteral("X-Natter-Signature"),
                             QByteArrayLiteral("sha256=") + mac.toHex());
    }
    QNetworkReply* reply = network_->post(request, body);
    const QString user = waiting.user.publicId;
    connect(reply, &QNetworkReply::finished, this, [reply, user] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status / 100 != 2) {
            log::warning("notify_failed", {{"user", user},
                                           {"status", QString::number(status)},
                                           {"error", reply->errorString()}});
        } else {
            log::info("notify_sent", {{"user", user}});
        }
    });
}

}  // namespace natter
