#include "message_rules.h"

#include <QJsonDocument>

#include "protocol_limits.h"

namespace natter {
namespace {

const QString kText = QStringLiteral("text");

bool isBoundedString(const QJsonValue& value, int maxChars) {
    if (!value.isString()) {
        return false;
    }
    const int length = codePointCount(value.toString());
    return length >= 1 && length <= maxChars;
}

std::optional<ProtocolError> checkAttachmentMeta(const std::optional<QJsonObject>& meta) {
    const auto bad = [](const QString& why) {
        return ProtocolError::invalidParam(QStringLiteral("meta"), why);
    };
    if (!meta) {
        return bad(QStringLiteral("Attachments need meta {ref, name, size, mime}."));
    }
    const QJsonValue size = meta->value(QStringLiteral("size"));
    const bool fits =
        isBoundedString(meta->value(QStringLiteral("ref")), limits::kAttachmentRefMaxChars) &&
        isBoundedString(meta->value(QStringLiteral("name")), limits::kAttachmentNameMaxChars) &&
        isBoundedString(meta->value(QStringLiteral("mime")), limits::kAttachmentMimeMaxChars) &&
        size.isDouble() && size.toDouble() >= 0 &&
        size.toDouble() == double(qint64(size.toDouble()));
    if (!fits) {
        return bad(
            QStringLiteral("meta must be {ref: 1-512 chars, name: 1-255 chars, size: integer "
                           ">= 0, mime: 1-127 chars}."));
    }
    if (QJsonDocument(*meta).toJson(QJsonDocument::Compact).size() > limits::kMessageMetaMaxBytes) {
        return bad(
            QStringLiteral("meta must be at most %1 bytes.").arg(limits::kMessageMetaMaxBytes));
    }
    return std::nullopt;
}

ProtocolError bodyTooLong() {
    return ProtocolError::invalidParam(
        QStringLiteral("body"),
        QStringLiteral("body must be at most %1 characters.").arg(limits::kMessageBodyMaxChars));
}

}  // namespace

bool isClientMessageType(const QString& type) {
    static const QStringList kTypes{kText, QStringLiteral("photo"), QStringLiteral("video"),
                                    QStringLiteral("audio"), QStringLiteral("file")};
    return kTypes.contains(type);
}

std::optional<ProtocolError> checkMessageContent(const MessageContent& content) {
    if (!isClientMessageType(content.type)) {
        return ProtocolError::invalidParam(
            QStringLiteral("type"),
            QStringLiteral("type must be text, photo, video, audio or file."));
    }
    if (content.type == kText) {
        if (auto bad = checkTextBody(content.body)) {
            return bad;
        }
        if (content.meta) {
            return ProtocolError::invalidParam(QStringLiteral("meta"),
                                               QStringLiteral("A text message has no meta."));
        }
        return std::nullopt;
    }
    if (codePointCount(content.body) > limits::kMessageBodyMaxChars) {
        return bodyTooLong();
    }
    return checkAttachmentMeta(content.meta);
}

std::optional<ProtocolError> checkTextBody(const QString& body) {
    if (codePointCount(body) > limits::kMessageBodyMaxChars) {
        return bodyTooLong();
    }
    if (body.trimmed().isEmpty()) {
        return ProtocolError::invalidParam(QStringLiteral("body"),
                                           QStringLiteral("A text message needs a body."));
    }
    return std::nullopt;
}

QString replyPreviewOf(const QString& body) {
    const QList<uint> codePoints = body.toUcs4();
    if (codePoints.size() <= limits::kReplyPreviewMaxChars) {
        return body;
    }
    return QString::fromUcs4(reinterpret_cast<const char32_t*>(codePoints.constData()),
                             limits::kReplyPreviewMaxChars);
}

const QStringList& reactionEmoji() {
    // 👍 ❤️ 😂 😮 😢 🙏 (the heart with its emoji variation selector, as keyboards send
    // it).
    static const QStringList kReactionEmoji{
        QStringLiteral("\U0001F44D"), QStringLiteral("\u2764\uFE0F"), QStringLiteral("\U0001F602"),
        QStringLiteral("\U0001F62E"), QStringLiteral("\U0001F622"),   QStringLiteral("\U0001F64F")};
    return kReactionEmoji;
}

FieldCheck checkClientMessageId(const QString& raw) {
    const int length = codePointCount(raw);  // characters, as every limit counts them
    if (length < 1 || length > limits::kClientMessageIdMaxChars) {
        return {raw, QStringLiteral("client_message_id must be 1-%1 characters.")
                         .arg(limits::kClientMessageIdMaxChars)};
    }
    return {raw, {}};
}

FieldCheck checkGroupName(const QString& raw) {
    return checkLabel(raw, QStringLiteral("name"), limits::kGroupNameMaxChars);
}

}  // namespace natter
