// Attachments in one conversation view: picking a file (the composer's paper clip), dropping
// files on the chat or pasting an image all lead to attachFile() / attachImage(), which prepares
// the file (type by content, thumbnail, a copy without location data), shows the preview dialog
// and sends on Send. A click on a photo opens the viewer (which downloads the full photo); a
// click on a file card offers Open, Save as… and, while it moves, Cancel.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QAbstractButton;
class QListView;
class QMimeData;
class QWidget;

namespace natter {

class AppSettings;
class AttachmentDialog;
class ChatActions;
class ImageViewer;
class MessageListModel;

class AttachmentController : public QObject {
    Q_OBJECT

public:
    // `dropTarget` takes drops of files and images; `pasteTarget` (the composer's editor)
    // pastes images from the clipboard.
    AttachmentController(ChatActions* chat, QListView* view, MessageListModel* model,
                         QWidget* dropTarget, QWidget* pasteTarget);

    // The user's "Remove location data from photos" (on when there are no settings).
    void setSettings(const AppSettings* settings);
    void setConversation(const QString& conversationId) { conversationId_ = conversationId; }

    // The file dialog of the paper-clip button.
    void pickFile();
    // Shows the preview dialog for `path` (also for drops); false when nothing can be attached
    // here (no conversation yet).
    bool attachFile(const QString& path);
    // A pasted image: saved as PNG in the outgoing folder, then like a file.
    bool attachImage(const QImage& image);
    // The preview dialog while it is open (tests press its Send).
    AttachmentDialog* dialog() const;
    ImageViewer* viewer() const;
    // What a click on the attachment of `row` does.
    void activate(int row);

signals:
    // Something could not be attached or sent, in plain words.
    void problem(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onClick(const QPoint& position);
    bool acceptsDrop(const QMimeData* mime) const;
    void drop(const QMimeData* mime);
    void send();
    void openPhoto(int row);
    void showFileMenu(int row);
    void openFile(const QString& ref, qint64 size, const QString& name, const QString& saveTo);
    void onDownloaded(const QString& ref, const QString& path);

    ChatActions* chat_;
    QListView* view_;
    MessageListModel* model_;
    QString conversationId_;
    QPointer<const AppSettings> settings_;
    QPointer<AttachmentDialog> dialog_;
    QPointer<ImageViewer> viewer_;
    QString viewerRef_;
    // Downloads the user asked for: ref -> where it goes ("" opens it from the cache).
    QHash<QString, QString> wanted_;
};

}  // namespace natter
