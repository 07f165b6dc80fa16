// Helpers that look into files a client wrote (a token file, the local cache), for the tests that
// check what is, or must no longer be, on disk. Header-only and without the server's test
// support, so the client-only tests can use it too (cache_test_support.h includes it).
#pragma once

#include <QFile>
#include <QString>

namespace natter::test {

// Whether the file at `path` holds `text` (as UTF-8) anywhere; false when it cannot be read.
inline bool fileContains(const QString& path, const QString& text) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.readAll().contains(text.toUtf8());
}

// Whether the SQLite cache `file` holds `text` in the database or in its write-ahead log, where
// recent writes stay until a checkpoint.
inline bool cacheFileHolds(const QString& file, const QString& text) {
    return fileContains(file, text) || fileContains(file + QStringLiteral("-wal"), text);
}

// Writes `bytes` to `path` (a file for a test to attach); whether all were written.
inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The whole file; empty when it cannot be read.
inline QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace natter::test
