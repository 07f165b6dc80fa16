// Notifications through the desktop's notification service (org.freedesktop.Notifications over
// the D-Bus session bus), which GNOME, KDE and most Linux desktops provide with or without a
// system tray. Only built where Qt has D-Bus (NATTER_HAVE_DBUS); elsewhere TrayNotifier uses the
// tray balloon. Calls are asynchronous: a missing or slow service never blocks the window.
#pragma once

#include <QDBusConnection>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace natter {

class DesktopNotifications : public QObject {
    Q_OBJECT

public:
    explicit DesktopNotifications(QObject* parent = nullptr);

    // Shows a notification for `conversationId`, replacing the one shown for it before; false
    // when there is no session bus (the service itself may still fail: failed()).
    bool show(const QString& title, const QString& body, const QString& conversationId, bool sound);

signals:
    // The user clicked the notification of `conversationId`.
    void activated(const QString& conversationId);
    // The service did not take a notification (none running, or an error): shown another way.
    void failed(const QString& title, const QString& body);

private slots:
    void onActionInvoked(uint id, const QString& action);
    void onClosed(uint id, uint reason);

private:
    // Natter's own connection to the session bus, made on first use (and again a while after a
    // failure: kBusRetryInterval), so a bus that appears after start is used too.
    bool connectToBus();

    QDBusConnection bus_;
    QElapsedTimer sinceFailedConnect_;    // invalid until an attempt to connect failed
    QHash<uint, QString> conversations_;  // shown notification id -> its conversation
};

}  // namespace natter
