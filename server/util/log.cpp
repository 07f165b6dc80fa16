#include "log.h"

#include <QDateTime>
#include <atomic>
#include <cstdio>
#include <mutex>

namespace natter::log {
namespace {

std::atomic<int> gLevel{int(Level::Info)};
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

}  // namespace

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
    QString line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) +
                   QStringLiteral(" level=") + QLatin1StringView(levelName(level)) +
                   QStringLiteral(" event=") + QLatin1StringView(event);
    for (const auto& [key, value] : fields) {
        line += u' ' + QLatin1StringView(key) + u'=' + quoted(value);
    }
    line += u'\n';
    const QByteArray bytes = line.toUtf8();
    std::lock_guard lock(gStderrMutex);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

}  // namespace natter::log
