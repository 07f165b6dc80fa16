// Structured logging: one line per event on stderr, logfmt by default or one JSON object per line
// (--log-format json, for log shippers) with the same fields. Never pass passwords, tokens or
// message text as fields; identify people by public id only.
#pragma once

#include <QString>
#include <initializer_list>
#include <utility>

namespace natter::log {

enum class Level { Debug, Info, Warning, Error };

using Field = std::pair<const char*, QString>;

enum class Format { Text, Json };

bool setLevel(const QString& name);  // debug|info|warning|error; false if unknown
void setFormat(Format format);
bool enabled(Level level);
void write(Level level, const char* event, std::initializer_list<Field> fields = {});

inline void debug(const char* event, std::initializer_list<Field> fields = {}) {
    write(Level::Debug, event, fields);
}
inline void info(const char* event, std::initializer_list<Field> fields = {}) {
    write(Level::Info, event, fields);
}
inline void warning(const char* event, std::initializer_list<Field> fields = {}) {
    write(Level::Warning, event, fields);
}
inline void error(const char* event, std::initializer_list<Field> fields = {}) {
    write(Level::Error, event, fields);
}

}  // namespace natter::log
