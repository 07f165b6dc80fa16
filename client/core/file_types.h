// The values the client's file transfers (docs/protocol.md 5.8) pass around.
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include "core/request_failure.h"

namespace natter {

// A finished upload, as files.upload_finish names it.
struct FileRef {
    QString ref;
    qint64 size = 0;
    QString mime;
    QString sha256;
};

FileRef fileRefFromJson(const QJsonObject& file);

// What went wrong with a transfer, in plain words.
class FileMessages {
    Q_DECLARE_TR_FUNCTIONS(FileMessages)

public:
    static QString forFailure(const RequestFailure& failure);
    static QString unreadable(const QString& path);
    static QString unwritable(const QString& path);
    static QString emptyFile();
    static QString tooLarge();
    static QString wrongSize();
};

// An attachment of a message (docs/protocol.md 5.2 `meta` of photo, video, audio, file).
struct AttachmentMeta {
    QString ref;
    QString thumbRef;
    QString name;
    qint64 size = 0;
    QString mime;
    // This device's copies while its message is unsent (never sent to the server).
    QString localPath;
    QString localThumb;

    bool isUploaded() const { return !ref.isEmpty(); }
    static AttachmentMeta fromJson(const QJsonObject& meta);
    // With the local paths (what the outbox and its cache keep) or without (what goes out).
    QJsonObject toJson(bool withLocalPaths) const;
};

// The attachment types of docs/protocol.md 5.2.
bool isAttachmentType(const QString& type);

}  // namespace natter

Q_DECLARE_METATYPE(natter::FileRef)
