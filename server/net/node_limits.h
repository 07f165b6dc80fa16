// Limits shared by every network worker of this server process (docs/protocol.md section 2):
// open connections per source address and in total, and the bytes queued for sending to all
// clients together. Owned by ServerApp, which outlives the workers; safe to call from any thread.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QObject>
#include <atomic>

namespace natter {

class NodeLimits {
public:
    struct Settings {
        int maxConnections = 1;
        int maxConnectionsPerAddress = 1;
        qint64 maxOutboundTotalBytes = 0;
    };
    enum class Admission { Admitted, AddressFull, NodeFull };

    explicit NodeLimits(Settings settings);

    // Counts a new connection from peer, or refuses it (counted, and logged at most once per
    // kRefusalLogIntervalMs so a flood cannot flood the log). Admitted: call release() later.
    Admission admit(const QHostAddress& peer);
    void release(const QHostAddress& peer);
    qint64 refusedTotal() const { return refusedTotal_.load(); }
    int openConnections();  // admitted and not yet released
    qint64 outboundBytes() const { return outbound_.load(std::memory_order_relaxed); }

    // Outbound bytes: each connection reports how its queue changed.
    void addOutbound(qint64 delta) { outbound_.fetch_add(delta, std::memory_order_relaxed); }
    bool outboundOverCap() const {
        return outbound_.load(std::memory_order_relaxed) > settings_.maxOutboundTotalBytes;
    }

    // IPv4 (also IPv4-mapped IPv6) per address; IPv6 per /64, the block one host usually owns.
    static QByteArray addressKey(const QHostAddress& peer);

private:
    void noteRefusal(Admission reason, const QHostAddress& peer);

    const Settings settings_;
    QMutex mutex_;  // guards the fields below
    QHash<QByteArray, int> perAddress_;
    int open_ = 0;
    qint64 refusedSinceLog_ = 0;
    QElapsedTimer sinceLog_;
    std::atomic<qint64> refusedTotal_{0};
    std::atomic<qint64> outbound_{0};
};

// Holds one admitted connection's place; a child of its socket, so the place is given back
// whichever way the socket goes away.
class AdmissionTicket : public QObject {
    Q_OBJECT
public:
    AdmissionTicket(NodeLimits& limits, QHostAddress peer, QObject* socket);
    ~AdmissionTicket() override;

private:
    NodeLimits& limits_;
    const QHostAddress peer_;
};

}  // namespace natter
