// Small line icons for the window's icon buttons (menu, new chat, details, more), painted at any
// size in the palette's button text colour at paint time, so they follow the theme live and need
// no icon theme (there is none on the offscreen platform or on many desktops).
#pragma once

#include <QIcon>

class QMenu;
class QToolButton;

namespace natter {

enum class Glyph { Menu, NewChat, Details, More, Close, Back };

QIcon glyphIcon(Glyph glyph);
// A tool button that opens `menu` on click and shows only its icon (no menu arrow under it).
void setIconMenu(QToolButton* button, QMenu* menu);

}  // namespace natter
