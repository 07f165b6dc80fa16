// Who is online across every node of a cluster, decided in Redis so that each user's `online` and
// `offline` are announced exactly once, by one node (docs/scaling.md, "Presence").
//
// Each user with a connection anywhere has a hash natter:user:<id> with one field n:<node> per
// node holding connections (their count), and while the last connection is in its grace period,
// the field `gone` (when it went) and an entry in the sorted set natter:presence:grace (score:
// when the grace period ends). Lua scripts change these together with the node's session hash, so
// the node whose change makes the hash appear announces `online`, and the node whose script takes
// a user out of the sorted set announces `offline`. A dead node's fields are removed by the one
// node whose SREM of it from natter:nodes succeeds, in the same script. Service thread only.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <functional>
#include <optional>

#include "ports/identity.h"

class QTimer;

namespace natter {

class RedisConnection;

class ClusterPresence : public QObject {
    Q_OBJECT
public:
    // Users taken offline by one EXPIRE script at most (a full batch is followed by another run),
    // so that one script never holds Redis for long.
    static constexpr int kExpireBatch = 500;

    ClusterPresence(RedisConnection& commands, quint32 node, int offlineGraceMs,
                    QObject* parent = nullptr);

    // One session's connections on this node changed (written with the node's session hash):
    // `sessionCount` of the session and `userCount` of all the user's sessions are held here now.
    void sessionChanged(const Identity& identity, qint64 sessionCount, qint64 userCount,
                        quint64 version);
    // After a lost link: this node's fields become exactly `userCounts` (user id -> connections
    // here); users it held and no longer holds start their grace period. Nothing is announced
    // online: every client catches up with a fresh snapshot after a rejoin.
    void rejoin(const QHash<qint64, qint64>& userCounts);
    // A node whose alive key expired (or this node, `leaving` cleanly): the one node whose SREM
    // succeeds removes its fields; its users without connections elsewhere go offline at once
    // (or, when leaving, after the grace period, announced by another node). `cleaned` is called
    // with true on the node that did it.
    void forgetNode(quint32 node, bool leaving, std::function<void(bool cleaned)> cleaned = {});
    // Takes offline every user whose grace period is over (wherever it started).
    void expireDue();

    // Calls `done` with the users among `userIds` who have a presence hash (connected somewhere,
    // or in their grace period: online), or with nullopt when the link is down.
    void onlineAmong(const QList<qint64>& userIds,
                     std::function<void(std::optional<QSet<qint64>>)> done);

signals:
    void cameOnline(const Identity& identity);
    void wentOffline(qint64 userId, qint64 goneAt);

private:
    void startGraceTimer(qint64 userId);

    RedisConnection& commands_;
    quint32 node_;
    int offlineGraceMs_;
    QHash<qint64, QTimer*> graceTimers_;  // children: grace periods this node started
};

}  // namespace natter
