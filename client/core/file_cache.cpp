#include "core/file_cache.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace natter {
namespace {

const QString kPartSuffix = QStringLiteral(".part");

// A suffix taken from a name someone else chose: letters and digits only, so it cannot reach
// outside the cache directory or make the name odd.
QString plainSuffixOf(const QString& name) {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9]{1,10}$"));
    const QString suffix = QFileInfo(name).suffix();
    return plain.match(suffix).hasMatch() ? suffix.toLower() : QString();
}

}  // namespace

QString FileCache::find(const QString& ref, qint64 size) const {
    if (dir_.isEmpty() || ref.isEmpty()) {
        return {};
    }
    const QFileInfoList found = QDir(dir_).entryInfoList({ref + QStringLiteral("*")}, QDir::Files);
    for (const QFileInfo& info : found) {
        if (info.fileName().endsWith(kPartSuffix)) {
            continue;
        }
        if (size > 0 && info.size() != size) {
            QFile::remove(info.absoluteFilePath());
            continue;
        }
        QFile file(info.absoluteFilePath());
        if (file.open(QIODevice::ReadWrite)) {
            file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
        }
        return info.absoluteFilePath();
    }
    return {};
}

QString FileCache::partPath(const QString& ref) const {
    return QDir(dir_).filePath(ref + kPartSuffix);
}

QString FileCache::finalPath(const QString& ref, const QString& name) const {
    const QString suffix = plainSuffixOf(name);
    return QDir(dir_).filePath(suffix.isEmpty() ? ref : ref + QLatin1Char('.') + suffix);
}

void FileCache::trim(const QString& keep) const {
    QFileInfoList files =
        QDir(dir_).entryInfoList(QDir::Files, QDir::Time | QDir::Reversed);  // oldest first
    qint64 total = 0;
    for (const QFileInfo& info : files) {
        total += info.size();
    }
    for (const QFileInfo& info : files) {
        if (total <= maxBytes_) {
            return;
        }
        if (info.absoluteFilePath() == QFileInfo(keep).absoluteFilePath() ||
            info.fileName().endsWith(kPartSuffix)) {
            continue;  // what is being shown, and downloads under way
        }
        if (QFile::remove(info.absoluteFilePath())) {
            total -= info.size();
        }
    }
}

}  // namespace natter
