#include "ui/group_details_dialog.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "protocol_limits.h"
#include "ui/confirmation.h"
#include "ui/message_label.h"
#include "ui/people_picker.h"

namespace natter {
namespace {

constexpr int kUserIdRole = Qt::UserRole + 1;

}  // namespace

GroupDetailsDialog::GroupDetailsDialog(ChatActions* chat, const QString& conversationId,
                                       QWidget* parent)
    : QDialog(parent), chat_(chat), conversationId_(conversationId) {
    setWindowTitle(tr("Group details"));
    resize(420, 560);
    members_ = new QListWidget(this);
    members_->setObjectName(QStringLiteral("membersList"));
    members_->setAccessibleName(tr("Members"));
    ownerTools_ = new QWidget(this);
    name_ = new QLineEdit(ownerTools_);
    name_->setObjectName(QStringLiteral("renameEdit"));
    name_->setAccessibleName(tr("Group name"));
    name_->setMaxLength(limits::kGroupNameMaxChars);
    rename_ = new QPushButton(tr("Rename"), ownerTools_);
    rename_->setObjectName(QStringLiteral("renameButton"));
    remove_ = new QPushButton(tr("Remove from group"), ownerTools_);
    remove_->setObjectName(QStringLiteral("removeMemberButton"));
    picker_ = new PeoplePicker(chat_, PeoplePicker::Choice::Many, ownerTools_);
    add_ = new QPushButton(tr("Add to group"), ownerTools_);
    add_->setObjectName(QStringLiteral("addMembersButton"));
    leave_ = new QPushButton(tr("Leave group"), this);
    mute_ = new QCheckBox(tr("Mute notifications"), this);
    mute_->setObjectName(QStringLiteral("groupMuteCheck"));
    leave_->setObjectName(QStringLiteral("leaveGroupButton"));
    error_ = createMessageLabel(MessageStyle::Error, QStringLiteral("groupError"), this);

    auto* renameRow = new QHBoxLayout;
    renameRow->addWidget(name_, 1);
    renameRow->addWidget(rename_);
    auto* tools = new QVBoxLayout(ownerTools_);
    tools->setContentsMargins(0, 0, 0, 0);
    tools->addWidget(remove_, 0, Qt::AlignRight);
    tools->addLayout(renameRow);
    tools->addWidget(new QLabel(tr("Add people:"), ownerTools_));
    tools->addWidget(picker_, 1);
    tools->addWidget(add_, 0, Qt::AlignRight);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Members:"), this));
    layout->addWidget(members_, 1);
    layout->addWidget(ownerTools_, 2);
    layout->addWidget(error_);
    layout->addWidget(mute_);
    layout->addWidget(leave_, 0, Qt::AlignLeft);

    connectSignals();
    refresh();
    picker_->showRecentContacts();
}

void GroupDetailsDialog::connectSignals() {
    connect(rename_, &QPushButton::clicked, this,
            [this] { chat_->renameGroup(conversationId_, name_->text()); });
    connect(remove_, &QPushButton::clicked, this, &GroupDetailsDialog::removeSelected);
    connect(add_, &QPushButton::clicked, this, &GroupDetailsDialog::addChosen);
    connect(leave_, &QPushButton::clicked, this, &GroupDetailsDialog::leave);
    // The check mark follows the server (conversation.muted), not the click.
    connect(mute_, &QCheckBox::clicked, this, [this](bool checked) {
        mute_->setChecked(!checked);
        chat_->setMuted(conversationId_, checked);
    });
    connect(members_, &QListWidget::itemSelectionChanged, this, &GroupDetailsDialog::updateButtons);
    connect(picker_, &PeoplePicker::selectionChanged, this, &GroupDetailsDialog::updateButtons);
    connect(name_, &QLineEdit::textChanged, this, &GroupDetailsDialog::updateButtons);
    connect(chat_, &ChatActions::actionFailed, this,
            [this](const QString& message) { setMessage(error_, message); });
    connect(chat_, &ChatActions::conversationChanged, this, [this](const Conversation& c) {
        if (c.id == conversationId_) {
            setMessage(error_, {});
            refresh();
        }
    });
    connect(chat_, &ChatActions::conversationRemoved, this, [this](const QString& id) {
        if (id == conversationId_) {
            accept();
        }
    });
}

void GroupDetailsDialog::refresh() {
    const auto group = chat_->conversation(conversationId_);
    if (!group) {
        return;
    }
    const bool owner = group->ownerId == chat_->myUserId();
    members_->clear();
    QStringList memberIds;
    for (const UserInfo& member : group->members) {
        QString text = member.displayName;
        if (member.id == group->ownerId) {
            text = tr("%1 (owner)").arg(text);
        }
        if (member.id == chat_->myUserId()) {
            text = tr("%1 (you)").arg(text);
        }
        auto* item = new QListWidgetItem(text, members_);
        item->setData(kUserIdRole, member.id);
        memberIds << member.id;
    }
    picker_->setExcluded(memberIds);
    if (!name_->hasFocus()) {
        name_->setText(group->name);
    }
    ownerTools_->setVisible(owner);
    mute_->setChecked(group->muted);
    updateButtons();
}

void GroupDetailsDialog::updateButtons() {
    const auto group = chat_->conversation(conversationId_);
    const QListWidgetItem* current = members_->currentItem();
    const bool removable = current != nullptr && current->isSelected() && group &&
                           current->data(kUserIdRole).toString() != group->ownerId;
    remove_->setEnabled(removable);
    add_->setEnabled(!picker_->selectedUsers().isEmpty());
    rename_->setEnabled(group && !name_->text().trimmed().isEmpty() &&
                        name_->text().trimmed() != group->name);
}

void GroupDetailsDialog::removeSelected() {
    const QListWidgetItem* current = members_->currentItem();
    if (current == nullptr) {
        return;
    }
    const QString memberId = current->data(kUserIdRole).toString();
    const auto member = chat_->user(memberId);
    const QString name = member ? member->displayName : current->text();
    const Confirmation question{
        QStringLiteral("removeMemberConfirmDialog"), QStringLiteral("confirmRemoveButton"),
        tr("Remove %1?").arg(name),
        tr("%1 will no longer see this group or its new messages.").arg(name), tr("Remove")};
    askToConfirm(this, question,
                 [this, memberId] { chat_->removeMember(conversationId_, memberId); });
}

void GroupDetailsDialog::addChosen() {
    QStringList ids;
    for (const UserInfo& user : picker_->selectedUsers()) {
        ids << user.id;
    }
    chat_->addMembers(conversationId_, ids);
    picker_->searchEdit()->clear();
    picker_->setChoice(PeoplePicker::Choice::Many);  // clears the choice
}

void GroupDetailsDialog::leave() {
    askToLeaveGroup(this, chat_, conversationId_);
}

void GroupDetailsDialog::askToLeaveGroup(QWidget* parent, ChatActions* chat,
                                         const QString& conversationId) {
    const Confirmation question{QStringLiteral("leaveGroupConfirmDialog"),
                                QStringLiteral("confirmLeaveButton"), tr("Leave group"),
                                tr("Leave this group? You will no longer see its messages."),
                                tr("Leave")};
    askToConfirm(parent, question, [chat, conversationId] { chat->leaveGroup(conversationId); });
}

}  // namespace natter
