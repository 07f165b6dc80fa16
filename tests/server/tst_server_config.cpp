// natter-server's configuration: flags beat environment beat config file beat defaults, and bad
// values are refused with a message instead of being ignored.
#include <QTemporaryDir>
#include <QtTest>

#include "app/server_config.h"

using namespace natter;

class TestServerConfig : public QObject {
    Q_OBJECT
private:
    static ConfigOutcome parse(QStringList args, QStringList env = {}) {
        args.prepend(QStringLiteral("natter-server"));
        return parseServerConfig(args, env);
    }
    static ServerConfig ok(const ConfigOutcome& outcome) {
        if (const auto* error = std::get_if<QString>(&outcome.configOrError)) {
            qFatal("unexpected config error: %s", qPrintable(*error));
        }
        return std::get<ServerConfig>(outcome.configOrError);
    }
    // Writes an INI file named natter.conf in dir and returns its path.
    static QString writeConfig(const QTemporaryDir& dir, const QByteArray& contents) {
        const QString path = dir.filePath(QStringLiteral("natter.conf"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()) {
            qFatal("cannot write %s", qPrintable(path));
        }
        return path;
    }
    static QString error(const ConfigOutcome& outcome) {
        const auto* text = std::get_if<QString>(&outcome.configOrError);
        return text ? *text : QString();
    }

private slots:
    void defaults() {
        const ServerConfig config = ok(parse({}));
        QCOMPARE(config.listenAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.port, quint16(4860));
        QVERIFY(!config.dataDir.isEmpty());
        QCOMPARE(config.database,
                 QStringLiteral("sqlite:") + config.dataDir + QStringLiteral("/natter.sqlite3"));
        QCOMPARE(config.sessionIdleTimeoutSeconds, qint64(90) * 24 * 3600);
        QVERIFY(config.workers >= 1);
    }

    void flagBeatsEnvironmentBeatsFile() {
        QTemporaryDir dir;
        const QString file =
            writeConfig(dir,
                        "[server]\nport=1111\nlog-level=warning\ndata-dir=/from/file\n"
                        "allowed-origins=https://a.example, https://b.example\n");
        const QStringList env{QStringLiteral("NATTER_PORT=2222"),
                              QStringLiteral("NATTER_DATA_DIR=/from/env")};
        ServerConfig config = ok(parse({QStringLiteral("--config"), file}, env));
        QCOMPARE(config.port, quint16(2222));  // env over file
        QCOMPARE(config.dataDir, QStringLiteral("/from/env"));
        QCOMPARE(config.logLevel, QStringLiteral("warning"));  // file over default
        QCOMPARE(config.allowedOrigins, (QStringList{QStringLiteral("https://a.example"),
                                                     QStringLiteral("https://b.example")}));
        config = ok(parse(
            {QStringLiteral("--config"), file, QStringLiteral("--port"), QStringLiteral("3333")},
            env));
        QCOMPARE(config.port, quint16(3333));  // flag over env
        config = ok(parse({}, {QStringLiteral("NATTER_CONFIG=") + file}));
        QCOMPARE(config.port, quint16(1111));  // config file named in the environment
    }

    void badValuesAreRefused_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                              << QStringLiteral("port");
        QTest::newRow("listen") << QStringList{QStringLiteral("--listen"),
                                               QStringLiteral("nowhere")}
                                << QStringLiteral("listen");
        QTest::newRow("workers") << QStringList{QStringLiteral("--workers"), QStringLiteral("0")}
                                 << QStringLiteral("workers");
        QTest::newRow("workers beyond an int")
            << QStringList{QStringLiteral("--workers"), QStringLiteral("5000000000")}
            << QStringLiteral("workers");
        QTest::newRow("tls half") << QStringList{QStringLiteral("--tls-cert"),
                                                 QStringLiteral("c.pem")}
                                  << QStringLiteral("tls-key");
        QTest::newRow("unknown flag")
            << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("positional")
            << QStringList{QStringLiteral("extra")} << QStringLiteral("extra");
        QTest::newRow("message rate")
            << QStringList{QStringLiteral("--message-rate"), QStringLiteral("-1")}
            << QStringLiteral("message-rate");
        QTest::newRow("message burst")
            << QStringList{QStringLiteral("--message-burst"), QStringLiteral("lots")}
            << QStringLiteral("message-burst");
        QTest::newRow("request rate")
            << QStringList{QStringLiteral("--request-rate"), QStringLiteral("0")}
            << QStringLiteral("request-rate");
        QTest::newRow("request burst below one")
            << QStringList{QStringLiteral("--request-burst"), QStringLiteral("0.5")}
            << QStringLiteral("request-burst");
        QTest::newRow("register rate")
            << QStringList{QStringLiteral("--register-rate"), QStringLiteral("often")}
            << QStringLiteral("register-rate");
        QTest::newRow("register burst")
            << QStringList{QStringLiteral("--register-burst"), QStringLiteral("-3")}
            << QStringLiteral("register-burst");
        QTest::newRow("edit window")
            << QStringList{QStringLiteral("--edit-window"), QStringLiteral("0")}
            << QStringLiteral("edit-window");
        QTest::newRow("link policy")
            << QStringList{QStringLiteral("--link-policy"), QStringLiteral("sometimes")}
            << QStringLiteral("link-policy");
        QTest::newRow("webhook scheme") << QStringList{QStringLiteral("--notify-webhook"),
                                                       QStringLiteral("ftp://example.org/x")}
                                        << QStringLiteral("notify-webhook");
        QTest::newRow("notify delay")
            << QStringList{QStringLiteral("--notify-delay"), QStringLiteral("0")}
            << QStringLiteral("notify-delay");
        QTest::newRow("node alive ttl")
            << QStringList{QStringLiteral("--node-alive-ttl"), QStringLiteral("0")}
            << QStringLiteral("node-alive-ttl");
        QTest::newRow("outbound cap")
            << QStringList{QStringLiteral("--max-outbound-bytes"), QStringLiteral("0")}
            << QStringLiteral("max-outbound-bytes");
        QTest::newRow("redis scheme")
            << QStringList{QStringLiteral("--redis"), QStringLiteral("http://127.0.0.1:6379")}
            << QStringLiteral("redis URL");
        QTest::newRow("redis password file")
            << QStringList{QStringLiteral("--redis"), QStringLiteral("redis://127.0.0.1"),
                           QStringLiteral("--redis-password-file"),
                           QStringLiteral("/nonexistent/pw")}
            << QStringLiteral("redis-password-file");
        QTest::newRow("log format")
            << QStringList{QStringLiteral("--log-format"), QStringLiteral("yaml")}
            << QStringLiteral("invalid log-format");
        QTest::newRow("per-address cap")
            << QStringList{QStringLiteral("--max-connections-per-address"), QStringLiteral("x")}
            << QStringLiteral("max-connections-per-address");
    }

    void transportLimits() {
        ServerConfig config = ok(parse({}));
        QCOMPARE(config.maxOutboundBytes, qint64(4) << 20);
        QCOMPARE(config.maxOutboundTotalBytes, qint64(256) << 20);
        QCOMPARE(config.maxConnections, 0);  // follows the open-file limit
        QCOMPARE(config.maxConnectionsPerAddress, 256);
        config = ok(parse({QStringLiteral("--max-outbound-bytes"), QStringLiteral("65536")},
                          {QStringLiteral("NATTER_MAX_CONNECTIONS=500"),
                           QStringLiteral("NATTER_MAX_CONNECTIONS_PER_ADDRESS=8"),
                           QStringLiteral("NATTER_MAX_OUTBOUND_TOTAL_BYTES=1048576")}));
        QCOMPARE(config.maxOutboundBytes, qint64(65536));
        QCOMPARE(config.maxOutboundTotalBytes, qint64(1048576));
        QCOMPARE(config.maxConnections, 500);
        QCOMPARE(config.maxConnectionsPerAddress, 8);
    }

    void safetyAndNotificationSettings() {
        ServerConfig config = ok(parse({}));
        QCOMPARE(config.messageRatePerSecond, 1.0);
        QCOMPARE(config.messageBurst, 5.0);
        QCOMPARE(config.linkPolicy, QStringLiteral("contacts"));
        QVERIFY(config.notifyWebhook.isEmpty());
        QCOMPARE(config.notifyDelaySeconds, 60);
        QCOMPARE(config.editWindowSeconds, qint64(48 * 3600));
        QCOMPARE(ok(parse({}, {QStringLiteral("NATTER_EDIT_WINDOW=600")})).editWindowSeconds,
                 qint64(600));
        QCOMPARE(config.nodeAliveTtlSeconds, 60);
        QCOMPARE(ok(parse({}, {QStringLiteral("NATTER_NODE_ALIVE_TTL=5")})).nodeAliveTtlSeconds, 5);
        config = ok(parse(
            {QStringLiteral("--message-rate"), QStringLiteral("0.5"),
             QStringLiteral("--link-policy"), QStringLiteral("deny"),
             QStringLiteral("--notify-webhook"), QStringLiteral("https://push.example.org/natter")},
            {QStringLiteral("NATTER_NOTIFY_SECRET=s3cret")}));
        QCOMPARE(config.messageRatePerSecond, 0.5);
        QCOMPARE(config.linkPolicy, QStringLiteral("deny"));
        QCOMPARE(config.notifyWebhook, QStringLiteral("https://push.example.org/natter"));
        QCOMPARE(config.notifySecret, QStringLiteral("s3cret"));
    }
    // Abuse limits: defaults are the documented constants; every layer can set them.
    void requestAndRegistrationLimits() {
        ServerConfig config = ok(parse({}));
        QCOMPARE(config.requestRatePerSecond, 20.0);
        QCOMPARE(config.requestBurst, 40.0);
        QCOMPARE(config.registerRatePerHour, 6.0);
        QCOMPARE(config.registerBurst, 10.0);
        QTemporaryDir dir;
        const QString file = writeConfig(dir, "[server]\nregister-burst=3\n");
        config = ok(
            parse({QStringLiteral("--config"), file, QStringLiteral("--request-rate"),
                   QStringLiteral("50"), QStringLiteral("--request-burst"), QStringLiteral("100")},
                  {QStringLiteral("NATTER_REGISTER_RATE=0.5")}));
        QCOMPARE(config.requestRatePerSecond, 50.0);
        QCOMPARE(config.requestBurst, 100.0);
        QCOMPARE(config.registerRatePerHour, 0.5);
        QCOMPARE(config.registerBurst, 3.0);
    }

    // --redis is off by default; the environment sets it like any other setting, and an error
    // about it never repeats the URL (it may hold the password).
    void redisSetting() {
        QVERIFY(!ok(parse({})).redis);
        const ServerConfig config =
            ok(parse({}, {QStringLiteral("NATTER_REDIS=redis://:pw@127.0.0.1:6390")}));
        QVERIFY(config.redis);
        QCOMPARE(config.redis->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(config.redis->port, quint16(6390));
        QCOMPARE(config.redis->password, QByteArray("pw"));
        QTemporaryDir dir;
        const QString passwordFile = writeConfig(dir, "from-file\n");
        const ServerConfig filed =
            ok(parse({QStringLiteral("--redis"), QStringLiteral("redis://h"),
                      QStringLiteral("--redis-password-file"), passwordFile}));
        QCOMPARE(filed.redis->password, QByteArray("from-file"));
        const QString text =
            error(parse({QStringLiteral("--redis"), QStringLiteral("redis://:pw@h/9")}));
        QVERIFY2(!text.isEmpty() && !text.contains(QStringLiteral("pw")), qPrintable(text));
    }

    void badValuesAreRefused() {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const QString text = error(parse(args));
        QVERIFY2(text.contains(mentions), qPrintable(text));
    }

    // The admin listener is off by default and refuses to leave loopback unless told to.
    void adminListener() {
        QVERIFY(!ok(parse({})).adminAddress);
        const ServerConfig v4 =
            ok(parse({QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:9486")}));
        QCOMPARE(*v4.adminAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(v4.adminPort, quint16(9486));
        const ServerConfig v6 = ok(parse({}, {QStringLiteral("NATTER_ADMIN_LISTEN=[::1]:0")}));
        QCOMPARE(*v6.adminAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(v6.adminPort, quint16(0));
        for (const char* bad : {"127.0.0.1", "::1:80", "[::1]", "127.0.0.1:65536", "name:80"}) {
            QVERIFY2(error(parse({QStringLiteral("--admin-listen"), QLatin1StringView(bad)}))
                         .startsWith(QStringLiteral("invalid admin-listen")),
                     bad);
        }
        const QStringList remote{QStringLiteral("--admin-listen"), QStringLiteral("0.0.0.0:9486")};
        QVERIFY(error(parse(remote)).contains(QStringLiteral("admin-allow-remote")));
        QTemporaryDir dir;
        const QString file = writeConfig(dir, "[server]\nadmin-allow-remote=true\n");
        const ServerConfig allowed =
            ok(parse(remote + QStringList{QStringLiteral("--config"), file}));
        QCOMPARE(*allowed.adminAddress, QHostAddress(QHostAddress::AnyIPv4));
        QVERIFY(error(parse({QStringLiteral("--admin-allow-remote"), QStringLiteral("yes")}))
                    .startsWith(QStringLiteral("invalid admin-allow-remote")));
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_server_config.moc"
