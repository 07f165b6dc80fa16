#pragma once

#include <QIcon>

namespace natter {

// The speech-bubble icon from resources/natter.svg.
QIcon appIcon();

}  // namespace natter
