#include "ui/attachment_controller.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include "core/app_settings.h"
#include "core/chat_actions.h"
#include "models/attachment_state.h"
#include "models/message_list_model.h"
#include "ui/attachment_dialog.h"
#include "ui/attachment_image.h"
#include "ui/attachment_painter.h"
#include "ui/image_viewer.h"
#include "ui/message_delegate.h"

namespace natter {

AttachmentController::AttachmentController(ChatActions* chat, QListView* view,
                                           MessageListModel* model, QWidget* dropTarget,
                                           QWidget* pasteTarget)
    : QObject(view), chat_(chat), view_(view), model_(model) {
    dropTarget->setAcceptDrops(true);
    dropTarget->installEventFilter(this);
    pasteTarget->installEventFilter(this);
    view_->viewport()->installEventFilter(this);
    connect(chat_, &ChatActions::fileDownloaded, this, &AttachmentController::onDownloaded);
    connect(chat_, &ChatActions::fileDownloadFailed, this,
            [this](const QString& ref, const QString& reason) {
                if (wanted_.remove(ref) > 0 || ref == viewerRef_) {
                    emit problem(reason);
                    if (viewer_ && ref == viewerRef_) {
                        viewer_->showNote(reason);
                    }
                }
            });
}

void AttachmentController::setSettings(const AppSettings* settings) {
    settings_ = settings;
}

AttachmentDialog* AttachmentController::dialog() const {
    return dialog_;
}

ImageViewer* AttachmentController::viewer() const {
    return viewer_;
}

void AttachmentController::pickFile() {
    const QString path = QFileDialog::getOpenFileName(view_, tr("Attach a file"));
    if (!path.isEmpty()) {
        attachFile(path);
    }
}

bool AttachmentController::attachFile(const QString& path) {
    const QString outgoing = chat_->outgoingFilesDirectory();
    if (conversationId_.isEmpty() || outgoing.isEmpty()) {
        emit problem(tr("Send a first message before attaching files."));
        return false;
    }
    if (dialog_) {
        dialog_->reject();
    }
    dialog_ = new AttachmentDialog(
        prepareAttachment(path, outgoing, !settings_ || settings_->stripPhotoLocation()), view_);
    dialog_->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog_, &QDialog::accepted, this, &AttachmentController::send);
    dialog_->open();
    return true;
}

bool AttachmentController::attachImage(const QImage& image) {
    const QString outgoing = chat_->outgoingFilesDirectory();
    if (image.isNull() || outgoing.isEmpty()) {
        return false;
    }
    //: the file name of an image pasted from the clipboard
    const QString path = QDir(outgoing).filePath(
        tr("Pasted image") + QLatin1Char(' ') + QUuid::createUuid().toString(QUuid::Id128).left(6) +
        QStringLiteral(".png"));
    return image.save(path, "PNG") && attachFile(path);
}

void AttachmentController::send() {
    if (!dialog_) {
        return;
    }
    const PreparedAttachment& prepared = dialog_->attachment();
    AttachmentMeta meta;
    meta.name = prepared.name;
    meta.size = prepared.size;
    meta.mime = prepared.mime;
    meta.localPath = prepared.uploadPath;
    meta.localThumb = prepared.thumbnailPath;
    if (chat_->sendAttachment(conversationId_, prepared.type, meta, dialog_->caption()).isEmpty()) {
        emit problem(tr("This attachment cannot be sent."));
    }
}

bool AttachmentController::acceptsDrop(const QMimeData* mime) const {
    if (mime == nullptr) {
        return false;
    }
    const QList<QUrl> urls = mime->urls();
    return mime->hasImage() ||
           (urls.size() == 1 && urls.first().isLocalFile());  // one at a time: one preview
}

void AttachmentController::drop(const QMimeData* mime) {
    const QList<QUrl> urls = mime->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        attachFile(urls.first().toLocalFile());
    } else if (mime->hasImage()) {
        attachImage(qvariant_cast<QImage>(mime->imageData()));
    }
}

bool AttachmentController::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            auto* drag = static_cast<QDragMoveEvent*>(event);
            if (acceptsDrop(drag->mimeData())) {
                drag->acceptProposedAction();
                return true;
            }
            break;
        }
        case QEvent::Drop: {
            auto* dropped = static_cast<QDropEvent*>(event);
            if (acceptsDrop(dropped->mimeData())) {
                dropped->acceptProposedAction();
                drop(dropped->mimeData());
                return true;
            }
            break;
        }
        case QEvent::MouseButtonRelease:
            if (watched == view_->viewport() &&
                static_cast<QMouseEvent*>(event)->button() == Qt::LeftButton) {
                onClick(static_cast<QMouseEvent*>(event)->position().toPoint());
            }
            break;
        case QEvent::KeyPress: {
            // Paste of an image (a screenshot): the text box cannot hold it, so it is attached.
            const QMimeData* clip = QGuiApplication::clipboard()->mimeData();
            if (static_cast<QKeyEvent*>(event)->matches(QKeySequence::Paste) && clip != nullptr &&
                clip->hasImage() && !clip->hasText()) {
                attachImage(qvariant_cast<QImage>(clip->imageData()));
                return true;
            }
            break;
        }
        default:
            break;
    }
    return QObject::eventFilter(watched, event);
}

// A click on the photo or card of a message (not elsewhere in its row) opens it.
void AttachmentController::onClick(const QPoint& position) {
    const QModelIndex index = view_->indexAt(position);
    const auto* delegate = qobject_cast<const MessageDelegate*>(view_->itemDelegate());
    if (delegate != nullptr &&
        delegate->hitAt(position).kind == MessageDelegate::Hit::Kind::Attachment) {
        // After the release has been handled: the menu or window must not take it.
        QTimer::singleShot(0, this, [this, row = index.row()] { activate(row); });
    }
}

void AttachmentController::activate(int row) {
    if (row < 0 || row >= model_->rowCount()) {
        return;
    }
    const QVariantMap attachment =
        model_->index(row).data(MessageListModel::AttachmentRole).toMap();
    if (attachment.isEmpty()) {
        return;
    }
    const bool moving = attachment.value(AttachmentState::kTransferring).toBool();
    if (attachment.value(AttachmentState::kType).toString() == QStringLiteral("photo") &&
        !(moving && attachment.value(AttachmentState::kRef).toString().isEmpty())) {
        openPhoto(row);  // an unsent photo still uploading offers Cancel instead
    } else {
        showFileMenu(row);
    }
}

void AttachmentController::openPhoto(int row) {
    const QVariantMap attachment =
        model_->index(row).data(MessageListModel::AttachmentRole).toMap();
    if (viewer_) {
        viewer_->close();
    }
    viewer_ = new ImageViewer(attachment.value(AttachmentState::kName).toString(), view_);
    const QImage thumbnail = thumbnailAt(attachment.value(AttachmentState::kThumbPath).toString());
    if (!thumbnail.isNull()) {
        viewer_->showImage(thumbnail);
    }
    viewer_->show();
    const QString local = attachment.value(AttachmentState::kFilePath).toString();
    viewerRef_ = attachment.value(AttachmentState::kRef).toString();
    if (!local.isEmpty()) {
        onDownloaded(viewerRef_, local);
        return;
    }
    viewer_->showNote(tr("Loading the photo\u2026"));
    chat_->downloadFile(viewerRef_, attachment.value(AttachmentState::kSize).toLongLong(),
                        attachment.value(AttachmentState::kName).toString());
}

void AttachmentController::showFileMenu(int row) {
    const QVariantMap attachment =
        model_->index(row).data(MessageListModel::AttachmentRole).toMap();
    const QString ref = attachment.value(AttachmentState::kRef).toString();
    const QString name = attachment.value(AttachmentState::kName).toString();
    const qint64 size = attachment.value(AttachmentState::kSize).toLongLong();
    QMenu menu(view_);
    if (attachment.value(AttachmentState::kTransferring).toBool()) {
        const QString id = attachment.value(AttachmentState::kProgressId).toString();
        menu.addAction(tr("Cancel"), this, [this, id] {
            wanted_.remove(id);
            chat_->cancelTransfer(id);
        });
    } else if (!ref.isEmpty()) {
        menu.addAction(tr("Open"), this, [=, this] { openFile(ref, size, name, {}); });
        menu.addAction(tr("Save as\u2026"), this, [=, this] {
            const QString target = QFileDialog::getSaveFileName(
                view_, tr("Save the file"), QDir::home().filePath(QFileInfo(name).fileName()));
            if (!target.isEmpty()) {
                openFile(ref, size, name, target);
            }
        });
    }
    menu.exec(QCursor::pos());
}

void AttachmentController::openFile(const QString& ref, qint64 size, const QString& name,
                                    const QString& saveTo) {
    wanted_.insert(ref, saveTo);
    chat_->downloadFile(ref, size, name);  // at once when it is in the cache
}

void AttachmentController::onDownloaded(const QString& ref, const QString& path) {
    if (viewer_ && ref == viewerRef_) {
        QString error;
        const QImage photo = decodeImageSafely(path, kMaxPhotoPixels, &error);
        if (photo.isNull()) {
            viewer_->showNote(error);
        } else {
            viewer_->showImage(photo);
        }
    }
    if (!wanted_.contains(ref)) {
        return;
    }
    const QString saveTo = wanted_.take(ref);
    if (saveTo.isEmpty()) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
        return;
    }
    QFile::remove(saveTo);
    if (!QFile::copy(path, saveTo)) {
        emit problem(tr("Could not save the file to %1.").arg(QDir::toNativeSeparators(saveTo)));
    }
}

}  // namespace natter
