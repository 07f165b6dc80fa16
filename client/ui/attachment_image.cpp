#include "ui/attachment_image.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QMimeDatabase>
#include <QPainter>
#include <QUuid>

#include "protocol_limits.h"

namespace natter {
namespace {

// The messages of this file, for the preview dialog.
class AttachmentTexts {
    Q_DECLARE_TR_FUNCTIONS(AttachmentTexts)
};

// An image flattened on white: a JPEG has no transparency, and black behind a logo looks wrong.
QImage onWhite(const QImage& image) {
    if (!image.hasAlphaChannel()) {
        return image;
    }
    QImage flat(image.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter painter(&flat);
    painter.drawImage(0, 0, image);
    return flat;
}

QString newOutgoingName(const QString& dir, const QString& suffix) {
    return QDir(dir).filePath(QUuid::createUuid().toString(QUuid::Id128) + suffix);
}

// Re-encodes the photo. Qt's image writers write pixels only: the EXIF block (GPS position,
// camera, time) and every other metadata segment of the original is not carried over, so the
// copy tells nothing about where the photo was taken. GIFs keep their bytes (an animation would
// be lost and the format has no location field).
QString strippedCopy(const QString& path, const QImage& image, const QString& mime,
                     const QString& outgoingDir) {
    if (mime == QStringLiteral("image/gif")) {
        return path;
    }
    const bool jpeg = mime == QStringLiteral("image/jpeg");
    const QString copy =
        newOutgoingName(outgoingDir, jpeg ? QStringLiteral(".jpg") : QStringLiteral(".png"));
    QImageWriter writer(copy, jpeg ? "jpeg" : "png");
    if (jpeg) {
        writer.setQuality(92);
    }
    return writer.write(image) ? copy : QString();
}

}  // namespace

QImage decodeImageSafely(const QString& path, qint64 maxPixels, QString* error) {
    QImageReader reader(path);
    reader.setAllocationLimit(kImageAllocationLimitMiB);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    const auto refuse = [error](const QString& why) {
        if (error != nullptr) {
            *error = why;
        }
        return QImage();
    };
    if (!size.isValid() || size.isEmpty()) {
        return refuse(AttachmentTexts::tr("This is not an image this app can show."));
    }
    if (qint64(size.width()) * size.height() > maxPixels) {
        return refuse(AttachmentTexts::tr("This image is too large to show."));
    }
    QImage image = reader.read();
    if (image.isNull()) {
        return refuse(AttachmentTexts::tr("This image is damaged."));
    }
    return image;
}

QByteArray makeThumbnail(const QImage& image) {
    if (image.isNull()) {
        return {};
    }
    QImage small = image;
    if (qMax(image.width(), image.height()) > kThumbnailLongSide) {
        small = image.scaled(kThumbnailLongSide, kThumbnailLongSide, Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    }
    small = onWhite(small);
    for (const int quality : kThumbnailQualities) {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (small.save(&buffer, "JPEG", quality) && bytes.size() <= limits::kThumbnailMaxBytes) {
            return bytes;
        }
    }
    return {};
}

QString attachmentTypeOf(const QString& mime) {
    if (mime.startsWith(QStringLiteral("image/"))) {
        return QStringLiteral("photo");
    }
    if (mime.startsWith(QStringLiteral("audio/"))) {
        return QStringLiteral("audio");
    }
    if (mime.startsWith(QStringLiteral("video/"))) {
        return QStringLiteral("video");
    }
    return QStringLiteral("file");
}

PreparedAttachment prepareAttachment(const QString& path, const QString& outgoingDir,
                                     bool stripLocation) {
    PreparedAttachment prepared;
    const QFileInfo info(path);
    prepared.name = info.fileName();
    prepared.uploadPath = path;
    prepared.size = info.size();
    prepared.mime = QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchContent).name();
    prepared.type = attachmentTypeOf(prepared.mime);
    if (!info.isFile() || !info.isReadable()) {
        prepared.error = AttachmentTexts::tr("This file cannot be read.");
        return prepared;
    }
    if (prepared.size <= 0 || prepared.size > limits::kMaxFileBytes) {
        prepared.error = prepared.size <= 0
                             ? AttachmentTexts::tr("This file is empty.")
                             : AttachmentTexts::tr("This file is too large to send.");
        return prepared;
    }
    if (prepared.type != QStringLiteral("photo")) {
        return prepared;
    }
    prepared.preview = decodeImageSafely(path, kMaxPhotoPixels);
    if (prepared.preview.isNull()) {
        prepared.type = QStringLiteral("file");  // an image this app cannot read goes as a file
        return prepared;
    }
    if (stripLocation) {
        const QString copy = strippedCopy(path, prepared.preview, prepared.mime, outgoingDir);
        if (copy.isEmpty()) {
            prepared.error = AttachmentTexts::tr("The photo could not be prepared for sending.");
            return prepared;
        }
        prepared.uploadPath = copy;
        prepared.size = QFileInfo(copy).size();
        if (copy != path) {
            prepared.mime = prepared.mime == QStringLiteral("image/jpeg")
                                ? prepared.mime
                                : QStringLiteral("image/png");
        }
    }
    const QByteArray thumbnail = makeThumbnail(prepared.preview);
    if (!thumbnail.isEmpty()) {
        QFile file(newOutgoingName(outgoingDir, QStringLiteral("-thumb.jpg")));
        if (file.open(QIODevice::WriteOnly) && file.write(thumbnail) == thumbnail.size()) {
            prepared.thumbnailPath = file.fileName();
        }
    }
    return prepared;
}

}  // namespace natter
