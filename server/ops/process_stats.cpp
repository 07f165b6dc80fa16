#include "process_stats.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

namespace natter {
namespace {

#ifdef Q_OS_LINUX

QByteArray readProcFile(const char* path) {
    QFile file(QString::fromLatin1(path));
    // /proc files report size 0: read until the end rather than by size.
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// proc(5): after the command in parentheses (which may hold spaces), utime and stime are the
// 12th and 13th fields, in clock ticks.
double cpuSeconds() {
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    if (close < 0 || ticksPerSecond <= 0) {
        return -1;
    }
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    constexpr int kUtime = 11;
    constexpr int kStime = 12;
    if (fields.size() <= kStime) {
        return -1;
    }
    return double(fields[kUtime].toLongLong() + fields[kStime].toLongLong()) / ticksPerSecond;
}

// statm: total program size, then resident pages.
double residentBytes() {
    const QList<QByteArray> fields = readProcFile("/proc/self/statm").split(' ');
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (fields.size() < 2 || pageSize <= 0) {
        return -1;
    }
    return double(fields[1].toLongLong()) * double(pageSize);
}

#endif

}  // namespace

ProcessStats readProcessStats() {
#ifdef Q_OS_LINUX
    return ProcessStats{cpuSeconds(), residentBytes()};
#else
    return {};
#endif
}

}  // namespace natter
