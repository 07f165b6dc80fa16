// How a message's attachment looks inside its bubble (MessageDelegate asks): a photo as its
// thumbnail, scaled to fit; a file, audio or video as a card with a type badge, the name and
// the size; both with a progress bar while the file goes up or comes down.
#pragma once

#include <QColor>
#include <QFont>
#include <QRect>
#include <QVariantMap>

class QPainter;

namespace natter {

inline constexpr int kPhotoMaxSide = 240;  // a photo in the chat, longest side (px)
inline constexpr int kFileCardWidth = 240;

// The box the attachment takes; empty for none. `maxWidth` is what the bubble allows.
QSize attachmentBoxSize(const QVariantMap& attachment, const QFont& font, int maxWidth);
void paintAttachment(QPainter* painter, const QRect& box, const QVariantMap& attachment,
                     const QFont& font, const QColor& ink);
// "12 KB", "3.4 MB"
QString humanSize(qint64 bytes);
// The decoded thumbnail of a photo row (cached by path); null when it is not here or cannot be
// decoded safely.
QImage thumbnailAt(const QString& path);

}  // namespace natter
