// Images of attachments, on this device: decoding them safely (a picture from someone else may
// be corrupt or a decompression bomb: a small file declaring a huge size), making the thumbnail
// a photo message carries, and the copy of a photo that goes out without its metadata.
#pragma once

#include <QImage>
#include <QString>

namespace natter {

// Memory one decoded image may take (QImageReader's allocation limit, MiB).
inline constexpr int kImageAllocationLimitMiB = 128;
// Pixels a photo (viewer) or a thumbnail (in the chat) may have; larger ones are not decoded.
inline constexpr qint64 kMaxPhotoPixels = 40'000'000;
inline constexpr qint64 kMaxThumbnailPixels = 1'000'000;
// The thumbnail this client makes: its longest side, and the JPEG qualities it tries (best
// first) until it fits in kThumbnailMaxBytes.
inline constexpr int kThumbnailLongSide = 320;
inline constexpr int kThumbnailQualities[] = {80, 65, 50, 35};

// The image in `path`, or a null image (and `error` set) when it is not a readable image or
// declares more than `maxPixels` pixels: the size is read from the header before any pixel is.
QImage decodeImageSafely(const QString& path, qint64 maxPixels, QString* error = nullptr);

// The thumbnail of `image` as JPEG bytes (at most kThumbnailMaxBytes); empty when impossible.
QByteArray makeThumbnail(const QImage& image);

// What the user picked, ready to send: the message type (by content, not name), the file that
// is uploaded (the original, or a re-encoded copy), and for photos the thumbnail file.
struct PreparedAttachment {
    QString type;  // photo, video, audio, file
    QString mime;
    QString name;  // the original's file name
    QString uploadPath;
    QString thumbnailPath;  // photos only; empty when none could be made
    qint64 size = 0;
    QImage preview;  // photos: the decoded image (for the preview dialog)
    QString error;   // set when it cannot be sent
};

// "photo" for image/*, "audio", "video", else "file", by the content of the file.
QString attachmentTypeOf(const QString& mime);
// Sniffs, decodes and (for photos) writes the thumbnail and, with `stripLocation`, the copy
// without metadata into `outgoingDir`.
PreparedAttachment prepareAttachment(const QString& path, const QString& outgoingDir,
                                     bool stripLocation);

}  // namespace natter
