// The one source of wall-clock time for services and use cases, so tests can set the time instead
// of waiting for it. Milliseconds since the Unix epoch (what the protocol's timestamps carry).
#pragma once

#include <QtGlobal>

namespace natter {

class Clock {
public:
    virtual ~Clock() = default;
    // Safe to call from any thread.
    virtual qint64 nowMs() const = 0;
};

// The real clock.
const Clock& systemClock();

}  // namespace natter
