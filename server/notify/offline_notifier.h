// Tells users who are not online that messages wait for them (docs/protocol.md section 8): after a
// message reaches a member with no live connection, a summary falls due `delay` later; if the
// member is still offline then, the summary is POSTed to the configured webhook (a push gateway, a
// mail bridge, ...). The queue lives in the database (NotificationStore): a restart loses nothing,
// and with several nodes each summary is claimed, and sent, by one of them. Service thread only.
// Message text never leaves in a notification, only counts and names.
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include "ports/delivery_observer.h"
#include "ports/service_ports.h"

class QNetworkAccessManager;

namespace natter {

struct OfflineNotifierSettings {
    QUrl webhook;       // empty: notifications are off
    QByteArray secret;  // signs each body (X-Natter-Signature); empty: unsigned
    int delayMs = 60'000;
};

class OfflineNotifier : public QObject, public DeliveryObserver {
    Q_OBJECT
public:
    // A webhook that fails is tried this many times in all, the notify delay apart.
    static constexpr int kMaxAttempts = 3;
    // A node that claimed a summary and died lets another node send it after this long.
    static constexpr int kClaimLeaseMs = 60'000;
    // Summaries claimed per check.
    static constexpr int kClaimBatch = 100;

    OfflineNotifier(OfflineNotifierSettings settings, const ServicePorts& ports,
                    QObject* parent = nullptr);
    ~OfflineNotifier() override;

    bool isEnabled() const { return !settings_.webhook.isEmpty(); }
    // A committed message was delivered to `view`'s members: queue a summary for the offline ones.
    void messageDelivered(const ConversationView& view, const MessageRecord& message) override;

private:
    // A claimed summary with what it says, read in the claiming job.
    struct DueSummary {
        PendingNotification pending;
        std::optional<UserRecord> user;
        QList<WaitingConversation> conversations;
    };

    void queueFor(qint64 userId, qint64 since);
    void claimDue();
    void handle(const DueSummary& due);
    void post(const DueSummary& due);
    void posted(const PendingNotification& pending, bool delivered);
    void forget(qint64 userId);

    OfflineNotifierSettings settings_;
    ServicePorts ports_;
    QNetworkAccessManager* network_;
    // Users whose summary is known to be queued, with when it falls due: no second insert before
    // then. A cache of the database row, which another node may send (and delete) after that.
    QHash<qint64, qint64> queuedUntil_;
    QTimer timer_;
    bool claiming_ = false;  // one claim job at a time
};

}  // namespace natter
