// What the user is about to send: the photo (scaled to fit) or a card with the file's name and
// size, a caption, and Send / Cancel.
#pragma once

#include <QDialog>

#include "ui/attachment_image.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace natter {

class AttachmentDialog : public QDialog {
    Q_OBJECT

public:
    static constexpr int kPreviewSide = 360;

    AttachmentDialog(const PreparedAttachment& attachment, QWidget* parent = nullptr);

    const PreparedAttachment& attachment() const { return attachment_; }
    QString caption() const;
    QPushButton* sendButton() const { return send_; }
    QLineEdit* captionEdit() const { return caption_; }

private:
    PreparedAttachment attachment_;
    QLineEdit* caption_;
    QPushButton* send_;
};

}  // namespace natter
