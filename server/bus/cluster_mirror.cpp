#include "cluster_mirror.h"

namespace natter {
namespace {

// Adds `delta` to index[key][node], forgetting entries that reach zero.
void adjust(QHash<qint64, QHash<quint32, int>>& index, qint64 key, quint32 node, int delta) {
    if (delta == 0) {
        return;
    }
    QHash<quint32, int>& perNode = index[key];
    const int now = perNode.value(node) + delta;
    if (now > 0) {
        perNode.insert(node, now);
    } else {
        perNode.remove(node);
    }
    if (perNode.isEmpty()) {
        index.remove(key);
    }
}

}  // namespace

qsizetype ClusterMirror::connectionCount(qint64 userId) const {
    qsizetype total = 0;
    for (int count : users_.value(userId)) {
        total += count;
    }
    return total;
}

void ClusterMirror::setCount(quint32 node, NodeState& state, qint64 userId, qint64 sessionId,
                             int count) {
    const int before = state.sessions.value(sessionId).count;
    if (count > 0) {
        state.sessions.insert(sessionId, Entry{userId, sessionId, count});
    } else {
        state.sessions.remove(sessionId);
    }
    adjust(users_, userId, node, count - before);
    adjust(sessions_, sessionId, node, count - before);
}

ClusterMirror::Outcome ClusterMirror::applyTo(NodeState& state,
                                              const node_message::SessionCount& change) {
    if (change.version <= state.version) {
        return Outcome::Ignored;
    }
    if (change.version > state.version + 1) {
        state.loading = true;
        state.heldBack.append(change);
        return Outcome::NeedsReload;
    }
    setCount(change.node, state, change.userId, change.sessionId, change.count);
    state.version = change.version;
    return Outcome::Applied;
}

ClusterMirror::Outcome ClusterMirror::apply(const node_message::SessionCount& change) {
    NodeState& state = nodes_[change.node];
    if (state.loading) {
        state.heldBack.append(change);
        return Outcome::Ignored;
    }
    return applyTo(state, change);
}

void ClusterMirror::markLoading(quint32 node) {
    nodes_[node].loading = true;
}

ClusterMirror::Outcome ClusterMirror::loadSnapshot(quint32 node, quint64 version,
                                                   const QList<Entry>& entries) {
    NodeState& state = nodes_[node];
    if (version >= state.version) {
        for (const Entry& entry : QList<Entry>(state.sessions.values())) {
            setCount(node, state, entry.userId, entry.sessionId, 0);
        }
        for (const Entry& entry : entries) {
            setCount(node, state, entry.userId, entry.sessionId, entry.count);
        }
        state.version = version;
    }
    state.loading = false;
    const QList<node_message::SessionCount> heldBack = std::exchange(state.heldBack, {});
    Outcome outcome = Outcome::Applied;
    for (const node_message::SessionCount& change : heldBack) {
        if (state.loading) {
            state.heldBack.append(change);  // still a gap: keep the rest for the next reload
        } else if (applyTo(state, change) == Outcome::NeedsReload) {
            outcome = Outcome::NeedsReload;
        }
    }
    return outcome;
}

void ClusterMirror::dropNode(quint32 node) {
    const auto it = nodes_.find(node);
    if (it == nodes_.end()) {
        return;
    }
    for (const Entry& entry : QList<Entry>(it->sessions.values())) {
        setCount(node, *it, entry.userId, entry.sessionId, 0);
    }
    nodes_.erase(it);
}

void ClusterMirror::clear() {
    nodes_.clear();
    users_.clear();
    sessions_.clear();
}

}  // namespace natter
