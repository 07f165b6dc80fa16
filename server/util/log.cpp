#include "log.h"

#include <QDateTime>
#include <atomic>
#include <cstdio>
#include <mutex>

#ifdef Q_OS_LINUX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace natter::log {
namespace {

std::atomic<int> gLevel{int(Level::Info)};
std::atomic<Format> gFormat{Format::Text};
std::mutex gStderrMutex;  // one line at a time from any thread

const char* levelName(Level level) {
    switch (level) {
        case Level::Debug:
            return "debug";
        case Level::Info:
            return "info";
        case Level::Warning:
            return "warning";
        case Level::Error:
            return "error";
    }
    return "info";
}

QString quoted(const QString& value) {
    const bool plain = !value.isEmpty() && !value.contains(u' ') && !value.contains(u'"') &&
                       !value.contains(u'=') && !value.contains(u'\n');
    if (plain) {
        return value;
    }
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    escaped.replace(u'\n', QStringLiteral("\\n"));
    return u'"' + escaped + u'"';
}

// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
QString jsonString(const QString& value) {
    QString out;
    out.reserve(value.size() + 2);
    out += u'"';
    for (const QChar c : value) {
        if (c == u'"' || c == u'\\') {
            out += u'\\';
            out += c;
        } else if (c == u'\n') {
            out += QStringLiteral("\\n");
        } else if (c.unicode() < 0x20) {
            out += QStringLiteral("\\u%1").arg(uint(c.unicode()), 4, 16, QChar(u'0'));
        } else {
            out += c;
        }
    }
    out += u'"';
    return out;
}

QString textLine(const QString& time, Level level, const char* event,
                 std::initializer_list<Field> fields) {
    QString line = time + QStringLiteral(" level=") + QLatin1StringView(levelName(level)) +
                   QStringLiteral(" event=") + QLatin1StringView(event);
    for (const auto& [key, value] : fields) {
        line += u' ' + QLatin1StringView(key) + u'=' + quoted(value);
    }
    return line;
}

// {"ts":…,"level":…,"event":…, then the fields in their order}. Keys are the code's own names.
QString jsonLine(const QString& time, Level level, const char* event,
                 std::initializer_list<Field> fields) {
    QString line = QStringLiteral("{\"ts\":") + jsonString(time) + QStringLiteral(",\"level\":\"") +
                   QLatin1StringView(levelName(level)) + QStringLiteral("\",\"event\":") +
                   jsonString(QLatin1StringView(event));
    for (const auto& [key, value] : fields) {
        line += u',' + jsonString(QLatin1StringView(key)) + u':' + jsonString(value);
    }
    return line + u'}';
}

// sd-daemon(3) priority prefixes ("<3>" error … "<7>" debug): journald reads them as the level
// (SyslogLevelPrefix=, on by default) and strips them.
const char* journalPrefix(Level level) {
    switch (level) {
        case Level::Debug:
            return "<7>";
        case Level::Info:
            return "<6>";
        case Level::Warning:
            return "<4>";
        case Level::Error:
            return "<3>";
    }
    return "<6>";
}

// True when stderr is the journal's stream: systemd then sets JOURNAL_STREAM to its
// "device:inode". Checked against stderr itself, so a child that inherited the variable but
// writes elsewhere adds no prefixes.
// systemd's journal exists on Linux only.
bool stderrIsJournal() {
#ifdef Q_OS_LINUX
    const QByteArray expected = qgetenv("JOURNAL_STREAM");
    struct stat status = {};
    if (expected.isEmpty() || ::fstat(STDERR_FILENO, &status) != 0) {
        return false;
    }
    return expected == QByteArray::number(quint64(status.st_dev)) + ':' +
                           QByteArray::number(quint64(status.st_ino));
#else
    return false;
#endif
}

}  // namespace

void setFormat(Format format) {
    gFormat = format;
}

bool setLevel(const QString& name) {
    for (Level level : {Level::Debug, Level::Info, Level::Warning, Level::Error}) {
        if (name == QLatin1StringView(levelName(level))) {
            gLevel = int(level);
            return true;
        }
    }
    return false;
}

bool enabled(Level level) {
    return int(level) >= gLevel.load(std::memory_order_relaxed);
}

void write(Level level, const char* event, std::initializer_list<Field> fields) {
    if (!enabled(level)) {
        return;
    }
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QString line = gFormat.load(std::memory_order_relaxed) == Format::Json
                       ? jsonLine(time, level, event, fields)
                       : textLine(time, level, event, fields);
    line += u'\n';
    static const bool toJournal = stderrIsJournal();
    const QByteArray bytes = toJournal ? journalPrefix(level) + line.toUtf8() : line.toUtf8();
    std::lock_guard lock(gStderrMutex);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

}  // namespace natter::log
