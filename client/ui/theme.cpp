#include "ui/theme.h"

#include <QApplication>
#include <QEvent>
#include <QStyle>
#include <QToolTip>
#include <QWidget>
#include <cmath>

namespace natter {
namespace {

// The colours a theme is made of; palettes of both themes are built from it the same way.
struct ThemeColors {
    QColor window, windowText, base, alternateBase, text, placeholder;
    QColor button, buttonText, brightText, highlight, highlightedText;
    QColor link, linkVisited, toolTipBase, toolTipText;
    QColor light, midlight, mid, dark, shadow;
    // The disabled group: dimmed text, and fields and buttons that recede.
    QColor disabledText, disabledBase, disabledButton, disabledHighlight, disabledHighlightedText,
        disabledPlaceholder;
};

QPalette paletteFrom(const ThemeColors& c) {
    QPalette palette;
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        palette.setColor(group, QPalette::Window, c.window);
        palette.setColor(group, QPalette::WindowText, c.windowText);
        palette.setColor(group, QPalette::Base, c.base);
        palette.setColor(group, QPalette::AlternateBase, c.alternateBase);
        palette.setColor(group, QPalette::Text, c.text);
        palette.setColor(group, QPalette::PlaceholderText, c.placeholder);
        palette.setColor(group, QPalette::Button, c.button);
        palette.setColor(group, QPalette::ButtonText, c.buttonText);
        palette.setColor(group, QPalette::BrightText, c.brightText);
        palette.setColor(group, QPalette::Highlight, c.highlight);
        palette.setColor(group, QPalette::HighlightedText, c.highlightedText);
        palette.setColor(group, QPalette::Link, c.link);
        palette.setColor(group, QPalette::LinkVisited, c.linkVisited);
        palette.setColor(group, QPalette::ToolTipBase, c.toolTipBase);
        palette.setColor(group, QPalette::ToolTipText, c.toolTipText);
        palette.setColor(group, QPalette::Light, c.light);
        palette.setColor(group, QPalette::Midlight, c.midlight);
        palette.setColor(group, QPalette::Mid, c.mid);
        palette.setColor(group, QPalette::Dark, c.dark);
        palette.setColor(group, QPalette::Shadow, c.shadow);
    }
    const QList<std::pair<QPalette::ColorRole, QColor>> disabled = {
        {QPalette::Window, c.window},
        {QPalette::WindowText, c.disabledText},
        {QPalette::Base, c.disabledBase},
        {QPalette::AlternateBase, c.disabledBase},
        {QPalette::Text, c.disabledText},
        {QPalette::PlaceholderText, c.disabledPlaceholder},
        {QPalette::Button, c.disabledButton},
        {QPalette::ButtonText, c.disabledText},
        {QPalette::BrightText, c.brightText},
        {QPalette::Highlight, c.disabledHighlight},
        {QPalette::HighlightedText, c.disabledHighlightedText},
        {QPalette::Link, c.disabledText},
        {QPalette::LinkVisited, c.disabledText},
        {QPalette::ToolTipBase, c.toolTipBase},
        {QPalette::ToolTipText, c.toolTipText},
        {QPalette::Light, c.light},
        {QPalette::Midlight, c.midlight},
        {QPalette::Mid, c.mid},
        {QPalette::Dark, c.dark},
        {QPalette::Shadow, c.shadow},
    };
    for (const auto& [role, color] : disabled) {
        palette.setColor(QPalette::Disabled, role, color);
    }
    return palette;
}

// Switches `widget`'s text to the error colour, and back whenever the palette changes under it.
class ErrorInk : public QObject {
public:
    explicit ErrorInk(QWidget* widget) : QObject(widget), widget_(widget) {
        setObjectName(QStringLiteral("natterErrorInk"));
        widget->installEventFilter(this);
        apply();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::PaletteChange ||
            event->type() == QEvent::ApplicationPaletteChange) {
            apply();  // sets the palette only when the colour differs: no loop
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void apply() {
        const QColor ink = errorColor(QApplication::palette());
        if (widget_->palette().color(QPalette::WindowText) == ink &&
            widget_->palette().color(QPalette::Text) == ink) {
            return;
        }
        QPalette palette;  // only these two roles are set; the rest follows the theme
        palette.setColor(QPalette::WindowText, ink);
        palette.setColor(QPalette::Text, ink);
        widget_->setPalette(palette);
    }

    QWidget* widget_;
};

}  // namespace

QPalette lightPalette() {
    ThemeColors c;
    c.window = QColor(0xef, 0xef, 0xef);
    c.windowText = c.text = c.buttonText = c.toolTipText = QColor(0x1b, 0x1b, 0x1b);
    c.base = Qt::white;
    c.alternateBase = QColor(0xf4, 0xf4, 0xf6);
    c.placeholder = QColor(0x6b, 0x6b, 0x6b);
    c.button = QColor(0xe6, 0xe6, 0xea);
    c.brightText = Qt::white;
    // White on it 7.6:1, and still 4.6:1 at the 70 % the secondary text in my bubbles and the
    // selected row is painted with (tst_theme_contrast).
    c.highlight = QColor(0x25, 0x52, 0x9a);
    c.highlightedText = Qt::white;
    c.link = QColor(0x0b, 0x57, 0xd0);
    c.linkVisited = QColor(0x6b, 0x2f, 0xb3);
    c.toolTipBase = QColor(0xff, 0xff, 0xdc);
    c.light = Qt::white;
    c.midlight = QColor(0xf5, 0xf5, 0xf5);
    c.mid = QColor(0xb4, 0xb4, 0xb4);
    c.dark = QColor(0x9a, 0x9a, 0x9a);
    c.shadow = QColor(0x50, 0x50, 0x50);
    c.disabledText = QColor(0x8c, 0x8c, 0x8c);
    c.disabledBase = QColor(0xf4, 0xf4, 0xf4);
    c.disabledButton = QColor(0xec, 0xec, 0xec);
    c.disabledHighlight = QColor(0xc8, 0xc8, 0xc8);
    c.disabledHighlightedText = QColor(0x5f, 0x5f, 0x5f);
    c.disabledPlaceholder = QColor(0xa8, 0xa8, 0xa8);
    return paletteFrom(c);
}

QPalette darkPalette() {
    ThemeColors c;
    c.window = QColor(0x2d, 0x2d, 0x30);
    c.windowText = c.text = c.buttonText = c.toolTipText = QColor(0xe8, 0xe8, 0xe8);
    c.base = QColor(0x1e, 0x1e, 0x1e);
    c.alternateBase = QColor(0x2a, 0x2a, 0x2d);
    c.placeholder = QColor(0xa0, 0xa0, 0xa0);
    c.button = QColor(0x3c, 0x3c, 0x40);
    c.brightText = Qt::white;
    c.highlight = QColor(0x25, 0x52, 0x9a);  // as in the light theme
    c.highlightedText = Qt::white;
    c.link = QColor(0x8a, 0xb4, 0xf8);
    c.linkVisited = QColor(0xc5, 0x8a, 0xf9);
    c.toolTipBase = QColor(0x3c, 0x3c, 0x40);
    c.light = QColor(0x4a, 0x4a, 0x4f);
    c.midlight = QColor(0x3f, 0x3f, 0x44);
    c.mid = QColor(0x6a, 0x6a, 0x70);
    c.dark = QColor(0x19, 0x19, 0x1b);
    c.shadow = Qt::black;
    c.disabledText = QColor(0x7f, 0x7f, 0x7f);
    c.disabledBase = QColor(0x25, 0x25, 0x26);
    c.disabledButton = QColor(0x33, 0x33, 0x36);
    c.disabledHighlight = QColor(0x4a, 0x4a, 0x4f);
    c.disabledHighlightedText = QColor(0xb0, 0xb0, 0xb0);
    c.disabledPlaceholder = QColor(0x5f, 0x5f, 0x5f);
    return paletteFrom(c);
}

void applyTheme(AppSettings::Theme theme) {
    if (QApplication::style()->name() != QLatin1StringView("fusion")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
    }
    switch (theme) {
        case AppSettings::Theme::System:
            // No role set: Qt resolves every role from the platform (see theme.h).
            QApplication::setPalette(QPalette());
            break;
        case AppSettings::Theme::Light:
            QApplication::setPalette(lightPalette());
            break;
        case AppSettings::Theme::Dark:
            QApplication::setPalette(darkPalette());
            break;
    }
    // Tooltips keep a palette of their own (the platform's, at start); one with no role set
    // follows the application palette instead, including later platform changes.
    QToolTip::setPalette(QPalette());
}

QFont smallFont(const QFont& base) {
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.85);
    return font;
}

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor errorColor(const QPalette& palette) {
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

QColor accentTextColor(const QPalette& palette) {
    return palette.color(QPalette::Link);
}

namespace {

// WCAG 2.1 relative luminance: sRGB channels linearised, weighted by the eye's sensitivity.
double relativeLuminance(const QColor& color) {
    const auto linear = [](double channel) {
        return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = color.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) +
           0.0722 * linear(rgb.blueF());
}

}  // namespace

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor blendedOver(const QColor& ink, const QColor& background) {
    const double alpha = ink.alphaF();
    const auto mix = [alpha](double front, double back) {
        return front * alpha + back * (1 - alpha);
    };
    const QColor front = ink.toRgb();
    const QColor back = background.toRgb();
    return QColor::fromRgbF(float(mix(front.redF(), back.redF())),
                            float(mix(front.greenF(), back.greenF())),
                            float(mix(front.blueF(), back.blueF())));
}

void setErrorInk(QWidget* widget, bool on) {
    auto* existing =
        widget->findChild<QObject*>(QStringLiteral("natterErrorInk"), Qt::FindDirectChildrenOnly);
    if (on && existing == nullptr) {
        new ErrorInk(widget);  // owned by the widget
    } else if (!on && existing != nullptr) {
        delete existing;
        widget->setPalette(QPalette());  // back to the theme's colours
    }
}

}  // namespace natter
