#include "loopback_port.h"

#include <QHostAddress>
#include <QTcpServer>

namespace natter::test {

quint16 freeLoopbackPort() {
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

}  // namespace natter::test
