// A group's members, with the owner's actions (add, remove, rename) and leaving the group.
#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace natter {

class ChatActions;
class PeoplePicker;

class GroupDetailsDialog : public QDialog {
    Q_OBJECT

public:
    GroupDetailsDialog(ChatActions* chat, const QString& conversationId, QWidget* parent = nullptr);
    // Asks "Leave this group?" over `parent` and leaves it when confirmed (here and in the chat's
    // ⋮ menu; the server hands an owner's group on).
    static void askToLeaveGroup(QWidget* parent, ChatActions* chat, const QString& conversationId);

private:
    void refresh();
    void connectSignals();
    void updateButtons();
    void removeSelected();
    void addChosen();
    void leave();

    ChatActions* chat_;
    QString conversationId_;
    QListWidget* members_;
    QLineEdit* name_;
    QPushButton* rename_;
    QPushButton* remove_;
    PeoplePicker* picker_;
    QPushButton* add_;
    QPushButton* leave_;
    QCheckBox* mute_;
    QLabel* error_;
    QWidget* ownerTools_;
};

}  // namespace natter
