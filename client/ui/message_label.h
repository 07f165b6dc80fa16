// Labels for plain-text messages: errors in the theme's error colour, notices in a framed box.
#pragma once

#include <QLabel>

namespace natter {

enum class MessageStyle { Error, Notice };

// A hidden, word-wrapped, plain-text label; setMessage() shows it, an empty text hides it.
QLabel* createMessageLabel(MessageStyle style, const QString& objectName, QWidget* parent);
void setMessage(QLabel* label, const QString& text);

}  // namespace natter
