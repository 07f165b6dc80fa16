// Helpers shared by the client tests that talk to a real natter-server.
#pragma once

#include <QSignalSpy>
#include <QUuid>
#include <QtTest>

#include "core/account_client.h"

namespace natter::test {

inline constexpr int kServerWaitMs = 20'000;  // password hashing on a busy 2-core machine
inline const QString kPassword = QStringLiteral("correct horse battery");

// A fresh valid username per call, so tests never collide on one server.
// No system password storage, as on CI, whatever the machine has: D-Bus points nowhere. Call it
// from the test class's static initMain(), before QApplication exists.
inline void withoutSystemKeychain() {
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/natter-test-bus");
}

inline QString uniqueUsername(const QString& prefix) {
    return prefix + QLatin1Char('_') + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

// Waits for one sign-in attempt of `client` to end; returns the token ("" after resume), or
// nullopt on failure (then `error` holds why).
inline std::optional<QString> waitForSignIn(AccountClient& client, UserError* error = nullptr) {
    QSignalSpy succeeded(&client, &AccountClient::signedIn);
    QSignalSpy failed(&client, &AccountClient::signInFailed);
    if (!QTest::qWaitFor([&] { return succeeded.count() + failed.count() > 0; }, kServerWaitMs)) {
        return std::nullopt;
    }
    if (!failed.isEmpty()) {
        if (error != nullptr) {
            *error = failed.first().first().value<UserError>();
        }
        return std::nullopt;
    }
    return succeeded.first().at(1).toString();
}

inline std::optional<QString> registerAccount(AccountClient& client, const ServerAddresses& server,
                                              const QString& username, const QString& device,
                                              UserError* error = nullptr) {
    client.registerAccount(server, {username, username.toUpper(), kPassword, device});
    return waitForSignIn(client, error);
}

inline std::optional<QString> login(AccountClient& client, const ServerAddresses& server,
                                    const QString& username, const QString& device,
                                    const QString& password = kPassword,
                                    UserError* error = nullptr) {
    client.login(server, {username, password, device});
    return waitForSignIn(client, error);
}

// Lists the sessions of a signed-in client; empty on failure.
inline QList<SessionInfo> listSessions(AccountClient& client) {
    QSignalSpy listed(&client, &AccountClient::sessionsListed);
    client.listSessions();
    if (!listed.wait(kServerWaitMs)) {
        return {};
    }
    return listed.first().first().value<QList<SessionInfo>>();
}

}  // namespace natter::test
