#include "proc_stats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <QByteArrayList>
#include <QFile>

namespace natter::load {
namespace {

QByteArray readProcFile(qint64 pid, const char* name) {
    const QString path = pid == 0 ? QStringLiteral("/proc/self/%1").arg(QLatin1String(name))
                                  : QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name));
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks. The command name (field 2) may
// hold spaces, so fields are counted after its closing parenthesis.
bool parseCpuSeconds(const QByteArray& stat, double& seconds) {
    const qsizetype end = stat.lastIndexOf(')');
    if (end < 0) {
        return false;
    }
    const QByteArrayList fields = stat.mid(end + 2).split(' ');
    constexpr int kUtimeAfterName = 11;  // field 14 is the 12th after the name (field 3 is first)
    if (fields.size() <= kUtimeAfterName + 1) {
        return false;
    }
    const double ticks =
        double(fields[kUtimeAfterName].toLongLong() + fields[kUtimeAfterName + 1].toLongLong());
    seconds = ticks / double(sysconf(_SC_CLK_TCK));
    return true;
}

qint64 parseRssBytes(const QByteArray& status) {
    const qsizetype at = status.indexOf("VmRSS:");
    if (at < 0) {
        return 0;
    }
    const qsizetype lineEnd = status.indexOf('\n', at);
    const QByteArray kiloBytes = status.mid(at + 6, lineEnd - at - 6).trimmed().split(' ').first();
    return kiloBytes.toLongLong() * 1024;
}

}  // namespace

ProcSample sampleProcess(qint64 pid) {
    ProcSample sample;
    sample.valid = parseCpuSeconds(readProcFile(pid, "stat"), sample.cpuSeconds);
    sample.rssBytes = parseRssBytes(readProcFile(pid, "status"));
    return sample;
}

qint64 raiseOpenFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return -1;
    }
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return qint64(limit.rlim_cur);
}

}  // namespace natter::load
