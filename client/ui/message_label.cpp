#include "ui/message_label.h"

#include "ui/theme.h"

namespace natter {

QLabel* createMessageLabel(MessageStyle style, const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);  // server and user text is never interpreted as HTML
    label->setWordWrap(true);
    label->setVisible(false);
    if (style == MessageStyle::Error) {
        setErrorInk(label, true);
    } else {
        label->setFrameShape(QFrame::StyledPanel);
        label->setMargin(6);
    }
    return label;
}

void setMessage(QLabel* label, const QString& text) {
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

}  // namespace natter
