#include "offline_notifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include "util/log.h"

namespace natter {
namespace {

// A webhook that does not answer in time must not pile up requests.
constexpr int kWebhookTimeoutMs = 10'000;

QJsonObject summaryJson(const UserRecord& user, qint64 since,
                        const QList<WaitingConversation>& waiting) {
    QJsonArray conversations;
    int unread = 0;
    for (const WaitingConversation& c : waiting) {
        unread += c.unread;
        conversations.append(QJsonObject{{QStringLiteral("id"), c.publicId},
                                         {QStringLiteral("name"), c.name},
                                         {QStringLiteral("kind"), c.kind},
                                         {QStringLiteral("unread"), c.unread},
                                         {QStringLiteral("last_sender"), c.lastSender},
                                         {QStringLiteral("request"), c.request}});
    }
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

OfflineNotifier::OfflineNotifier(OfflineNotifierSettings settings, const ServicePorts& ports,
                                 QObject* parent)
    : QObject(parent),
      settings_(std::move(settings)),
      ports_(ports),
      network_(new QNetworkAccessManager(this)) {
    // Precision to a second is plenty for "you have mail". The timer runs whenever notifications
    // are on: summaries queued before a restart, or by another node, fall due here too.
    timer_.setInterval(qBound(50, settings_.delayMs / 4, 1'000));
    connect(&timer_, &QTimer::timeout, this, &OfflineNotifier::claimDue);
    if (isEnabled()) {
        timer_.start();
    }
}

OfflineNotifier::~OfflineNotifier() = default;

void OfflineNotifier::messageDelivered(const ConversationView& view, const MessageRecord& message) {
    if (!isEnabled() || !message.sender) {
        return;  // system messages are not worth waking anyone for
    }
    for (const MemberRecord& member : view.members) {
        if (member.user.publicId != message.sender->publicId && !member.muted &&
            !ports_.directory.isUserOnline(member.userId)) {
            queueFor(member.userId, message.sentAt);
        }
    }
}

void OfflineNotifier::queueFor(qint64 userId, qint64 since) {
    const qint64 now = ports_.clock.nowMs();
    if (queuedUntil_.value(userId, 0) > now) {
        return;
    }
    const qint64 dueAt = now + settings_.delayMs;
    queuedUntil_.insert(userId, dueAt);
    jobs::write(ports_.storage, this, [userId, since, dueAt](Store& store) {
        store.addPendingNotification(userId, since, dueAt);
    });
}

void OfflineNotifier::claimDue() {
    if (claiming_) {
        return;
    }
    claiming_ = true;
    const qint64 now = ports_.clock.nowMs();
    ports_.storage.submit(
        this,
        [this, now](Store& store) -> JobQueue::Continuation {
            QList<DueSummary> due;
            for (const PendingNotification& pending :
                 store.claimDueNotifications(now, now + kClaimLeaseMs, kClaimBatch)) {
                due.append(DueSummary{pending, store.userById(pending.userId),
                                      store.waitingConversations(pending.userId, pending.since)});
            }
            return [this, due] {
                claiming_ = false;
                for (const DueSummary& summary : due) {
                    handle(summary);
                }
            };
        },
        [this](const QString&) { claiming_ = false; });
}

void OfflineNotifier::handle(const DueSummary& due) {
    const qint64 userId = due.pending.userId;
    // Back online (here or on another node): they will see it in their client. Nothing unread
    // any more (read on a device before going offline again): nothing to say.
    if (!due.user || ports_.directory.isUserOnline(userId) || due.conversations.isEmpty()) {
        forget(userId);
        return;
    }
    post(due);
}

void OfflineNotifier::post(const DueSummary& due) {
    const QByteArray body =
        QJsonDocument(summaryJson(*due.user, due.pending.since, due.conversations))
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
    const PendingNotification pending = due.pending;
    const QString user = due.user->publicId;
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending, user] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool delivered = reply->error() == QNetworkReply::NoError && status / 100 == 2;
        if (delivered) {
            log::info("notify_sent", {{"user", user}});
        } else {
            log::warning("notify_failed", {{"user", user},
                                           {"status", QString::number(status)},
                                           {"attempt", QString::number(pending.attempts + 1)},
                                           {"error", reply->errorString()}});
        }
        posted(pending, delivered);
    });
}

void OfflineNotifier::posted(const PendingNotification& pending, bool delivered) {
    if (delivered || pending.attempts + 1 >= kMaxAttempts) {
        forget(pending.userId);
        return;
    }
    const qint64 userId = pending.userId;
    const qint64 retryAt = ports_.clock.nowMs() + settings_.delayMs;
    jobs::write(ports_.storage, this, [userId, retryAt](Store& store) {
        store.retryPendingNotification(userId, retryAt);
    });
}

void OfflineNotifier::forget(qint64 userId) {
    queuedUntil_.remove(userId);
    jobs::write(ports_.storage, this,
                [userId](Store& store) { store.deletePendingNotification(userId); });
}

}  // namespace natter
