#include "ws_client_frame.h"

#include <QRandomGenerator>
#include <QtEndian>

namespace natter::test {
namespace {

constexpr quint8 kMaskBit = 0x80;
constexpr int kShortLengthMax = 125;
constexpr quint8 kLength16 = 126;
constexpr quint8 kLength64 = 127;

}  // namespace

QByteArray clientFrame(quint8 firstByte, const QByteArray& payload, bool masked) {
    QByteArray frame;
    frame.append(char(firstByte));
    const quint8 maskBit = masked ? kMaskBit : 0;
    if (payload.size() <= kShortLengthMax) {
        frame.append(char(maskBit | quint8(payload.size())));
    } else if (payload.size() <= 0xffff) {
        frame.append(char(maskBit | kLength16));
        char length[2];
        qToBigEndian(quint16(payload.size()), length);
        frame.append(length, 2);
    } else {
        frame.append(char(maskBit | kLength64));
        char length[8];
        qToBigEndian(quint64(payload.size()), length);
        frame.append(length, 8);
    }
    if (!masked) {
        return frame + payload;
    }
    char mask[4];
    qToBigEndian(QRandomGenerator::global()->generate(), mask);
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i) {
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    }
    return frame;
}

}  // namespace natter::test
