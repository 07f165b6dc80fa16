// Structured logging: one logfmt line per event on stderr. Never pass passwords, tokens or message
// text as fields; identify people by public id only.
#pragma once

#include <QString>
#include <initializer_list>
#include <utility>

namespace natter::log {

enum class Level { Debug, Info, Warning, Error };

using Field = std::pair<const char*, QString>;

bool setLevel(const QString& name);  // debug|info|warning|error; false if unknown
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
