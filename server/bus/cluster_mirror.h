// This node's copy of which users and sessions the OTHER nodes hold connections of, kept from the
// node hashes in Redis and the changes they publish (docs/scaling.md, "The directory"). Plain
// data, service thread only.
//
// Each node numbers its changes 1, 2, 3...; its hash carries the number of the last change it
// holds (field "v"). A change is applied when it is the next one, ignored when the snapshot
// already had it, and a gap (a change missed, e.g. published before this node subscribed) asks
// the owner for a reload of that node's hash. Changes arriving while a reload is on its way are
// kept and replayed on top of it. Counts are absolute, so replaying one twice does no harm.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>

#include "node_messages.h"

namespace natter {

class ClusterMirror {
public:
    enum class Outcome { Applied, Ignored, NeedsReload };

    // One session's connections on one node, as read from that node's hash.
    struct Entry {
        qint64 userId = 0;
        qint64 sessionId = 0;
        int count = 0;
    };

    Outcome apply(const node_message::SessionCount& change);
    // Changes of `node` are held back until its snapshot arrives.
    void markLoading(quint32 node);
    // Replaces what is known of `node` by its hash (unless an equal or newer state is known) and
    // replays the changes held back; NeedsReload when they still leave a gap.
    Outcome loadSnapshot(quint32 node, quint64 version, const QList<Entry>& entries);
    void dropNode(quint32 node);
    void clear();

    QList<quint32> nodes() const { return nodes_.keys(); }
    bool knows(quint32 node) const { return nodes_.contains(node); }
    bool isUserOnline(qint64 userId) const { return users_.contains(userId); }
    qsizetype connectionCount(qint64 userId) const;
    bool isSessionLive(qint64 sessionId) const { return sessions_.contains(sessionId); }
    QList<qint64> liveSessions() const { return sessions_.keys(); }
    QList<quint32> nodesOfUser(qint64 userId) const { return users_.value(userId).keys(); }
    QList<quint32> nodesOfSession(qint64 sessionId) const {
        return sessions_.value(sessionId).keys();
    }

private:
    struct NodeState {
        quint64 version = 0;
        bool loading = false;
        QList<node_message::SessionCount> heldBack;
        QHash<qint64, Entry> sessions;  // by session id
    };

    void setCount(quint32 node, NodeState& state, qint64 userId, qint64 sessionId, int count);
    Outcome applyTo(NodeState& state, const node_message::SessionCount& change);

    QHash<quint32, NodeState> nodes_;
    // Indexes over all nodes: connections per node, by user and by session.
    QHash<qint64, QHash<quint32, int>> users_;
    QHash<qint64, QHash<quint32, int>> sessions_;
};

}  // namespace natter
