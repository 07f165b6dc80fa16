#include "ui/avatar.h"

#include <QCryptographicHash>
#include <QPainter>

#include "models/conversation_list_model.h"
#include "ui/theme.h"

namespace natter {

namespace {

int hueOf(const QString& publicId) {
    // A stable hash (qHash is seeded per process): the same id gives the same hue in every run.
    const QByteArray digest = QCryptographicHash::hash(publicId.toUtf8(), QCryptographicHash::Md5);
    return (quint8(digest.at(0)) << 8 | quint8(digest.at(1))) % 360;
}

}  // namespace

QColor avatarColor(const QString& publicId) {
    // Dark enough for white initials to reach the text contrast minimum on every hue: yellows
    // and greens need a darker shade than blues and reds of the same lightness.
    constexpr int kLightness = 85;
    constexpr int kStep = 4;
    const int hue = hueOf(publicId);
    QColor color = QColor::fromHsl(hue, 150, kLightness);
    for (int lightness = kLightness - kStep;
         lightness > 0 && contrastRatio(Qt::white, color) < kTextContrastMin; lightness -= kStep) {
        color = QColor::fromHsl(hue, 150, lightness);
    }
    return color;
}

QColor avatarInk(const QString& publicId, const QPalette& palette) {
    return isDark(palette) ? QColor::fromHsl(hueOf(publicId), 170, 180) : avatarColor(publicId);
}

void paintAvatar(QPainter* painter, const QRect& rect, const QString& initials,
                 const QString& publicId) {
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(avatarColor(publicId));
    painter->drawEllipse(rect);
    QFont font = painter->font();
    font.setBold(true);
    font.setPixelSize(qMax(8, rect.height() * 2 / 5));
    painter->setFont(font);
    painter->setPen(Qt::white);
    painter->drawText(rect, Qt::AlignCenter, initials);
    painter->restore();
}

AvatarWidget::AvatarWidget(int size, QWidget* parent) : QWidget(parent) {
    setFixedSize(size, size);
}

void AvatarWidget::setPerson(const QString& name, const QString& publicId) {
    initials_ = ConversationListModel::initialsOf(name);
    publicId_ = publicId;
    update();
}

void AvatarWidget::paintEvent(QPaintEvent*) {
    if (publicId_.isEmpty()) {
        return;
    }
    QPainter painter(this);
    paintAvatar(&painter, rect(), initials_, publicId_);
}

}  // namespace natter
