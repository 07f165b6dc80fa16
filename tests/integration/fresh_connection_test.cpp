#include "fresh_connection_test.h"

#include <QtTest>

namespace natter::test {

void FreshConnectionTest::initTestCase() {
    QCOMPARE(server_.start(), QString());
}

void FreshConnectionTest::init() {
    client_ = server_.connectClient();
    clientSignedIn_ = false;
    QVERIFY(client_);
}

void FreshConnectionTest::cleanup() {
    if (!QTest::currentTestFailed()) {
        QCOMPARE(server_.checkConnectionUsable(*client_, clientSignedIn_), QString());
        QCOMPARE(server_.checkStillServing(), QString());
    }
    verifyReleaseClients(server_);
}

}  // namespace natter::test
