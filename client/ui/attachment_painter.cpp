#include "ui/attachment_painter.h"

#include <QCache>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetrics>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include "models/attachment_state.h"
#include "ui/attachment_image.h"

namespace natter {
namespace {

constexpr int kPad = 8;
constexpr int kBadge = 40;  // the type badge of a card
constexpr int kBar = 4;     // the progress bar's height
constexpr int kPlaceholderHeight = 160;
constexpr int kThumbnailsKept = 200;

class AttachmentTexts {
    Q_DECLARE_TR_FUNCTIONS(AttachmentTexts)
};

bool isPhoto(const QVariantMap& attachment) {
    return attachment.value(AttachmentState::kType).toString() == QStringLiteral("photo");
}

bool showsProgress(const QVariantMap& attachment) {
    return attachment.value(AttachmentState::kTransferring).toBool();
}

// The card's badge: the name's suffix ("PDF"), or the kind.
QString badgeText(const QVariantMap& attachment) {
    const QString suffix =
        QFileInfo(attachment.value(AttachmentState::kName).toString()).suffix().toUpper();
    if (!suffix.isEmpty() && suffix.size() <= 4) {
        return suffix;
    }
    const QString type = attachment.value(AttachmentState::kType).toString();
    return type == QStringLiteral("audio")   ? AttachmentTexts::tr("AUDIO")
           : type == QStringLiteral("video") ? AttachmentTexts::tr("VIDEO")
                                             : AttachmentTexts::tr("FILE");
}

QString cardDetail(const QVariantMap& attachment) {
    const qint64 size = attachment.value(AttachmentState::kSize).toLongLong();
    if (showsProgress(attachment)) {
        const qint64 done = attachment.value(AttachmentState::kDone).toLongLong();
        //: progress of a file transfer: %1 done of %2
        return AttachmentTexts::tr("%1 of %2").arg(humanSize(done), humanSize(size));
    }
    //: under a file's name in a chat: its size, then what a click does
    return AttachmentTexts::tr("%1 \u00b7 Click to open or save").arg(humanSize(size));
}

void paintProgress(QPainter* painter, const QRect& box, const QVariantMap& attachment,
                   const QColor& ink) {
    const qint64 total = qMax<qint64>(1, attachment.value(AttachmentState::kTotal).toLongLong());
    const qint64 done = attachment.value(AttachmentState::kDone).toLongLong();
    const QRect track(box.left(), box.bottom() - kBar + 1, box.width(), kBar);
    QColor trackInk = ink;
    trackInk.setAlphaF(0.25f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(trackInk);
    painter->drawRoundedRect(track, kBar / 2.0, kBar / 2.0);
    painter->setBrush(ink);
    painter->drawRoundedRect(QRect(track.topLeft(), QSize(int(track.width() * done / total), kBar)),
                             kBar / 2.0, kBar / 2.0);
}

void paintPhoto(QPainter* painter, const QRect& box, const QVariantMap& attachment,
                const QFont& font, const QColor& ink) {
    const QRect picture = box.adjusted(0, 0, 0, showsProgress(attachment) ? -(kBar + 2) : 0);
    const QImage image = thumbnailAt(attachment.value(AttachmentState::kThumbPath).toString());
    if (image.isNull()) {
        QColor shade = ink;
        shade.setAlphaF(0.12f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(shade);
        painter->drawRoundedRect(picture, kPad, kPad);
        painter->setPen(ink);
        painter->setFont(font);
        painter->drawText(picture, Qt::AlignCenter, AttachmentTexts::tr("Photo"));
    } else {
        QPainterPath clip;
        clip.addRoundedRect(picture, kPad, kPad);
        painter->save();
        painter->setClipPath(clip);
        painter->drawImage(picture, image);
        painter->restore();
    }
    if (showsProgress(attachment)) {
        paintProgress(painter, box, attachment, ink);
    }
}

void paintCard(QPainter* painter, const QRect& box, const QVariantMap& attachment,
               const QFont& font, const QColor& ink) {
    QColor shade = ink;
    shade.setAlphaF(0.12f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(shade);
    painter->drawRoundedRect(box, kPad, kPad);
    const QRect badge(box.left() + kPad, box.top() + kPad, kBadge, kBadge);
    painter->setBrush(ink);
    painter->drawRoundedRect(badge, kPad / 2.0, kPad / 2.0);
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.8);
    small.setBold(true);
    painter->setFont(small);
    painter->setPen(ink.lightness() > 128 ? QColor(Qt::black) : QColor(Qt::white));
    painter->drawText(badge, Qt::AlignCenter, badgeText(attachment));
    const int textLeft = badge.right() + 1 + kPad;
    const int textWidth = box.right() - kPad - textLeft;
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    painter->setPen(ink);
    painter->setFont(bold);
    painter->drawText(QRect(textLeft, badge.top(), textWidth, boldMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(attachment.value(AttachmentState::kName).toString(),
                                             Qt::ElideMiddle, textWidth));
    QFont detailFont = font;
    detailFont.setPointSizeF(font.pointSizeF() * 0.85);
    QColor detailInk = ink;
    detailInk.setAlphaF(0.75f);
    painter->setPen(detailInk);
    painter->setFont(detailFont);
    painter->drawText(
        QRect(textLeft, badge.top() + boldMetrics.height() + 2, textWidth,
              QFontMetrics(detailFont).height()),
        Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(detailFont).elidedText(cardDetail(attachment), Qt::ElideRight, textWidth));
    if (showsProgress(attachment)) {
        paintProgress(painter, box.adjusted(kPad, 0, -kPad, -kPad / 2), attachment, ink);
    }
}

}  // namespace

QString humanSize(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QImage thumbnailAt(const QString& path) {
    static QCache<QString, QImage> decoded(kThumbnailsKept);
    if (path.isEmpty()) {
        return {};
    }
    if (const QImage* image = decoded.object(path)) {
        return *image;
    }
    const QImage image = decodeImageSafely(path, kMaxThumbnailPixels);
    if (!image.isNull()) {
        decoded.insert(path, new QImage(image));
    }
    return image;
}

QSize attachmentBoxSize(const QVariantMap& attachment, const QFont& font, int maxWidth) {
    if (attachment.isEmpty()) {
        return {};
    }
    const int progress = showsProgress(attachment) ? kBar + 2 : 0;
    if (isPhoto(attachment)) {
        const int side = qMin(kPhotoMaxSide, maxWidth);
        const QImage image = thumbnailAt(attachment.value(AttachmentState::kThumbPath).toString());
        if (image.isNull()) {
            return {side, qMin(side, kPlaceholderHeight) + progress};
        }
        return image.size().scaled(side, side, Qt::KeepAspectRatio) + QSize(0, progress);
    }
    const int lines = QFontMetrics(font).height() * 2 + 2;
    return {qMin(kFileCardWidth, maxWidth), qMax(kBadge, lines) + 2 * kPad + progress};
}

void paintAttachment(QPainter* painter, const QRect& box, const QVariantMap& attachment,
                     const QFont& font, const QColor& ink) {
    if (attachment.isEmpty() || box.isEmpty()) {
        return;
    }
    if (isPhoto(attachment)) {
        paintPhoto(painter, box, attachment, font, ink);
    } else {
        paintCard(painter, box, attachment, font, ink);
    }
}

}  // namespace natter
