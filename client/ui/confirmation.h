// A question asked before an action that cannot be undone (blocking someone, removing a member,
// leaving a group, signing a device out): Cancel is the default answer, and the action runs only
// when the confirm button is clicked. The box is window-modal and does not block the event loop
// (open()).
#pragma once

#include <QString>
#include <functional>

class QWidget;

namespace natter {

struct Confirmation {
    QString dialogName;  // object names, for tests and accessibility tools
    QString confirmName;
    QString title;
    QString text;
    QString confirmLabel;  // says what happens: "Block", "Remove", "Sign out"
};

void askToConfirm(QWidget* parent, const Confirmation& question,
                  const std::function<void()>& onConfirmed);

}  // namespace natter
