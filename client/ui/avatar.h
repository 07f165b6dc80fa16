// Round avatars with initials, coloured from a public id so a person has the same colour
// everywhere and on every device.
#pragma once

#include <QColor>
#include <QRect>
#include <QString>
#include <QWidget>

class QPainter;
class QPalette;

namespace natter {

QColor avatarColor(const QString& publicId);
// The same hue for text on the palette's base (a sender's name): dark on light themes, light on
// dark ones, so the name stays readable in both.
QColor avatarInk(const QString& publicId, const QPalette& palette);
void paintAvatar(QPainter* painter, const QRect& rect, const QString& initials,
                 const QString& publicId);

// A round avatar as a widget (the sidebar's own one, the chat header's), `size` pixels wide.
class AvatarWidget : public QWidget {
    Q_OBJECT

public:
    AvatarWidget(int size, QWidget* parent = nullptr);
    // `name` gives the initials, `publicId` the colour.
    void setPerson(const QString& name, const QString& publicId);
    QString initials() const { return initials_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString initials_;
    QString publicId_;
};

}  // namespace natter
