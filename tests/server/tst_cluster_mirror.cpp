// The pieces of a scaled-out node that need no Redis (docs/scaling.md): the node message formats
// round-trip and reject garbage; the mirror of other nodes' sessions applies changes in order,
// asks for a reload on a gap and replays what arrived meanwhile; redis:// URLs parse.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "bus/cluster_mirror.h"
#include "bus/node_messages.h"
#include "bus/redis_endpoint.h"

using namespace natter;
using namespace natter::node_message;

namespace {

constexpr quint32 kNode = 7;

SessionCount change(quint64 version, qint64 userId, qint64 sessionId, int count) {
    return SessionCount{kNode, version, userId, sessionId, count};
}

template <typename T, typename Variant>
std::optional<T> alternative(const std::optional<Variant>& decoded) {
    return decoded && std::holds_alternative<T>(*decoded) ? std::optional<T>(std::get<T>(*decoded))
                                                          : std::nullopt;
}

// The message encoded and decoded again; nullopt when it does not come back as the same kind.
template <typename T>
std::optional<T> roundTrip(const T& message) {
    if constexpr (std::is_constructible_v<NodeMessage, T>) {
        return alternative<T>(decodeNodeMessage(encode(NodeMessage(message))));
    } else {
        return alternative<T>(decodeDirectoryMessage(encode(DirectoryMessage(message))));
    }
}

}  // namespace

class TestClusterMirror : public QObject {
    Q_OBJECT

private slots:
    void nodeMessagesRoundTrip() {
        const Deliver deliver{{3, 4}, ConnectionRef{9, 12}, QStringLiteral("{\"event\":\"x\"}\n")};
        const auto back = roundTrip(deliver);
        QVERIFY(back);
        QCOMPARE(back->userIds, deliver.userIds);
        QCOMPARE(back->skip, deliver.skip);
        QCOMPARE(back->text, deliver.text);

        const DeliverTo one{77, QStringLiteral("{\"event\":\"\u00e9\"}")};
        const auto toOne = roundTrip(one);
        QVERIFY(toOne);
        QCOMPARE(toOne->connectionId, one.connectionId);
        QCOMPARE(toOne->text, one.text);

        for (const CloseSession& close :
             {CloseSession{42, 4002, std::nullopt, QStringLiteral("revoked")},
              CloseSession{43, 4001, ConnectionRef{9, 13}, QStringLiteral("signed out")}}) {
            const auto closed = roundTrip(close);
            QVERIFY(closed);
            QCOMPARE(closed->sessionId, close.sessionId);
            QCOMPARE(closed->closeCode, close.closeCode);
            QCOMPARE(closed->keep, close.keep);
            QCOMPARE(closed->reason, close.reason);
        }

        const auto counted = roundTrip(change(5, 1, 2, 3));
        QVERIFY(counted);
        QCOMPARE(counted->node, kNode);
        QCOMPARE(counted->version, quint64(5));
        QCOMPARE(counted->userId, 1);
        QCOMPARE(counted->sessionId, 2);
        QCOMPARE(counted->count, 3);
        for (bool again : {true, false}) {
            const auto joined = roundTrip(NodeJoined{kNode, again});
            QVERIFY(joined);
            QCOMPARE(joined->node, kNode);
            QCOMPARE(joined->again, again);
        }
        const auto gone = roundTrip(NodeGone{kNode});
        QVERIFY(gone);
        QCOMPARE(gone->node, kNode);
    }

    void garbageIsRejected() {
        for (const QByteArray& bad :
             {QByteArray(), QByteArray("E 1 2 x\ntext"), QByteArray("C 1 2\n"), QByteArray("Z 1\n"),
              QByteArray("E 1 2 3")}) {
            QVERIFY2(!decodeNodeMessage(bad), bad.constData());
        }
        for (const QByteArray& bad : {QByteArray("S 0 1 1 1 1"), QByteArray("S 7 1 1 1 -1"),
                                      QByteArray("G"), QByteArray("J 7")}) {
            QVERIFY2(!decodeDirectoryMessage(bad), bad.constData());
        }
    }

    void changesApplyInOrder() {
        ClusterMirror mirror;
        QCOMPARE(mirror.apply(change(1, 10, 100, 1)), ClusterMirror::Outcome::Applied);
        QCOMPARE(mirror.apply(change(2, 10, 101, 2)), ClusterMirror::Outcome::Applied);
        QVERIFY(mirror.isUserOnline(10));
        QCOMPARE(mirror.connectionCount(10), 3);
        QCOMPARE(mirror.nodesOfSession(101), QList<quint32>{kNode});
        QCOMPARE(mirror.apply(change(2, 10, 101, 0)), ClusterMirror::Outcome::Ignored);  // old
        QCOMPARE(mirror.apply(change(3, 10, 100, 0)), ClusterMirror::Outcome::Applied);
        QVERIFY(!mirror.isSessionLive(100));
        mirror.dropNode(kNode);
        QVERIFY(!mirror.isUserOnline(10));
        QVERIFY(mirror.liveSessions().isEmpty());
    }

    // A missed change asks for a reload; what arrives before the snapshot is replayed on top.
    void gapReloadsAndReplaysHeldBackChanges() {
        ClusterMirror mirror;
        QCOMPARE(mirror.apply(change(4, 10, 100, 1)), ClusterMirror::Outcome::NeedsReload);
        QCOMPARE(mirror.apply(change(5, 11, 110, 1)), ClusterMirror::Outcome::Ignored);  // held
        QVERIFY(!mirror.isUserOnline(11));
        const QList<ClusterMirror::Entry> hash{{10, 100, 1}, {12, 120, 2}};
        QCOMPARE(mirror.loadSnapshot(kNode, 4, hash), ClusterMirror::Outcome::Applied);
        QVERIFY(mirror.isUserOnline(10));
        QVERIFY(mirror.isUserOnline(11));  // change 5, replayed
        QCOMPARE(mirror.connectionCount(12), 2);
        // An older snapshot (read before change 5 was written) changes nothing.
        mirror.markLoading(kNode);
        QCOMPARE(mirror.loadSnapshot(kNode, 3, {}), ClusterMirror::Outcome::Applied);
        QVERIFY(mirror.isUserOnline(11));
    }

    void redisUrls() {
        const auto plain = parseRedisEndpoint(QStringLiteral("redis://127.0.0.1:6390"));
        QVERIFY(std::holds_alternative<RedisEndpoint>(plain));
        QCOMPARE(std::get<RedisEndpoint>(plain).port, 6390);
        QVERIFY(std::get<RedisEndpoint>(plain).password.isEmpty());
        const auto acl = parseRedisEndpoint(QStringLiteral("redis://natter:s3cret@cache"));
        QCOMPARE(std::get<RedisEndpoint>(acl).user, QByteArray("natter"));
        const auto secret = parseRedisEndpoint(QStringLiteral("redis://:s3cret@cache"));
        QCOMPARE(std::get<RedisEndpoint>(secret).password, QByteArray("s3cret"));
        QCOMPARE(std::get<RedisEndpoint>(secret).display(), QStringLiteral("redis://cache:6379"));
        for (const QString& bad :
             {QStringLiteral("http://host"), QStringLiteral("redis://"),
              QStringLiteral("redis://host:99999"), QStringLiteral("redis://:pw@host/3")}) {
            const auto parsed = parseRedisEndpoint(bad);
            QVERIFY2(std::holds_alternative<QString>(parsed), qPrintable(bad));
            QVERIFY(!std::get<QString>(parsed).contains(QStringLiteral("pw")));
        }
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("pw")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("from-file\n");
        file.close();
        const auto fromFile =
            parseRedisEndpoint(QStringLiteral("redis://:url@host"), file.fileName());
        QCOMPARE(std::get<RedisEndpoint>(fromFile).password, QByteArray("from-file"));
    }
};

QTEST_GUILESS_MAIN(TestClusterMirror)
#include "tst_cluster_mirror.moc"
