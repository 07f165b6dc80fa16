// Small line icons for the window's icon buttons (menu, new chat, details, more), painted at any
// size in the palette's button text colour at paint time, so they follow the theme live and need
// no icon theme (there is none on the offscreen platform or on many desktops).
#pragma once

#include <QIcon>

namespace natter {

enum class Glyph { Menu, NewChat, Details, More, Close };

QIcon glyphIcon(Glyph glyph);

}  // namespace natter
