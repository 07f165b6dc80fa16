// Round avatars with initials, coloured from a public id so a person has the same colour
// everywhere and on every device.
#pragma once

#include <QColor>
#include <QRect>
#include <QString>

class QPainter;

namespace natter {

QColor avatarColor(const QString& publicId);
void paintAvatar(QPainter* painter, const QRect& rect, const QString& initials,
                 const QString& publicId);

}  // namespace natter
