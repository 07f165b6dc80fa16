// A port nobody listens on right now on 127.0.0.1: the kernel's pick for a socket that is closed
// again (0 when none could be had). For test engines that need their port before they start.
#pragma once

#include <QtGlobal>

namespace natter::test {

quint16 freeLoopbackPort();

}  // namespace natter::test
