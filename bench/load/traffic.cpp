#include "traffic.h"

#include <cstdio>

namespace natter::load {
namespace {

constexpr int kBodyChars = 100;  // the body of every measured message, as in the table
constexpr int kTickMs = 1;       // the open-loop sender's clock

// Body: "L<step>:<send time ns>:" then padding. The receiver takes the step and the send time.
bool parseBody(QStringView body, int& step, qint64& sentNs) {
    if (!body.startsWith(u'L')) {
        return false;
    }
    const qsizetype first = body.indexOf(u':');
    const qsizetype second = body.indexOf(u':', first + 1);
    if (first < 0 || second < 0) {
        return false;
    }
    bool ok1 = false, ok2 = false;
    step = body.mid(1, first - 1).toInt(&ok1);
    sentNs = body.mid(first + 1, second - first - 1).toLongLong(&ok2);
    return ok1 && ok2;
}

}  // namespace

TrafficRun::TrafficRun(std::vector<Room> rooms, ServerPids serverPids, TrafficSettings settings)
    : rooms_(std::move(rooms)), serverPids_(std::move(serverPids)), settings_(settings) {
    padding_ = QString(kBodyChars, u'x');
    for (const Room& room : rooms_) {
        for (LoadClient* member : room.members) {
            const size_t index = receivers_.size();
            receivers_.push_back(member);
            lastSeq_.push_back(room.lastSeq);
            member->setMessageHandler(
                [this, index](const DeliveredMessage& message) { onDelivered(index, message); });
        }
    }
}

void TrafficRun::onDelivered(size_t receiver, const DeliveredMessage& message) {
    lastActivityNs_ = nowNs();
    int step = 0;
    qint64 sentNs = 0;
    if (!parseBody(message.body, step, sentNs) || step != stepNumber_) {
        ++counters_.stale;  // a straggler of an earlier step (that one counted it missing)
        return;
    }
    if (message.seq <= lastSeq_[receiver]) {
        ++counters_.duplicates;
        return;
    }
    lastSeq_[receiver] = message.seq;
    const qint64 now = nowNs();
    ++counters_.received;
    counters_.lastDeliveryNs = now;
    counters_.endToEnd.add(double(now - sentNs) / 1e6);
}

// Message k goes to room k mod rooms, from each member in turn, so every connection sends.
void TrafficRun::sendOne() {
    const qint64 k = messageNumber_++;
    Room& room = rooms_[size_t(k % qint64(rooms_.size()))];
    const qint64 turn = k / qint64(rooms_.size());
    LoadClient* sender = room.members[size_t(turn % qint64(room.members.size()))];
    const qint64 sentNs = nowNs();
    const QString body = QStringLiteral("L%1:%2:").arg(stepNumber_).arg(sentNs);
    const QJsonObject params{
        {QStringLiteral("conversation_id"), room.conversationId},
        {QStringLiteral("client_message_id"), freshMessageId(QString::number(k))},
        {QStringLiteral("type"), QStringLiteral("text")},
        {QStringLiteral("body"), QString(body + padding_.left(kBodyChars - int(body.size())))}};
    const int step = stepNumber_;
    const qint64 recipients = qint64(room.members.size()) - 1;
    ++counters_.sent;
    sender->request(QStringLiteral("messages.send"), params,
                    [this, step, sentNs, recipients](const QJsonObject& response) {
                        if (step != stepNumber_) {
                            return;
                        }
                        if (response.contains(QStringLiteral("error")) ||
                            resultOf(response).value(QStringLiteral("duplicate")).toBool()) {
                            ++counters_.failed;
                            return;
                        }
                        ++counters_.acked;
                        counters_.expected += recipients;
                        counters_.ack.add(double(nowNs() - sentNs) / 1e6);
                    });
}

void TrafficRun::sendDue(double rate, qint64 startNs) {
    const qint64 due = qint64(rate * double(nowNs() - startNs) / 1e9);
    while (counters_.sent < due) {
        sendOne();
    }
}

RunRow TrafficRun::step(const QString& scenario, double rate, double seconds) {
    ++stepNumber_;
    counters_ = StepCounters{};
    CostMeter meter;
    meter.serverPids = serverPids_;
    meter.start();
    const qint64 startNs = nowNs();
    QTimer sender;
    sender.setTimerType(Qt::PreciseTimer);
    QObject::connect(&sender, &QTimer::timeout, [this, rate, startNs] { sendDue(rate, startNs); });
    sender.start(kTickMs);
    pause(int(seconds * 1000));
    sender.stop();
    waitFor(
        [this] {
            return counters_.acked + counters_.failed == counters_.sent &&
                   counters_.received >= counters_.expected;
        },
        settings_.drainTimeoutMs);
    return finishStep(scenario, rate, startNs, meter);
}

RunRow TrafficRun::finishStep(const QString& scenario, double rate, qint64 startNs,
                              CostMeter& meter) {
    const StepCounters& c = counters_;
    RunRow row;
    row.scenario = scenario;
    row.offeredRate = rate;
    row.seconds = double(qMax(c.lastDeliveryNs, startNs + 1) - startNs) / 1e9;
    row.deliveries = c.received;
    row.deliveriesPerSecond = double(c.received) / row.seconds;
    row.ackP50 = c.ack.percentile(0.5);
    row.ackP99 = c.ack.percentile(0.99);
    row.e2eP50 = c.endToEnd.percentile(0.5);
    row.e2eP99 = c.endToEnd.percentile(0.99);
    row.serverCpuSeconds = meter.serverCpuSeconds();
    row.serverRssBytes = meter.serverRssBytes();
    row.generatorCpuSeconds = meter.selfCpuSeconds();
    row.missing = (c.sent - c.acked) + (c.expected - c.received);
    row.note = QStringLiteral("sent %1, failed %2, duplicates %3")
                   .arg(c.sent)
                   .arg(c.failed)
                   .arg(c.duplicates);
    return row;
}

// Waits until the backlog of an overloaded step has drained: no delivery for a second.
void TrafficRun::settle() {
    constexpr qint64 kQuietNs = 1'000'000'000;
    constexpr int kMaxSettleMs = 60'000;
    waitFor([this] { return nowNs() - lastActivityNs_ > kQuietNs; }, kMaxSettleMs);
}

bool TrafficRun::complete(const RunRow& row) const {
    return row.missing == 0 && counters_.failed == 0 && counters_.duplicates == 0;
}

bool TrafficRun::passed(const RunRow& row) const {
    return complete(row) && row.e2eP99 <= settings_.maxP99Ms;
}

void TrafficRun::ramp(const QString& scenario, double rate, double factor, double stepSeconds,
                      double seconds) {
    double peakRate = 0;
    RunRow peak;
    for (;; rate *= factor) {
        RunRow row = step(scenario, rate, stepSeconds);
        const bool ok = passed(row);
        row.note += ok ? QStringLiteral("; ramp step ok") : QStringLiteral("; ramp step FAILED");
        printRow(row);
        if (!ok) {
            break;
        }
        peakRate = rate;
        peak = row;
    }
    if (peakRate == 0) {
        std::printf("no ramp step passed; lower --rate\n");
        return;
    }
    peak.note = QStringLiteral("PEAK (last passing step)");
    printRow(peak);
    settle();
    RunRow half = step(scenario, peakRate / 2, seconds);
    half.note += QStringLiteral("; half of peak");
    printRow(half);
}

}  // namespace natter::load
