// A throw-away copy of this machine's root file system for package tests: an overlay whose lower
// layer is / and whose upper layer is a temporary directory, mounted in a private mount namespace
// of the test process. Whatever dpkg does inside it vanishes with the process. Linux only; root
// only (mounting needs CAP_SYS_ADMIN).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include "server_process.h"

namespace natter::test {

class ThrowawayRoot {
public:
    // Enters a private mount namespace and mounts the overlay (with /proc and /dev). On failure
    // error() says why and path() is empty.
    ThrowawayRoot();
    // Unmounts everything, so the temporary directory can go.
    ~ThrowawayRoot();
    ThrowawayRoot(const ThrowawayRoot&) = delete;
    ThrowawayRoot& operator=(const ThrowawayRoot&) = delete;

    QString path() const { return ready_ ? merged_ : QString(); }
    QString error() const { return error_; }
    // The host path of `pathInRoot` (absolute, as seen inside the root).
    QString hostPath(const QString& pathInRoot) const { return merged_ + pathInRoot; }

    // Runs a program inside the root (chroot) as root and waits for it (at most timeoutMs).
    CommandResult run(const QStringList& command, int timeoutMs = 120'000) const;
    // Sets up `process` to start `command` inside the root as uid/gid `id`, with umask `umask`
    // and no new privileges, as systemd's DynamicUser= and UMask= would.
    void prepareAsUser(QProcess& process, const QStringList& command, uint id, int umask) const;

private:
    bool mountAll();

    QTemporaryDir scratch_;
    QString merged_;
    QString error_;
    bool ready_ = false;
};

}  // namespace natter::test
