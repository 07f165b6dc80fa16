// CPU time and resident memory of a process, read from /proc (Linux). Used for the server (by
// pid) and for the load generator itself, so a run can say what it cost on both sides.
#pragma once

#include <QtGlobal>

namespace natter::load {

struct ProcSample {
    double cpuSeconds = 0;  // user + system, all threads
    qint64 rssBytes = 0;    // VmRSS
    bool valid = false;
};

// pid 0 means this process (/proc/self).
ProcSample sampleProcess(qint64 pid);

// Raises this process's open-file soft limit to its hard limit; returns the new soft limit.
qint64 raiseOpenFileLimit();

}  // namespace natter::load
