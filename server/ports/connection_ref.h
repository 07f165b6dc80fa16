// Names one live connection from any thread: the worker that owns it and its id on that worker.
// Only the worker may touch the connection; others post to the worker.
#pragma once

#include <QHashFunctions>
#include <QtGlobal>

namespace natter {

class NetworkWorker;

struct ConnectionRef {
    NetworkWorker* worker = nullptr;
    quint64 id = 0;

    friend bool operator==(const ConnectionRef&, const ConnectionRef&) = default;
};

inline size_t qHash(const ConnectionRef& ref, size_t seed = 0) {
    return qHashMulti(seed, ref.worker, ref.id);
}

}  // namespace natter
