// The fixture most chat tests share: one server for the whole test class, and after each test
// function every connection closed and everything the server sent checked for protocol problems
// (text that is not JSON, ids that are not public ids, undocumented numbers).
#pragma once

#include <QObject>

#include "chat_server.h"

namespace natter::test::chat {

class ChatServerTest : public QObject {
    Q_OBJECT

protected:
    // Runs after each test function, before its connections are closed: a test class that keeps
    // users or ids between the steps of one test function forgets them here.
    virtual void forgetTestState() {}

    ChatServer server_;

private slots:  // Qt Test runs these for every class derived from this one
    void initTestCase();
    void cleanup();
};

}  // namespace natter::test::chat
