#include "file_handlers.h"

#include <QJsonObject>

#include "chat/file_service.h"
#include "handler_support.h"
#include "method_names.h"
#include "protocol_limits.h"
#include "validation.h"

namespace natter::handlers {
namespace {

constexpr qint64 kMaxJsonInteger = qint64(1) << 53;

QString readUploadId(FieldReader& fields) {
    const QString uploadId = fields.readAny(QStringLiteral("upload_id"));
    if (uploadId.size() > limits::kUploadIdChars) {
        fields.fail(ProtocolError::invalidParam(QStringLiteral("upload_id"),
                                                QStringLiteral("upload_id is too long.")));
    }
    return uploadId;
}

qint64 bigEndianOffset(const QByteArray& message) {
    quint64 offset = 0;
    for (int i = limits::kUploadIdChars; i < limits::kUploadChunkHeaderBytes; ++i) {
        offset = (offset << 8) | quint8(message.at(i));
    }
    return offset > quint64(kMaxJsonInteger) ? -1 : qint64(offset);
}

}  // namespace

bool startUpload(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    UploadStartRequest request;
    if (context.request.params.contains(QStringLiteral("upload_id"))) {
        request.uploadId = readUploadId(fields);
    } else {
        request.size = fields.raw().integer(QStringLiteral("size"), -1, 1, kMaxJsonInteger);
        if (request.size < 0) {
            fields.fail(ProtocolError::invalidParam(QStringLiteral("size"),
                                                    QStringLiteral("size is required.")));
        }
        request.sha256 = fields.readAny(QStringLiteral("sha256"));
        if (!isSha256Hex(request.sha256)) {
            fields.fail(ProtocolError::invalidParam(
                QStringLiteral("sha256"),
                QStringLiteral("sha256 must be 64 lowercase hex digits.")));
        }
    }
    return !fields.failed() &&
           post(services.files, [who = *context.identity, request,
                                 r = context.reply](FileService& s) { s.start(who, request, r); });
}

bool finishUpload(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString uploadId = readUploadId(fields);
    return !fields.failed() &&
           post(services.files, [who = *context.identity, uploadId, r = context.reply](
                                    FileService& s) { s.finish(who, uploadId, r); });
}

bool download(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    DownloadRequest request;
    request.ref = fields.readAny(QStringLiteral("ref"));
    request.offset = fields.raw().integer(QStringLiteral("offset"), 0, 0, kMaxJsonInteger);
    request.length =
        fields.raw().optionalInteger(QStringLiteral("length"), 1, limits::kDownloadChunkMaxBytes);
    return !fields.failed() &&
           post(services.files, [who = *context.identity, request, r = context.reply](
                                    FileService& s) { s.download(who, request, r); });
}

void uploadChunk(const Services& services, const Identity& who, const ReplyRef& reply,
                 const QByteArray& message) {
    const qint64 dataBytes = message.size() - limits::kUploadChunkHeaderBytes;
    const QString uploadId = QString::fromLatin1(message.left(limits::kUploadIdChars));
    const qint64 offset = dataBytes > 0 ? bigEndianOffset(message) : -1;
    if (dataBytes <= 0 || dataBytes > limits::kUploadChunkMaxBytes || offset < 0) {
        reply->notify(QString(event::kUploadError),
                      {{QStringLiteral("upload_id"), QJsonValue()},
                       {QStringLiteral("offset"), 0},
                       {QStringLiteral("error"),
                        ProtocolError::of(ErrorCode::InvalidParams,
                                          QStringLiteral("An upload chunk is the 25-byte upload "
                                                         "id, an 8-byte offset and 1 to 65,503 "
                                                         "bytes."))
                            .toJson()}});
        return;
    }
    post(services.files,
         [who, uploadId, offset, bytes = message.mid(limits::kUploadChunkHeaderBytes),
          reply](FileService& s) { s.chunk(who, uploadId, offset, bytes, reply); });
}

}  // namespace natter::handlers
