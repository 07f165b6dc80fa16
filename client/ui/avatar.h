// Round avatars with initials, coloured from a public id so a person has the same colour
// everywhere and on every device.
#pragma once

#include <QColor>
#include <QRect>
#include <QString>

class QPainter;
class QPalette;

namespace natter {

QColor avatarColor(const QString& publicId);
// The same hue for text on the palette's base (a sender's name): dark on light themes, light on
// dark ones, so the name stays readable in both.
QColor avatarInk(const QString& publicId, const QPalette& palette);
void paintAvatar(QPainter* painter, const QRect& rect, const QString& initials,
                 const QString& publicId);

}  // namespace natter
