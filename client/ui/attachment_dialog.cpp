#include "ui/attachment_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "protocol_limits.h"
#include "ui/attachment_painter.h"
#include "ui/message_label.h"

namespace natter {

AttachmentDialog::AttachmentDialog(const PreparedAttachment& attachment, QWidget* parent)
    : QDialog(parent), attachment_(attachment) {
    setObjectName(QStringLiteral("attachmentDialog"));
    const bool photo = attachment.type == QStringLiteral("photo");
    setWindowTitle(photo ? tr("Send a photo") : tr("Send a file"));
    auto* preview = new QLabel(this);
    preview->setObjectName(QStringLiteral("attachmentPreview"));
    preview->setAlignment(Qt::AlignCenter);
    if (photo) {
        preview->setPixmap(QPixmap::fromImage(attachment.preview.scaled(
            QSize(kPreviewSide, kPreviewSide).boundedTo(attachment.preview.size()),
            Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    } else {
        //: the file card in the send dialog: %1 the file's name, %2 its size
        preview->setText(
            tr("<b>%1</b><br>%2").arg(attachment.name.toHtmlEscaped(), humanSize(attachment.size)));
    }
    caption_ = new QLineEdit(this);
    caption_->setObjectName(QStringLiteral("attachmentCaption"));
    caption_->setPlaceholderText(tr("Add a caption (optional)"));
    caption_->setMaxLength(limits::kMessageBodyMaxChars);
    auto* error = createMessageLabel(MessageStyle::Error, QStringLiteral("attachmentError"), this);
    setMessage(error, attachment.error);
    auto* buttons = new QDialogButtonBox(this);
    send_ = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    send_->setObjectName(QStringLiteral("attachmentSend"));
    send_->setEnabled(attachment.error.isEmpty());
    send_->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(preview, 1);
    layout->addWidget(caption_);
    layout->addWidget(error);
    layout->addWidget(buttons);
}

QString AttachmentDialog::caption() const {
    return caption_->text().trimmed();
}

}  // namespace natter
