// The downloaded files of one account: `<dir>/<ref>.<suffix>`, complete files only (a download
// writes `<ref>.part` and renames it when all bytes are there), at most maxBytes together. When
// more is stored the least recently used files go first (a file's modification time is its last
// use: every hit touches it).
#pragma once

#include <QString>

namespace natter {

class FileCache {
public:
    // The default cap of the cache, per account.
    static constexpr qint64 kDefaultMaxBytes = qint64(512) * 1024 * 1024;

    void setDirectory(const QString& dir) { dir_ = dir; }
    QString directory() const { return dir_; }
    void setMaxBytes(qint64 bytes) { maxBytes_ = bytes; }
    qint64 maxBytes() const { return maxBytes_; }

    // The complete file of `ref` when it is cached with `size` bytes (and marks it used); empty
    // otherwise. A file of another size is broken: it is removed. `size` 0: any size (a
    // thumbnail, whose size no message names).
    QString find(const QString& ref, qint64 size) const;
    // Where a download of `ref` is written, and where it goes when complete. The suffix of
    // `name` is kept (so the desktop opens it with the right program) when it is plain.
    QString partPath(const QString& ref) const;
    QString finalPath(const QString& ref, const QString& name) const;
    // Removes least recently used files until the cache fits its cap; `keep` stays.
    void trim(const QString& keep) const;

private:
    QString dir_;
    qint64 maxBytes_ = kDefaultMaxBytes;
};

}  // namespace natter
