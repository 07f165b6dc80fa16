// The fixture of the protocol tests that give every test function a fresh connection: one server
// for the whole test class, and after each test function the check that the test's connection
// and the server still work (a bad request must never break either).
#pragma once

#include <QObject>

#include "protocol_server.h"
#include "ws_test_client.h"

namespace natter::test {

class FreshConnectionTest : public QObject {
    Q_OBJECT

protected:
    ProtocolServer server_;
    WsTestClient* client_ = nullptr;  // a fresh, unauthenticated connection per test function
    bool clientSignedIn_ = false;     // whether cleanup() must not resume on client_

private slots:  // Qt Test runs these for every class derived from this one
    void initTestCase();
    void init();
    void cleanup();
};

}  // namespace natter::test
