// What every service is built on: the storage queue, the event bus, the directory of live
// connections and the clock. ServerApp wires the real ones; tests/services wires fakes.
#pragma once

#include "clock.h"
#include "event_bus.h"
#include "job_queue.h"
#include "presence_directory.h"

namespace natter {

struct ServicePorts {
    JobQueue& storage;
    EventBus& bus;
    PresenceDirectory& directory;
    const Clock& clock;
};

}  // namespace natter
