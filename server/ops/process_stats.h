// This process's CPU time and resident memory, read from /proc/self (Linux). Elsewhere both read
// as -1 and /metrics leaves them out.
#pragma once

namespace natter {

struct ProcessStats {
    double cpuSeconds = -1;     // user + system
    double residentBytes = -1;  // resident set size
};

ProcessStats readProcessStats();

}  // namespace natter
