#include "durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <QFile>
#include <QFileInfo>

#include "ports/store_error.h"

namespace natter::durable {

bool trySync(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) {
        ::close(fd);
    }
    return synced;
}

void sync(const QString& path) {
    if (!trySync(path)) {
        throw StoreError(QStringLiteral("cannot sync %1 to disk").arg(path));
    }
}

void commitRename(const QString& temporary, const QString& target) {
    sync(temporary);
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(target).constData()) !=
        0) {
        QFile::remove(temporary);
        throw StoreError(QStringLiteral("cannot rename %1 to %2").arg(temporary, target));
    }
    sync(QFileInfo(target).absolutePath());
}

}  // namespace natter::durable
