#include "durable_file.h"

#include <QFile>
#include <QFileInfo>
#include <filesystem>
#include <system_error>

#include "ports/store_error.h"

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#else
#include <io.h>
#endif

namespace natter::durable {
namespace {

std::filesystem::path nativePath(const QString& path) {
    return std::filesystem::path(path.toStdU16String());
}

}  // namespace

QString temporaryNameFor(const QString& target) {
    return target + QStringLiteral(".partial");
}

#ifdef Q_OS_UNIX
bool trySync(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) {
        ::close(fd);
    }
    return synced;
}
#else
// Windows: a file's data is flushed through a handle that may write; NTFS journals directory
// changes itself, and a directory cannot be flushed this way.
bool trySync(const QString& path) {
    if (QFileInfo(path).isDir()) {
        return true;
    }
    QFile file(path);
    return file.open(QIODevice::ReadWrite | QIODevice::ExistingOnly) && trySync(file);
}
#endif

bool trySync(QFile& file) {
#ifdef Q_OS_UNIX
    return file.isOpen() && ::fsync(file.handle()) == 0;
#else
    return file.isOpen() && ::_commit(file.handle()) == 0;
#endif
}

void sync(const QString& path) {
    if (!trySync(path)) {
        throw StoreError(QStringLiteral("cannot sync %1 to disk").arg(path));
    }
}

bool tryRename(const QString& from, const QString& to) {
    std::error_code error;
    std::filesystem::rename(nativePath(from), nativePath(to), error);
    return !error;
}

bool tryHardLink(const QString& target, const QString& link, bool& missing) {
    std::error_code error;
    std::filesystem::create_hard_link(nativePath(target), nativePath(link), error);
    missing = error == std::errc::no_such_file_or_directory;
    return !error;
}

void commitRename(const QString& temporary, const QString& target) {
    sync(temporary);
    if (!tryRename(temporary, target)) {
        QFile::remove(temporary);
        throw StoreError(QStringLiteral("cannot rename %1 to %2").arg(temporary, target));
    }
    sync(QFileInfo(target).absolutePath());
}

}  // namespace natter::durable
