#include "ui/new_chat_dialog.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "protocol_limits.h"
#include "ui/message_label.h"
#include "ui/people_picker.h"

namespace natter {

NewChatDialog::NewChatDialog(ChatActions* chat, QWidget* parent) : QDialog(parent), chat_(chat) {
    setWindowTitle(tr("New chat"));
    resize(420, 480);
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("newChatTabs"));
    tabs_->addTab(createPersonPage(), tr("Person"));
    tabs_->addTab(createGroupPage(), tr("Group"));
    error_ = createMessageLabel(MessageStyle::Error, QStringLiteral("newChatError"), this);
    auto* cancel = new QPushButton(tr("Cancel"), this);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs_, 1);
    layout->addWidget(error_);
    layout->addWidget(cancel, 0, Qt::AlignRight);

    connect(chat_, &ChatActions::actionFailed, this, [this](const QString& message) {
        if (isVisible()) {
            creating_ = false;
            setMessage(error_, message);
            updateButtons();
        }
    });
    connect(chat_, &ChatActions::groupCreated, this, [this](const Conversation& group) {
        if (creating_) {
            creating_ = false;
            emit groupCreated(group.id);
            accept();
        }
    });
    personPicker_->showRecentContacts();
    updateButtons();
    // Typing goes straight into the search (or the group's name on the Group tab).
    personPicker_->searchEdit()->setFocus();
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int tab) {
        (tab == 0 ? static_cast<QWidget*>(personPicker_->searchEdit()) : groupName_)->setFocus();
    });
}

QWidget* NewChatDialog::createPersonPage() {
    auto* page = new QWidget(this);
    personPicker_ = new PeoplePicker(chat_, PeoplePicker::Choice::One, page);
    startChat_ = new QPushButton(tr("Start chat"), page);
    startChat_->setObjectName(QStringLiteral("startChatButton"));
    startChat_->setDefault(true);
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(personPicker_, 1);
    layout->addWidget(startChat_, 0, Qt::AlignRight);
    connect(personPicker_, &PeoplePicker::selectionChanged, this, &NewChatDialog::updateButtons);
    // Enter or a double click on a person starts the chat with that person.
    connect(personPicker_, &PeoplePicker::personActivated, this, [this](const UserInfo& user) {
        emit chatWithRequested(user);
        accept();
    });
    connect(startChat_, &QPushButton::clicked, this, &NewChatDialog::startChat);
    return page;
}

QWidget* NewChatDialog::createGroupPage() {
    auto* page = new QWidget(this);
    groupName_ = new QLineEdit(page);
    groupName_->setObjectName(QStringLiteral("groupNameEdit"));
    groupName_->setMaxLength(limits::kGroupNameMaxChars);
    groupName_->setAccessibleName(tr("Group name"));
    firstMessage_ = new QLineEdit(page);
    firstMessage_->setObjectName(QStringLiteral("firstMessageEdit"));
    firstMessage_->setAccessibleName(tr("First message"));
    firstMessage_->setPlaceholderText(tr("Say hello to the group"));
    memberPicker_ = new PeoplePicker(chat_, PeoplePicker::Choice::Many, page);
    createGroup_ = new QPushButton(tr("Create group"), page);
    createGroup_->setObjectName(QStringLiteral("createGroupButton"));
    auto* form = new QFormLayout;
    form->addRow(tr("Group name:"), groupName_);
    form->addRow(tr("First message:"), firstMessage_);
    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Members:"), page));
    layout->addWidget(memberPicker_, 1);
    layout->addWidget(createGroup_, 0, Qt::AlignRight);
    connect(memberPicker_, &PeoplePicker::selectionChanged, this, &NewChatDialog::updateButtons);
    connect(groupName_, &QLineEdit::textChanged, this, &NewChatDialog::updateButtons);
    connect(firstMessage_, &QLineEdit::textChanged, this, &NewChatDialog::updateButtons);
    connect(createGroup_, &QPushButton::clicked, this, &NewChatDialog::createGroup);
    connect(tabs_, &QTabWidget::currentChanged, this,
            [this] { memberPicker_->showRecentContacts(); });
    return page;
}

void NewChatDialog::updateButtons() {
    startChat_->setEnabled(personPicker_->selectedUsers().size() == 1);
    createGroup_->setEnabled(!creating_ && !groupName_->text().trimmed().isEmpty() &&
                             !firstMessage_->text().trimmed().isEmpty() &&
                             !memberPicker_->selectedUsers().isEmpty());
}

void NewChatDialog::startChat() {
    const QList<UserInfo> chosen = personPicker_->selectedUsers();
    if (chosen.size() != 1) {
        return;
    }
    emit chatWithRequested(chosen.first());
    accept();
}

void NewChatDialog::createGroup() {
    QStringList ids;
    for (const UserInfo& user : memberPicker_->selectedUsers()) {
        ids << user.id;
    }
    creating_ = true;
    setMessage(error_, {});
    updateButtons();
    chat_->createGroup(groupName_->text(), ids, firstMessage_->text());
}

}  // namespace natter
