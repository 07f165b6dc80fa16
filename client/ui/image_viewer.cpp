#include "ui/image_viewer.h"

#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace natter {

ImageViewer::ImageViewer(const QString& title, QWidget* parent) : QWidget(parent, Qt::Window) {
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("imageViewer"));
    //: the title of the photo viewer window; %1 is the photo's file name
    setWindowTitle(tr("%1 \u2013 Photo").arg(title));
    picture_ = new QLabel(this);
    picture_->setAlignment(Qt::AlignCenter);
    scroll_ = new QScrollArea(this);
    scroll_->setWidget(picture_);
    scroll_->setAlignment(Qt::AlignCenter);
    scroll_->setWidgetResizable(false);
    scroll_->viewport()->installEventFilter(this);
    note_ = new QLabel(this);
    note_->setAlignment(Qt::AlignCenter);
    note_->setObjectName(QStringLiteral("imageViewerNote"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll_, 1);
    layout->addWidget(note_);
    resize(800, 600);
}

void ImageViewer::showImage(const QImage& image) {
    image_ = image;
    note_->clear();
    note_->hide();
    render();
}

void ImageViewer::showNote(const QString& note) {
    note_->setText(note);
    note_->setVisible(!note.isEmpty());
}

void ImageViewer::zoomBy(double factor) {
    if (fit_ && !image_.isNull()) {
        zoom_ = double(picture_->pixmap().width()) / image_.width();
    }
    fit_ = false;
    zoom_ = qBound(kMinZoom, zoom_ * factor, kMaxZoom);
    render();
}

void ImageViewer::fitToWindow() {
    fit_ = true;
    render();
}

void ImageViewer::render() {
    if (image_.isNull()) {
        return;
    }
    QSize size = image_.size() * zoom_;
    if (fit_) {
        const QSize room = scroll_->viewport()->size();
        size = image_.size();
        if (!room.isEmpty() && (size.width() > room.width() || size.height() > room.height())) {
            size = image_.size().scaled(room, Qt::KeepAspectRatio);
        }
    }
    picture_->setPixmap(QPixmap::fromImage(
        image_.scaled(size.expandedTo({1, 1}), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    picture_->resize(picture_->pixmap().size());
}

void ImageViewer::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Escape:
            close();
            return;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomBy(kZoomStep);
            return;
        case Qt::Key_Minus:
            zoomBy(1.0 / kZoomStep);
            return;
        case Qt::Key_0:
            fitToWindow();
            return;
        default:
            QWidget::keyPressEvent(event);
    }
}

void ImageViewer::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (fit_) {
        render();
    }
}

// Ctrl+wheel zooms; the wheel alone scrolls.
bool ImageViewer::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Wheel) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            zoomBy(wheel->angleDelta().y() > 0 ? kZoomStep : 1.0 / kZoomStep);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace natter
