// TokenStore on a system without password storage (as on CI: no Secret Service on D-Bus), with
// and without the insecure file fallback.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "client_test_support.h"
#include "core/token_store.h"

using natter::TokenStore;

namespace {

const QUrl kServer(QStringLiteral("ws://127.0.0.1:4860/"));
const QString kToken = QStringLiteral("q9cHvR1oJmXz0yK3Lw8bN4sT6uVe2fGh5iAjBkCdD7E");

std::optional<TokenStore::SaveResult> saveAndWait(TokenStore& store, const QUrl& server,
                                                  const QString& user, const QString& token) {
    std::optional<TokenStore::SaveResult> result;
    store.save(server, user, token, [&result](TokenStore::SaveResult r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10'000)) {
        return std::nullopt;
    }
    return result;
}

// The token found, "" when none; nullopt when loading never finished.
std::optional<QString> loadAndWait(TokenStore& store, const QUrl& server, const QString& user) {
    std::optional<std::optional<QString>> loaded;
    store.load(server, user, [&loaded](const std::optional<QString>& token) { loaded = token; });
    if (!QTest::qWaitFor([&loaded] { return loaded.has_value(); }, 10'000)) {
        return std::nullopt;
    }
    return loaded->value_or(QString());
}

bool forgetAndWait(TokenStore& store, const QUrl& server, const QString& user) {
    bool done = false;
    store.forget(server, user, [&done] { done = true; });
    return QTest::qWaitFor([&done] { return done; }, 10'000);
}

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestTokenStore : public QObject {
    Q_OBJECT

public:
    // No password storage, whatever the machine running the test has: point D-Bus nowhere.
    static void initMain() {
        natter::test::withoutSystemKeychain();
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
    }

private slots:
    void withoutStorageReportsNotSavedAndRemembersNothing() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("tokens.json"));
        TokenStore store(QStringLiteral("natter-test"), file);
        QSignalSpy unavailable(&store, &TokenStore::keychainUnavailableDetected);
        QCOMPARE(saveAndWait(store, kServer, QStringLiteral("alice"), kToken),
                 TokenStore::SaveResult::NotSaved);
        QCOMPARE(unavailable.count(), 1);
        QVERIFY(!store.keychainAvailable());
        QCOMPARE(loadAndWait(store, kServer, QStringLiteral("alice")), QString());
        QVERIFY2(!QFile::exists(file), "no fallback file may be written unless allowed");
    }

    void allowedFileFallbackKeepsTokenOwnerOnly() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("profile/tokens.json"));
        TokenStore store(QStringLiteral("natter-test"), file);
        store.setInsecureFileFallbackAllowed(true);
        QCOMPARE(saveAndWait(store, kServer, QStringLiteral("alice"), kToken),
                 TokenStore::SaveResult::SavedInFile);
        QCOMPARE(QFile::permissions(file), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                               QFileDevice::ReadUser | QFileDevice::WriteUser);
        QCOMPARE(loadAndWait(store, kServer, QStringLiteral("alice")), kToken);
        // Usernames are case-insensitive on the server; so is the key.
        QCOMPARE(loadAndWait(store, kServer, QStringLiteral("Alice")), kToken);
        QVERIFY(forgetAndWait(store, kServer, QStringLiteral("alice")));
        QCOMPARE(loadAndWait(store, kServer, QStringLiteral("alice")), QString());
        QVERIFY(!contents(file).contains(kToken.toUtf8()));
    }

    void keepsTokensApartPerServerAndUser() {
        QTemporaryDir dir;
        TokenStore store(QStringLiteral("natter-test"), dir.filePath(QStringLiteral("t.json")));
        store.setInsecureFileFallbackAllowed(true);
        const QUrl otherServer(QStringLiteral("wss://chat.example.org/"));
        const QString bobToken(43, QLatin1Char('b'));
        const QString elsewhereToken(43, QLatin1Char('c'));
        QVERIFY(saveAndWait(store, kServer, QStringLiteral("alice"), kToken));
        QVERIFY(saveAndWait(store, kServer, QStringLiteral("bob"), bobToken));
        QVERIFY(saveAndWait(store, otherServer, QStringLiteral("alice"), elsewhereToken));
        QCOMPARE(loadAndWait(store, kServer, QStringLiteral("alice")), kToken);
        QCOMPARE(loadAndWait(store, kServer, QStringLiteral("bob")), bobToken);
        QCOMPARE(loadAndWait(store, otherServer, QStringLiteral("alice")), elsewhereToken);
        QVERIFY(forgetAndWait(store, kServer, QStringLiteral("bob")));
        QCOMPARE(loadAndWait(store, kServer, QStringLiteral("alice")), kToken);
    }

    void tightensAnExistingLooseFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tokens.json"));
        QFile loose(path);
        QVERIFY(loose.open(QIODevice::WriteOnly));
        loose.write("{}");
        loose.close();
        QVERIFY(loose.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                     QFileDevice::ReadOther));
        TokenStore store(QStringLiteral("natter-test"), path);
        store.setInsecureFileFallbackAllowed(true);
        QCOMPARE(saveAndWait(store, kServer, QStringLiteral("alice"), kToken),
                 TokenStore::SaveResult::SavedInFile);
        QVERIFY(!(QFile::permissions(path) & QFileDevice::ReadOther));
    }

    void forgettingWithFallbackOffStillRemovesAnOldFileCopy() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tokens.json"));
        TokenStore store(QStringLiteral("natter-test"), path);
        store.setInsecureFileFallbackAllowed(true);
        QVERIFY(saveAndWait(store, kServer, QStringLiteral("alice"), kToken));
        store.setInsecureFileFallbackAllowed(false);
        QVERIFY(forgetAndWait(store, kServer, QStringLiteral("alice")));
        QVERIFY(!contents(path).contains(kToken.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_token_store.moc"
