#include "chat_server_test.h"

#include <QtTest>

#include "chat_checks.h"

namespace natter::test::chat {

void ChatServerTest::initTestCase() {
    QCOMPARE(server_.start(), QString());
}

void ChatServerTest::cleanup() {
    forgetTestState();
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

}  // namespace natter::test::chat
