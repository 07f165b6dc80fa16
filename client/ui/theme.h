// The app's look: light and dark palettes for the Fusion style, applied app-wide and live, and
// the few colours the painted parts (bubbles, names, errors, the unread divider) derive from the
// palette in use so they stay readable in either.
//
// Fusion is used for every theme: it is the one built-in style that takes all its colours from
// the palette on every platform. "System" sets no palette of our own: Qt then resolves the
// application palette from the platform theme (over Fusion's defaults) and resolves it again
// when the platform's colours change, so a desktop switching to dark mode is followed live.
// (Qt 6.4 has no QStyleHints::colorScheme(); widgets learn of any change through
// QEvent::ApplicationPaletteChange / PaletteChange, which is also what setErrorInk listens to.)
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

#include "core/app_settings.h"

class QWidget;

namespace natter {

QPalette lightPalette();
QPalette darkPalette();
// Makes `theme` the application's look at once; open windows repaint.
void applyTheme(AppSettings::Theme theme);

// The smaller type of times, names and notes beside the main text.
QFont smallFont(const QFont& base);
// Whether `palette` is a dark one (light text on dark windows).
bool isDark(const QPalette& palette);
// Refusals and errors: a red that keeps its contrast on the palette's window and base.
QColor errorColor(const QPalette& palette);
// The "New messages" divider and other pointers to what is new.
QColor accentTextColor(const QPalette& palette);
// WCAG 2.1 contrast ratio of two opaque colours, 1 (none) to 21 (black on white).
double contrastRatio(const QColor& a, const QColor& b);
// The opaque colour that `ink` (with its alpha) gives when painted over opaque `background`.
QColor blendedOver(const QColor& ink, const QColor& background);
// WCAG 2.1's minimum ratio for text that is not large (1.4.3), as all of the app's text is.
inline constexpr double kTextContrastMin = 4.5;

// Shows `widget`'s text in errorColor() (and keeps it so when the theme changes), or not.
void setErrorInk(QWidget* widget, bool on);

}  // namespace natter
