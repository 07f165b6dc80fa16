// A photo in its own window: it fits the window at first; Ctrl+wheel or + / - zoom, 0 fits
// again, Esc closes. It shows the thumbnail while the full photo downloads.
#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QScrollArea;

namespace natter {

class ImageViewer : public QWidget {
    Q_OBJECT

public:
    static constexpr double kZoomStep = 1.25;
    static constexpr double kMinZoom = 0.05;
    static constexpr double kMaxZoom = 8.0;

    explicit ImageViewer(const QString& title, QWidget* parent = nullptr);

    // The picture to show (the thumbnail first, then the photo); a note while there is none.
    void showImage(const QImage& image);
    void showNote(const QString& note);
    double zoom() const { return zoom_; }
    bool fits() const { return fit_; }
    void zoomBy(double factor);
    void fitToWindow();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void render();

    QScrollArea* scroll_;
    QLabel* picture_;
    QLabel* note_;
    QImage image_;
    double zoom_ = 1.0;
    bool fit_ = true;
};

}  // namespace natter
