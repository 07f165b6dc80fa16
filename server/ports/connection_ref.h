// Names one live connection anywhere in the deployment: the node that holds it and its id there.
// Opaque to services: only net/ knows which worker owns an id, and only that worker touches the
// connection.
#pragma once

#include <QHashFunctions>
#include <QtGlobal>

namespace natter {

struct ConnectionRef {
    quint32 node = 0;
    quint64 id = 0;

    friend bool operator==(const ConnectionRef&, const ConnectionRef&) = default;
};

inline size_t qHash(const ConnectionRef& ref, size_t seed = 0) {
    return qHashMulti(seed, ref.node, ref.id);
}

}  // namespace natter
