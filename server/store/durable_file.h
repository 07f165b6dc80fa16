// Writing files so that a crash leaves the old state or the whole new file, never half of one:
// write under a temporary name, fsync it, rename it into place, fsync the directory.
#pragma once

#include <QFile>
#include <QString>

namespace natter::durable {

// Where a file is written before commitRename puts it at `target` (`target`.partial).
QString temporaryNameFor(const QString& target);
// fsync of a file or a directory; false when it cannot be opened or synced.
bool trySync(const QString& path);
// fsync of a file already open (for writing, so that Windows can flush it too).
bool trySync(QFile& file);
// The same, throwing StoreError on failure.
void sync(const QString& path);
// Renames `from` to `to`, replacing a file `to` atomically (rename(2); MoveFileEx on Windows).
bool tryRename(const QString& from, const QString& to);
// A hard link `link` to the file `target`; false when there is none (`missing` tells whether
// because `target` does not exist).
bool tryHardLink(const QString& target, const QString& link, bool& missing);
// Moves `temporary` (a file or a directory) to `target` once its contents are on disk, and makes
// the rename durable. Throws StoreError (after removing a temporary file) when either fails.
void commitRename(const QString& temporary, const QString& target);

}  // namespace natter::durable
