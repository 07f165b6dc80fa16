// How the network layer reports a signed-in connection that has gone (closed, dropped, timed out),
// without knowing which service listens. The auth service implements it.
#pragma once

#include "connection_ref.h"
#include "identity.h"

namespace natter {

class ConnectionObserver {
public:
    virtual ~ConnectionObserver() = default;
    // Called from a network thread: the implementation moves the work to its own thread.
    virtual void connectionClosed(const ConnectionRef& connection, const Identity& identity) = 0;
};

}  // namespace natter
