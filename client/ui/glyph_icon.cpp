#include "ui/glyph_icon.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QToolButton>

namespace natter {
namespace {

// Lines drawn in a 24×24 box, scaled to the requested size.
void drawGlyph(QPainter* painter, Glyph glyph) {
    switch (glyph) {
        case Glyph::Menu:
            for (const int y : {6, 12, 18}) {
                painter->drawLine(QPointF(4, y), QPointF(20, y));
            }
            break;
        case Glyph::NewChat: {
            // A pencil over a line: "write something new".
            QPainterPath pencil;
            pencil.moveTo(5, 19);
            pencil.lineTo(6, 15);
            pencil.lineTo(16, 5);
            pencil.lineTo(19, 8);
            pencil.lineTo(9, 18);
            pencil.closeSubpath();
            painter->drawPath(pencil);
            painter->drawLine(QPointF(13, 8), QPointF(16, 11));
            break;
        }
        case Glyph::Details:
            painter->drawEllipse(QPointF(12, 12), 9, 9);
            painter->drawLine(QPointF(12, 11), QPointF(12, 17));
            painter->drawPoint(QPointF(12, 7.5));
            break;
        case Glyph::More:
            for (const int y : {6, 12, 18}) {
                painter->drawPoint(QPointF(12, y));
            }
            break;
        case Glyph::Close:
            painter->drawLine(QPointF(6, 6), QPointF(18, 18));
            painter->drawLine(QPointF(18, 6), QPointF(6, 18));
            break;
        case Glyph::Back:  // ←
            painter->drawLine(QPointF(5, 12), QPointF(19, 12));
            painter->drawPolyline(QList<QPointF>{{11, 6}, {5, 12}, {11, 18}});
            break;
    }
}

class GlyphEngine : public QIconEngine {
public:
    explicit GlyphEngine(Glyph glyph) : glyph_(glyph) {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
        const QPalette palette = QGuiApplication::palette();
        const QPalette::ColorGroup group =
            mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active;
        const qreal side = qMin(rect.width(), rect.height());
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->translate(rect.center() - QPointF(side / 2, side / 2) + QPointF(0.5, 0.5));
        painter->scale(side / 24.0, side / 24.0);
        // Dots need a wider pen than lines to be seen.
        const qreal width = glyph_ == Glyph::More ? 3.2 : 1.8;
        painter->setPen(QPen(palette.color(group, QPalette::ButtonText), width, Qt::SolidLine,
                             Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        drawGlyph(painter, glyph_);
        painter->restore();
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        paint(&painter, QRect(QPoint(0, 0), size), mode, state);
        return pixmap;
    }

    QIconEngine* clone() const override { return new GlyphEngine(glyph_); }

private:
    Glyph glyph_;
};

}  // namespace

QIcon glyphIcon(Glyph glyph) {
    return QIcon(new GlyphEngine(glyph));  // QIcon owns the engine
}

void setIconMenu(QToolButton* button, QMenu* menu) {
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    // The icon (☰, ⋮) already says "menu"; Fusion's arrow under it would only crowd it.
    button->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0; }"));
}

}  // namespace natter
