#include "throwaway_root.h"

#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <QDir>
#include <cerrno>
#include <cstring>

namespace natter::test {

namespace {

QString failure(const char* what) {
    return QStringLiteral("%1: %2").arg(QLatin1StringView(what),
                                        QString::fromLocal8Bit(std::strerror(errno)));
}

}  // namespace

ThrowawayRoot::ThrowawayRoot() {
    if (!scratch_.isValid()) {
        error_ = QStringLiteral("no temporary directory");
        return;
    }
    merged_ = scratch_.filePath(QStringLiteral("root"));
    ready_ = mountAll();
}

ThrowawayRoot::~ThrowawayRoot() {
    const QByteArray root = merged_.toLocal8Bit();
    const QByteArray mountPoints[] = {root + QByteArrayLiteral("/dev"),
                                      root + QByteArrayLiteral("/proc"), root};
    for (const QByteArray& mountPoint : mountPoints) {
        umount2(mountPoint.constData(), MNT_DETACH);
    }
}

bool ThrowawayRoot::mountAll() {
    for (const char* dir : {"upper", "work", "root"}) {
        QDir(scratch_.path()).mkdir(QLatin1StringView(dir));
    }
    // A private namespace, and no mount event may travel back to the host.
    if (unshare(CLONE_NEWNS) != 0) {
        error_ = failure("unshare(CLONE_NEWNS)");
        return false;
    }
    if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        error_ = failure("making / private");
        return false;
    }
    const QByteArray options = QStringLiteral("lowerdir=/,upperdir=%1/upper,workdir=%1/work")
                                   .arg(scratch_.path())
                                   .toLocal8Bit();
    const QByteArray root = merged_.toLocal8Bit();
    if (mount("overlay", root.constData(), "overlay", 0, options.constData()) != 0) {
        error_ = failure("mounting the overlay");
        return false;
    }
    const QByteArray proc = root + QByteArrayLiteral("/proc");
    const QByteArray dev = root + QByteArrayLiteral("/dev");
    if (mount("proc", proc.constData(), "proc", 0, nullptr) != 0 ||
        mount("/dev", dev.constData(), nullptr, MS_BIND | MS_REC, nullptr) != 0) {
        error_ = failure("mounting /proc and /dev");
        return false;
    }
    return true;
}

CommandResult ThrowawayRoot::run(const QStringList& command, int timeoutMs) const {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
    return runProgram(QStringLiteral("chroot"), QStringList{merged_} + command, timeoutMs,
                      environment);
}

void ThrowawayRoot::prepareAsUser(QProcess& process, const QStringList& command, uint id,
                                  int umask) const {
    process.setProgram(QStringLiteral("chroot"));
    process.setArguments(QStringList{QStringLiteral("--userspec=%1:%1").arg(id), merged_,
                                     QStringLiteral("setpriv"), QStringLiteral("--no-new-privs"),
                                     QStringLiteral("--")} +
                         command);
    process.setChildProcessModifier([umask] { ::umask(static_cast<mode_t>(umask)); });
}

}  // namespace natter::test
