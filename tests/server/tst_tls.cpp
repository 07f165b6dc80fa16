// TLS: natter-server started with a certificate serves wss:// only; a client that trusts the
// certificate signs up over it; a plain ws:// client gets nowhere and the server keeps serving; a
// broken key file stops the server at start with a message.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <QtTest>

#include "protocol_limits.h"
#include "server_process.h"

using natter::test::ServerProcess;

class TestTls : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString cert_;
    QString key_;

    static QWebSocketHandshakeOptions natterOptions() {
        QWebSocketHandshakeOptions options;
        options.setSubprotocols({QString::fromLatin1(natter::kSubprotocol)});
        return options;
    }

    // Opens `url` and sends auth.register; returns the response (empty on failure).
    QJsonObject registerOver(QWebSocket& socket, const QUrl& url, const QString& username) {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
        socket.open(url, natterOptions());
        if (!connected.wait(10'000)) {
            return {};
        }
        const QJsonObject request{
            {QStringLiteral("id"), 1},
            {QStringLiteral("method"), QStringLiteral("auth.register")},
            {QStringLiteral("params"),
             QJsonObject{{QStringLiteral("username"), username},
                         {QStringLiteral("display_name"), QStringLiteral("Tee")},
                         {QStringLiteral("password"), QStringLiteral("password-over-tls")},
                         {QStringLiteral("device_name"), QStringLiteral("box")}}}};
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
        if (!received.wait(10'000)) {
            return {};
        }
        return QJsonDocument::fromJson(received.takeFirst().at(0).toString().toUtf8()).object();
    }

private slots:
    void initTestCase() {
        cert_ = dir_.filePath(QStringLiteral("cert.pem"));
        key_ = dir_.filePath(QStringLiteral("key.pem"));
        const int exit = QProcess::execute(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key_,
             QStringLiteral("-out"), cert_, QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=IP:127.0.0.1")});
        QCOMPARE(exit, 0);
    }

    void clientTrustingTheCertificateSignsUp() {
        ServerProcess server(
            {QStringLiteral("--tls-cert"), cert_, QStringLiteral("--tls-key"), key_});
        QVERIFY(server.start());
        QCOMPARE(server.url().scheme(), QStringLiteral("wss"));

        QWebSocket socket;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(cert_);
        socket.setSslConfiguration(tls);
        const QJsonObject response = registerOver(socket, server.url(), QStringLiteral("tee"));
        QVERIFY2(
            response.value(QStringLiteral("result")).toObject().contains(QStringLiteral("token")),
            qPrintable(server.log()));
        QVERIFY(socket.sslConfiguration().sessionCipher().isNull() == false);  // really encrypted

        // A client that does not trust the certificate refuses to talk; the server goes on.
        QWebSocket untrusting;
        QSignalSpy failed(&untrusting, &QWebSocket::disconnected);
        untrusting.open(server.url(), natterOptions());
        QVERIFY(failed.wait(10'000));

        // Plain ws:// to the TLS port never completes a handshake; the server goes on.
        QWebSocket plain;
        QSignalSpy plainGone(&plain, &QWebSocket::disconnected);
        QUrl plainUrl = server.url();
        plainUrl.setScheme(QStringLiteral("ws"));
        plain.open(plainUrl, natterOptions());
        QVERIFY(plainGone.wait(15'000));

        QWebSocket again;
        again.setSslConfiguration(tls);
        QVERIFY(registerOver(again, server.url(), QStringLiteral("tee2"))
                    .value(QStringLiteral("result"))
                    .toObject()
                    .contains(QStringLiteral("token")));
        QCOMPARE(server.stop(), 0);
    }

    void brokenKeyStopsTheServerAtStart() {
        QFile broken(dir_.filePath(QStringLiteral("broken.pem")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        broken.close();
        ServerProcess server(
            {QStringLiteral("--tls-cert"), cert_, QStringLiteral("--tls-key"), broken.fileName()});
        QVERIFY(!server.start(5'000));
        QVERIFY2(server.log().contains(QStringLiteral("TLS")), qPrintable(server.log()));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
