#include "ui/desktop_notifications.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <chrono>

namespace natter {
namespace {

const QString kConnectionName = QStringLiteral("natter-notifications");
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kInterface = QStringLiteral("org.freedesktop.Notifications");
// The action a click on the notification itself invokes (Desktop Notifications spec 1.2).
const QString kDefaultAction = QStringLiteral("default");
constexpr int kServerDecidesTimeout = -1;
constexpr uchar kNormalUrgency = 1;
// Connecting is synchronous: without a bus it is not tried again for every message, only after
// this long.
constexpr std::chrono::seconds kBusRetryInterval{60};

QVariantMap hintsFor(bool sound) {
    QVariantMap hints{
        {QStringLiteral("desktop-entry"), QStringLiteral("natter")},
        {QStringLiteral("category"), QStringLiteral("im.received")},
        {QStringLiteral("urgency"), QVariant::fromValue(kNormalUrgency)},
    };
    if (sound) {
        hints.insert(QStringLiteral("sound-name"), QStringLiteral("message-new-instant"));
    } else {
        hints.insert(QStringLiteral("suppress-sound"), true);
    }
    return hints;
}

}  // namespace

DesktopNotifications::DesktopNotifications(QObject* parent)
    : QObject(parent), bus_(kConnectionName) {}

bool DesktopNotifications::connectToBus() {
    if (bus_.isConnected()) {
        return true;
    }
    if (sinceFailedConnect_.isValid() &&
        !sinceFailedConnect_.hasExpired(std::chrono::milliseconds(kBusRetryInterval).count())) {
        return false;  // failed a moment ago
    }
    QDBusConnection::disconnectFromBus(kConnectionName);
    // The address as the environment says now (libdbus keeps the first one it read).
    const QString address = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    bus_ = address.isEmpty()
               ? QDBusConnection::connectToBus(QDBusConnection::SessionBus, kConnectionName)
               : QDBusConnection::connectToBus(address, kConnectionName);
    if (!bus_.isConnected()) {
        sinceFailedConnect_.start();
        return false;
    }
    sinceFailedConnect_.invalidate();
    // From whichever process owns the name now (it may be restarted with the desktop).
    bus_.connect(QString(), kPath, kInterface, QStringLiteral("ActionInvoked"), this,
                 SLOT(onActionInvoked(uint, QString)));
    bus_.connect(QString(), kPath, kInterface, QStringLiteral("NotificationClosed"), this,
                 SLOT(onClosed(uint, uint)));
    return true;
}

bool DesktopNotifications::show(const QString& title, const QString& body,
                                const QString& conversationId, bool sound) {
    if (!connectToBus()) {
        return false;
    }
    QDBusMessage call =
        QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Notify"));
    const uint replaces = conversations_.key(conversationId, 0);
    // The body may be read as markup by the service: what people wrote is shown as written.
    call << QStringLiteral("Natter") << replaces << QStringLiteral("natter") << title
         << body.toHtmlEscaped() << QStringList{kDefaultAction, tr("Open")} << hintsFor(sound)
         << kServerDecidesTimeout;
    auto* watcher = new QDBusPendingCallWatcher(bus_.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, title, body, conversationId] {
                watcher->deleteLater();
                const QDBusPendingReply<uint> reply = *watcher;
                if (reply.isError()) {
                    emit failed(title, body);
                    return;
                }
                conversations_.insert(reply.value(), conversationId);
            });
    return true;
}

void DesktopNotifications::onActionInvoked(uint id, const QString& action) {
    const auto found = conversations_.constFind(id);
    if (action == kDefaultAction && found != conversations_.constEnd()) {
        emit activated(*found);
    }
}

void DesktopNotifications::onClosed(uint id, uint) {
    conversations_.remove(id);
}

}  // namespace natter
