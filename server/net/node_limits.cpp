#include "node_limits.h"

#include <QMutexLocker>

#include "util/log.h"

namespace natter {
namespace {

// Refusals are logged in one line per interval (with the count), never one line each.
constexpr qint64 kRefusalLogIntervalMs = 10'000;
constexpr int kIpv6PrefixBytes = 8;  // /64

}  // namespace

NodeLimits::NodeLimits(Settings settings) : settings_(settings) {}

QByteArray NodeLimits::addressKey(const QHostAddress& peer) {
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4) {
        return QByteArray::number(v4);
    }
    const Q_IPV6ADDR v6 = peer.toIPv6Address();
    return QByteArray(reinterpret_cast<const char*>(v6.c), kIpv6PrefixBytes);
}

int NodeLimits::openConnections() {
    QMutexLocker lock(&mutex_);
    return open_;
}

NodeLimits::Admission NodeLimits::admit(const QHostAddress& peer) {
    const QByteArray key = addressKey(peer);
    Admission result = Admission::Admitted;
    {
        QMutexLocker lock(&mutex_);
        int& fromPeer = perAddress_[key];
        if (open_ >= settings_.maxConnections) {
            result = Admission::NodeFull;
        } else if (fromPeer >= settings_.maxConnectionsPerAddress) {
            result = Admission::AddressFull;
        } else {
            ++fromPeer;
            ++open_;
            return result;
        }
        if (fromPeer == 0) {
            perAddress_.remove(key);
        }
    }
    noteRefusal(result, peer);
    return result;
}

void NodeLimits::release(const QHostAddress& peer) {
    const QByteArray key = addressKey(peer);
    QMutexLocker lock(&mutex_);
    --open_;
    const auto it = perAddress_.find(key);
    if (it != perAddress_.end() && --it.value() <= 0) {
        perAddress_.erase(it);
    }
}

void NodeLimits::noteRefusal(Admission reason, const QHostAddress& peer) {
    refusedTotal_.fetch_add(1);
    qint64 refused = 0;
    {
        QMutexLocker lock(&mutex_);
        ++refusedSinceLog_;
        if (sinceLog_.isValid() && sinceLog_.elapsed() < kRefusalLogIntervalMs) {
            return;
        }
        sinceLog_.start();
        refused = std::exchange(refusedSinceLog_, 0);
    }
    log::warning("net.connection_refused",
                 {{"reason", reason == Admission::NodeFull ? QStringLiteral("max-connections")
                                                           : QStringLiteral("per-address")},
                  {"addr", peer.toString()},
                  {"refused", QString::number(refused)},
                  {"refused_total", QString::number(refusedTotal_.load())}});
}

AdmissionTicket::AdmissionTicket(NodeLimits& limits, QHostAddress peer, QObject* socket)
    : QObject(socket), limits_(limits), peer_(std::move(peer)) {}

AdmissionTicket::~AdmissionTicket() {
    limits_.release(peer_);
}

}  // namespace natter
