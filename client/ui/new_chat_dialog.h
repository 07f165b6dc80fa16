// "New chat": find a person and start a private chat (the first message creates it), or create
// a group with a name, members and a first message.
#pragma once

#include <QDialog>

#include "core/account_types.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace natter {

class ChatActions;
class PeoplePicker;

class NewChatDialog : public QDialog {
    Q_OBJECT

public:
    NewChatDialog(ChatActions* chat, QWidget* parent = nullptr);

    PeoplePicker* personPicker() const { return personPicker_; }
    PeoplePicker* memberPicker() const { return memberPicker_; }

signals:
    void chatWithRequested(const natter::UserInfo& user);
    void groupCreated(const QString& conversationId);

private:
    QWidget* createPersonPage();
    QWidget* createGroupPage();
    void startChat();
    void createGroup();
    void updateButtons();

    ChatActions* chat_;
    QTabWidget* tabs_;
    PeoplePicker* personPicker_;
    PeoplePicker* memberPicker_;
    QLineEdit* groupName_;
    QLineEdit* firstMessage_;
    QPushButton* startChat_;
    QPushButton* createGroup_;
    QLabel* error_;
    bool creating_ = false;
};

}  // namespace natter
