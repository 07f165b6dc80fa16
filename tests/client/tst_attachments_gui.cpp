// Photos and files between two desktop apps on the real server (docs/protocol.md 5.8): Ann
// attaches a PNG (through the same entry point as a drop or a paste), sends it from the preview
// dialog with a caption, then a text file; Bob's window shows the photo from its thumbnail and a
// card with the file's name, and a click on the photo opens the viewer with the full picture.
// Without a server: a decompression bomb and a corrupt file are refused by the decoder, and a
// photo goes out without its EXIF block. Screenshots of both bubbles, light and dark.
#include <QCryptographicHash>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include "core/app_settings.h"
#include "core/chat_client.h"
#include "core/profile.h"
#include "file_test_support.h"
#include "gui_test_support.h"
#include "models/attachment_state.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "protocol_limits.h"
#include "ui/attachment_controller.h"
#include "ui/attachment_dialog.h"
#include "ui/attachment_image.h"
#include "ui/attachment_painter.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/image_viewer.h"
#include "ui/main_window.h"
#include "ui/message_delegate.h"

using namespace natter;
using namespace natter::test;

namespace {

const QString kCaption = QStringLiteral("The harbour at dusk");

ConversationView* viewOf(AppController& app) {
    return app.mainWindow()->conversationsPage()->conversationView();
}

// The first row whose attachment is of `type`; -1 when none.
int attachmentRow(const MessageListModel* model, const QString& type) {
    for (int row = 0; row < model->rowCount(); ++row) {
        const QVariantMap attachment =
            model->index(row).data(MessageListModel::AttachmentRole).toMap();
        if (attachment.value(AttachmentState::kType).toString() == type) {
            return row;
        }
    }
    return -1;
}

QVariantMap attachmentAt(const MessageListModel* model, int row) {
    return row < 0 ? QVariantMap()
                   : model->index(row).data(MessageListModel::AttachmentRole).toMap();
}

// A picture with something to see: bands of colour and a diagonal.
QImage testPicture() {
    QImage image(800, 600, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            image.setPixel(x, y, qRgb(x * 255 / 800, y * 255 / 600, (x + y) % 256 < 16 ? 255 : 90));
        }
    }
    return image;
}

quint32 crc32(const QByteArray& bytes) {
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : bytes) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

QByteArray bigEndian(quint32 value) {
    QByteArray bytes(4, '\0');
    qToBigEndian(value, bytes.data());
    return bytes;
}

// A few dozen bytes of PNG whose header declares 50000 x 50000 pixels (10 GB decoded).
QByteArray decompressionBomb() {
    QByteArray ihdr = QByteArrayLiteral("IHDR") + bigEndian(50'000) + bigEndian(50'000);
    ihdr.append(QByteArray::fromHex("0806000000"));  // 8 bit RGBA, no interlace
    QByteArray png = QByteArray::fromHex("89504E470D0A1A0A");
    png += bigEndian(13) + ihdr + bigEndian(crc32(ihdr));
    const QByteArray idat = QByteArrayLiteral("IDAT") + QByteArray::fromHex("789C030000000001");
    png += bigEndian(8) + idat + bigEndian(crc32(idat));
    return png;
}

}  // namespace

class TestAttachmentsGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void cleanup() {
        ann_.reset();
        bob_.reset();
    }

    // A header that declares a huge picture is refused before a pixel is decoded; a corrupt
    // file too; both without a crash, and the chat's thumbnail cache shows nothing for them.
    void decoderRefusesBombsAndCorruptImages() {
        QTemporaryDir dir;
        const QString bomb = dir.filePath(QStringLiteral("bomb.png"));
        QVERIFY(writeFile(bomb, decompressionBomb()));
        QString error;
        QVERIFY(decodeImageSafely(bomb, kMaxPhotoPixels, &error).isNull());
        QVERIFY(!error.isEmpty());
        QVERIFY(thumbnailAt(bomb).isNull());
        const QString corrupt = dir.filePath(QStringLiteral("thumb.jpg"));
        QVERIFY(writeFile(corrupt,
                          QByteArray::fromHex("FFD8FFE000104A464946") + QByteArray(500, '\x5a')));
        error.clear();
        QVERIFY(decodeImageSafely(corrupt, kMaxThumbnailPixels, &error).isNull());
        QVERIFY(!error.isEmpty());
        QVERIFY(thumbnailAt(corrupt).isNull());
    }

    // A JPEG with an EXIF block (where cameras put the GPS position): with the setting on, what
    // is uploaded is a re-encoded copy without it; off, the original goes. The thumbnail fits.
    void photosGoWithoutTheirExifBlock() {
        QTemporaryDir dir;
        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && testPicture().save(&buffer, "JPEG", 90));
        const QByteArray marker = QByteArrayLiteral("NATTER-GPS-48.8584N-2.2945E");
        const QByteArray exif = QByteArray("Exif\0\0", 6) + marker;
        jpeg.insert(2, QByteArray::fromHex("FFE1") + QByteArray(1, char((exif.size() + 2) >> 8)) +
                           QByteArray(1, char((exif.size() + 2) & 0xFF)) + exif);
        const QString path = dir.filePath(QStringLiteral("camera.jpg"));
        QVERIFY(writeFile(path, jpeg));

        const PreparedAttachment stripped = prepareAttachment(path, dir.path(), true);
        QCOMPARE(stripped.type, QStringLiteral("photo"));
        QVERIFY(stripped.error.isEmpty());
        QVERIFY(stripped.uploadPath != path);
        QVERIFY(readFile(path).contains(marker));
        QVERIFY(!readFile(stripped.uploadPath).contains(marker));
        QVERIFY(!readFile(stripped.uploadPath).contains("Exif"));
        const QByteArray thumbnail = readFile(stripped.thumbnailPath);
        QVERIFY(!thumbnail.isEmpty() && thumbnail.size() <= limits::kThumbnailMaxBytes);
        const QImage small = QImage::fromData(thumbnail);
        QCOMPARE(qMax(small.width(), small.height()), kThumbnailLongSide);
        QVERIFY(!thumbnail.contains(marker));

        const PreparedAttachment kept = prepareAttachment(path, dir.path(), false);
        QCOMPARE(kept.uploadPath, path);
        // The type comes from the content, not the name.
        const QString disguised = dir.filePath(QStringLiteral("holiday.txt"));
        QVERIFY(writeFile(disguised, jpeg));
        QCOMPARE(prepareAttachment(disguised, dir.path(), true).type, QStringLiteral("photo"));
    }

    void photoAndFileReachTheOtherApp() {
        const QString annName = registerOnPhone(server_.url(), QStringLiteral("ann"));
        const QString bobName = registerOnPhone(server_.url(), QStringLiteral("bob"));
        QVERIFY(startSignedInApp(annProfile_, ann_, server_.url(), annName));
        QVERIFY(startSignedInApp(bobProfile_, bob_, server_.url(), bobName));
        const UserInfo bob = bob_->accountClient()->account()->user;
        ann_->chatClient()->sendTextToUser(bob, QStringLiteral("Pictures from today"));
        QTRY_VERIFY_WITH_TIMEOUT(ann_->chatClient()->privateConversationWith(bob.id).has_value(),
                                 kServerWaitMs);
        const QString chat = *ann_->chatClient()->privateConversationWith(bob.id);
        ann_->mainWindow()->conversationsPage()->openConversation(chat);
        QTRY_VERIFY_WITH_TIMEOUT(bob_->chatClient()->conversation(chat).has_value(), kServerWaitMs);
        bob_->mainWindow()->conversationsPage()->openConversation(chat);

        QTemporaryDir dir;
        const QString picture = dir.filePath(QStringLiteral("harbour.png"));
        QVERIFY(testPicture().save(picture, "PNG"));
        QVERIFY(sendThroughDialog(picture, kCaption));
        const QString notes = dir.filePath(QStringLiteral("packing list.txt"));
        QVERIFY(writeFile(notes, QByteArrayLiteral("towels\nsun cream\nbooks\n")));
        QVERIFY(sendThroughDialog(notes, {}));

        MessageListModel* bobRows = viewOf(*bob_)->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            !attachmentAt(bobRows, attachmentRow(bobRows, QStringLiteral("photo")))
                 .value(AttachmentState::kThumbPath)
                 .toString()
                 .isEmpty(),
            kServerWaitMs);
        const int photoRow = attachmentRow(bobRows, QStringLiteral("photo"));
        const QVariantMap photo = attachmentAt(bobRows, photoRow);
        QCOMPARE(photo.value(AttachmentState::kCaption).toString(), kCaption);
        QCOMPARE(photo.value(AttachmentState::kName).toString(), QStringLiteral("harbour.png"));
        const QImage thumbnail = thumbnailAt(photo.value(AttachmentState::kThumbPath).toString());
        QCOMPARE(thumbnail.size(), QSize(320, 240));
        QListView* list = viewOf(*bob_)->messageView();
        // The bubble makes room for the photo (scaled to kPhotoMaxSide) and the caption.
        QVERIFY(list->visualRect(bobRows->index(photoRow)).height() > kPhotoMaxSide * 3 / 4);

        QTRY_VERIFY_WITH_TIMEOUT(attachmentRow(bobRows, QStringLiteral("file")) >= 0,
                                 kServerWaitMs);
        const QVariantMap file =
            attachmentAt(bobRows, attachmentRow(bobRows, QStringLiteral("file")));
        QCOMPARE(file.value(AttachmentState::kName).toString(), QStringLiteral("packing list.txt"));
        QCOMPARE(file.value(AttachmentState::kSize).toLongLong(), qint64(23));
        shootRows(*bob_, {photoRow, attachmentRow(bobRows, QStringLiteral("file"))},
                  QStringLiteral("attachments-bob"));
        MessageListModel* annRows = viewOf(*ann_)->model();
        QTRY_VERIFY_WITH_TIMEOUT(
            annRows->index(attachmentRow(annRows, QStringLiteral("file")))
                    .data(MessageListModel::DeliveryRole) == int(Delivery::Sent),
            kServerWaitMs);
        // The copies made for sending (the photo without metadata, its thumbnail) are gone
        // once the messages are stored; Ann's own files stay.
        QTRY_VERIFY(
            QDir(ann_->chatClient()->outgoingFilesDirectory()).entryList(QDir::Files).isEmpty());
        QVERIFY(QFile::exists(picture) && QFile::exists(notes));
        // The chat list's line names the file.
        QCOMPARE(column(ann_->mainWindow()->conversationsPage()->conversationModel(),
                        ConversationListModel::PreviewRole),
                 QStringList{QStringLiteral("You: \U0001F4CE packing list.txt")});
        shootRows(*ann_,
                  {attachmentRow(annRows, QStringLiteral("photo")),
                   attachmentRow(annRows, QStringLiteral("file"))},
                  QStringLiteral("attachments-ann"));

        // A click on the photo opens the viewer, which fetches and shows the full picture.
        QVERIFY(clickOnAttachment(list, photoRow));
        QTRY_VERIFY(viewOf(*bob_)->attachments()->viewer() != nullptr);
        ImageViewer* viewer = viewOf(*bob_)->attachments()->viewer();
        QVERIFY(viewer->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!bob_->chatClient()
                                      ->cachedFile(photo.value(AttachmentState::kRef).toString(),
                                                   photo.value(AttachmentState::kSize).toLongLong())
                                      .isEmpty(),
                                 kServerWaitMs);
        QTRY_VERIFY(!viewer->findChild<QLabel*>(QStringLiteral("imageViewerNote"))->isVisible());
        saveScreenshot(viewer, QStringLiteral("attachments-viewer.png"));
        QTest::keyClick(viewer, Qt::Key_Escape);
        QTRY_VERIFY(viewOf(*bob_)->attachments()->viewer() == nullptr);
    }

private:
    // Ann attaches `path` as a drop would, writes the caption and presses Send.
    [[nodiscard]] bool sendThroughDialog(const QString& path, const QString& caption) {
        ConversationView* view = viewOf(*ann_);
        if (!view->attachFile(path)) {
            return false;
        }
        AttachmentDialog* dialog = view->attachments()->dialog();
        if (dialog == nullptr || !QTest::qWaitForWindowExposed(dialog)) {
            return false;
        }
        saveScreenshot(dialog, QFileInfo(path).suffix() + QStringLiteral("-preview-dialog.png"));
        dialog->captionEdit()->setText(caption);
        QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
        return QTest::qWaitFor([&] { return view->attachments()->dialog() == nullptr; });
    }

    // Clicks the photo (or card) of `row`, where the delegate has it.
    [[nodiscard]] static bool clickOnAttachment(QListView* list, int row) {
        const QModelIndex index = list->model()->index(row, 0);
        list->scrollTo(index);
        const auto* delegate = qobject_cast<const MessageDelegate*>(list->itemDelegate());
        const QRect rect = list->visualRect(index);
        for (int y = rect.top(); y < rect.bottom(); y += 4) {
            for (int x = rect.left(); x < rect.right(); x += 8) {
                if (delegate->hitAt({x, y}).kind == MessageDelegate::Hit::Kind::Attachment) {
                    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, {x, y});
                    return true;
                }
            }
        }
        return false;
    }

    // The rows of `app`'s chat, each on its own, in the light and the dark theme.
    void shootRows(AppController& app, const QList<int>& rows, const QString& name) {
        QListView* list = viewOf(app)->messageView();
        for (const auto theme : {AppSettings::Theme::Light, AppSettings::Theme::Dark}) {
            app.appSettings()->setTheme(theme);
            const QString suffix = theme == AppSettings::Theme::Dark ? QStringLiteral("-dark")
                                                                     : QStringLiteral("-light");
            for (const int row : rows) {
                list->scrollTo(list->model()->index(row, 0));
                QCoreApplication::processEvents();
                const QRect rect = list->visualRect(list->model()->index(row, 0));
                const QString dir = qEnvironmentVariable("NATTER_TEST_ARTIFACTS");
                QVERIFY(QDir().mkpath(dir));
                QVERIFY(list->viewport()->grab(rect).save(QDir(dir).filePath(
                    name + QStringLiteral("-row%1").arg(row) + suffix + QStringLiteral(".png"))));
            }
            saveScreenshot(app.mainWindow(), name + suffix + QStringLiteral(".png"));
        }
        app.appSettings()->setTheme(AppSettings::Theme::Light);
    }

    std::unique_ptr<Profile> annProfile_;
    std::unique_ptr<Profile> bobProfile_;
    std::unique_ptr<AppController> ann_;
    std::unique_ptr<AppController> bob_;
};

QTEST_MAIN(TestAttachmentsGui)
#include "tst_attachments_gui.moc"
