// Tells users who are not online that messages wait for them (docs/protocol.md section 8): after a
// message reaches a member with no live connection, waits `delay`; if the member is still offline
// then, POSTs one summary per user to the configured webhook (a push gateway, a mail bridge, ...).
// Service thread only. Message text never leaves in a notification, only counts and names.
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include "ports/clock.h"
#include "ports/delivery_observer.h"
#include "ports/presence_directory.h"

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
    OfflineNotifier(OfflineNotifierSettings settings, const PresenceDirectory& directory,
                    const Clock& clock, QObject* parent = nullptr);
    ~OfflineNotifier() override;

    bool isEnabled() const { return !settings_.webhook.isEmpty(); }
    // A committed message was delivered to `view`'s members: note the ones who are offline.
    void messageDelivered(const ConversationView& view, const MessageRecord& message) override;

private:
    struct WaitingConversation {
        QString name;
        QString kind;
        int unread = 0;
        QString lastSender;
        bool request = false;  // a chat request (5.6): gateways may want to be quieter about it
    };
    struct Waiting {
        UserRef user;
        qint64 since = 0;
        QHash<QString, WaitingConversation> conversations;  // by public id
        QList<QString> order;                               // first message first
    };

    void noteWaiting(const MemberRecord& member, const ConversationView& view,
                     const MessageRecord& message);
    void sendDue();
    void post(const Waiting& waiting);

    OfflineNotifierSettings settings_;
    const PresenceDirectory& directory_;
    const Clock& clock_;
    QNetworkAccessManager* network_;
    QHash<qint64, Waiting> waiting_;  // by internal user id
    QTimer timer_;
};

}  // namespace natter
