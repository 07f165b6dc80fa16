// SIGHUP as an operator uses it (docs/operations.md, "Reloading"): a renewed certificate, a new
// banned-words list and another log level take effect without a restart and without dropping a
// connection; a broken new file keeps the old one and the log says why.
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "protocol_checks.h"
#include "server_process.h"
#include "ws_test_client.h"

using namespace natter::test;

namespace {

bool makeCertificate(const QString& cert, const QString& key) {
    return QProcess::execute(
               QStringLiteral("openssl"),
               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                key, QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("2"),
                QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                QStringLiteral("subjectAltName=IP:127.0.0.1")}) == 0;
}

bool writeFile(const QString& path, const QByteArray& contents) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(contents) == contents.size();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestSighupReload : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void certificateWordsAndLevelChangeWithoutDroppingAnyone();

private:
    QString path(const char* name) const { return dir_.filePath(QLatin1StringView(name)); }
    // A new wss:// client that trusts both certificates, or null when it could not connect.
    WsTestClient* connectTrusting(const QUrl& url);
    // Sends SIGHUP and waits for the `count`-th config.reloaded line; returns that line.
    QString reload(ServerProcess& server, int count);
    QJsonObject sendText(WsTestClient& client, const QString& to, const QString& body);
    // Breaks the certificate and the words file, reloads, and checks that both kept their old
    // values (`current` is the certificate in use) and that the log says why.
    void checkBrokenFilesKeepTheOldOnes(ServerProcess& server, WsTestClient& alice,
                                        const QSslCertificate& current);

    QTemporaryDir dir_;
    std::vector<std::unique_ptr<WsTestClient>> clients_;
    int messages_ = 0;
};

void TestSighupReload::initTestCase() {
    QVERIFY(makeCertificate(path("a.crt"), path("a.key")));
    QVERIFY(makeCertificate(path("b.crt"), path("b.key")));
}

WsTestClient* TestSighupReload::connectTrusting(const QUrl& url) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(path("a.crt"));
    tls.addCaCertificates(path("b.crt"));
    clients_.push_back(std::make_unique<WsTestClient>());
    clients_.back()->setTls(tls);
    return clients_.back()->connectTo(url, 10'000) ? clients_.back().get() : nullptr;
}

QString TestSighupReload::reload(ServerProcess& server, int count) {
    ::kill(pid_t(server.pid()), SIGHUP);
    QStringList reloaded;
    QDeadlineTimer deadline(10'000);
    while (!deadline.hasExpired()) {
        reloaded = server.log().split(QLatin1Char('\n')).filter(QStringLiteral("config.reloaded"));
        if (reloaded.size() >= count) {
            return reloaded.at(count - 1);
        }
        QTest::qWait(50);
    }
    return {};
}

QJsonObject TestSighupReload::sendText(WsTestClient& client, const QString& to,
                                       const QString& body) {
    return client.call(
        QStringLiteral("messages.send"),
        {{QStringLiteral("to_username"), to},
         {QStringLiteral("client_message_id"), QStringLiteral("m%1").arg(++messages_)},
         {QStringLiteral("type"), QStringLiteral("text")},
         {QStringLiteral("body"), body}});
}

void TestSighupReload::certificateWordsAndLevelChangeWithoutDroppingAnyone() {
    QVERIFY(QFile::copy(path("a.crt"), path("server.crt")));
    QVERIFY(QFile::copy(path("a.key"), path("server.key")));
    QVERIFY(writeFile(path("words.txt"), "forbidden\n"));
    const QByteArray settings = "tls-cert=" + path("server.crt").toUtf8() +
                                "\ntls-key=" + path("server.key").toUtf8() +
                                "\nbanned-words=" + path("words.txt").toUtf8() + "\n";
    QVERIFY(writeFile(path("server.conf"), "[server]\nlog-level=info\n" + settings));
    ServerProcess server({QStringLiteral("--config"), path("server.conf")});
    QVERIFY(server.start());
    const QSslCertificate certificateA = QSslCertificate::fromPath(path("a.crt")).constFirst();
    const QSslCertificate certificateB = QSslCertificate::fromPath(path("b.crt")).constFirst();

    WsTestClient* alice = connectTrusting(server.url());
    WsTestClient* bob = connectTrusting(server.url());
    QVERIFY(alice && bob);
    QCOMPARE(alice->peerCertificate(), certificateA);
    QVERIFY(signedInFrom(
                bob->call(QStringLiteral("auth.register"), registerParams(QStringLiteral("bob"))))
                .ok());
    QVERIFY(signedInFrom(alice->call(QStringLiteral("auth.register"),
                                     registerParams(QStringLiteral("alice"))))
                .ok());
    QVERIFY(sendText(*alice, QStringLiteral("bob"), QStringLiteral("no spam here"))
                .contains(QStringLiteral("result")));

    // The operator renews the certificate, bans a word and asks for debug logs.
    QVERIFY(writeFile(path("server.crt"), readFile(path("b.crt"))));
    QVERIFY(writeFile(path("server.key"), readFile(path("b.key"))));
    QVERIFY(writeFile(path("words.txt"), "spam\n"));
    QVERIFY(writeFile(path("server.conf"), "[server]\nlog-level=debug\n" + settings));
    const QString first = reload(server, 1);
    QVERIFY2(first.contains(QStringLiteral("tls=reloaded")), qPrintable(server.log()));
    QVERIFY2(first.contains(QStringLiteral("log_level=\"debug: reloaded\"")), qPrintable(first));
    QVERIFY2(first.contains(QStringLiteral("banned_words=\"reloaded (1)\"")), qPrintable(first));

    // Nobody was dropped; the new word applies to connections already open.
    QVERIFY(alice->isConnected());
    const QJsonObject refused =
        sendText(*alice, QStringLiteral("bob"), QStringLiteral("more spam"));
    QCOMPARE(
        refused.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("banned_word"));
    WsTestClient* carol = connectTrusting(server.url());
    QVERIFY(carol);
    QCOMPARE(carol->peerCertificate(), certificateB);

    checkBrokenFilesKeepTheOldOnes(server, *alice, certificateB);
    QVERIFY(alice->isConnected() && bob->isConnected() && carol->isConnected());
    QCOMPARE(server.stop(), 0);
}

void TestSighupReload::checkBrokenFilesKeepTheOldOnes(ServerProcess& server, WsTestClient& alice,
                                                      const QSslCertificate& current) {
    // Broken files: the old certificate and words stay, and the log says why.
    QVERIFY(writeFile(path("server.crt"), "not a certificate\n"));
    QVERIFY(writeFile(path("words.txt"), QByteArray(200, 'x') + "\n"));
    const QString second = reload(server, 2);
    QVERIFY2(second.contains(QStringLiteral("level=warning")), qPrintable(second));
    QVERIFY2(second.contains(QStringLiteral("tls=\"kept:")), qPrintable(second));
    QVERIFY2(second.contains(QStringLiteral("banned_words=\"kept:")), qPrintable(second));
    WsTestClient* dave = connectTrusting(server.url());
    QVERIFY(dave);
    QCOMPARE(dave->peerCertificate(), current);
    QCOMPARE(sendText(alice, QStringLiteral("bob"), QStringLiteral("spam again"))
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
             QStringLiteral("banned_word"));
}

QTEST_GUILESS_MAIN(TestSighupReload)
#include "tst_sighup_reload.moc"
