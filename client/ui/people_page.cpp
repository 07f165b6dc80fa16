#include "ui/people_page.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "models/blocked_users_model.h"
#include "ui/message_label.h"

namespace natter {
namespace {

// Rows as tall as the Unblock button placed over them, with a little air.
class ButtonRowDelegate : public QStyledItemDelegate {
public:
    ButtonRowDelegate(int buttonHeight, QObject* parent)
        : QStyledItemDelegate(parent), rowHeight_(buttonHeight + 8) {}

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        const QSize base = QStyledItemDelegate::sizeHint(option, index);
        return {base.width(), qMax(base.height(), rowHeight_)};
    }

private:
    int rowHeight_;
};

}  // namespace

PeoplePage::PeoplePage(ChatActions* chat, QWidget* parent)
    : QWidget(parent), chat_(chat), model_(new BlockedUsersModel(this)) {
    model_->connectTo(chat_);
    auto* title = new QLabel(tr("Blocked people"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto* intro = new QLabel(tr("Blocked people cannot send you messages, start a chat with you or "
                                "add you to groups. They are not told."),
                             this);
    intro->setWordWrap(true);
    status_ = createMessageLabel(MessageStyle::Error, QStringLiteral("peopleStatusLabel"), this);
    empty_ = new QLabel(tr("You haven't blocked anyone."), this);
    empty_->setObjectName(QStringLiteral("noBlockedUsersLabel"));
    view_ = new QListView(this);
    view_->setObjectName(QStringLiteral("blockedUsersView"));
    view_->setAccessibleName(tr("Blocked people"));
    view_->setModel(model_);
    view_->setSelectionMode(QAbstractItemView::NoSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setSpacing(2);
    view_->setItemDelegate(
        new ButtonRowDelegate(QPushButton(tr("Unblock")).sizeHint().height(), view_));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addWidget(status_);
    layout->addWidget(empty_);
    layout->addWidget(view_, 1);

    connect(model_, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { addButtons(first, last); });
    connect(model_, &QAbstractItemModel::modelReset, this,
            [this] { addButtons(0, model_->rowCount() - 1); });
    connect(model_, &QAbstractItemModel::rowsInserted, this, &PeoplePage::refreshEmptyState);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &PeoplePage::refreshEmptyState);
    connect(model_, &QAbstractItemModel::modelReset, this, &PeoplePage::refreshEmptyState);
    connect(chat_, &ChatActions::blockedUsersChanged, this, [this] { setMessage(status_, {}); });
    connect(chat_, &ChatActions::actionFailed, this, [this](const QString& message) {
        if (isVisible()) {
            setMessage(status_, message);
        }
    });
    addButtons(0, model_->rowCount() - 1);
    refreshEmptyState();
}

void PeoplePage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (chat_->isReady()) {
        chat_->loadBlockedUsers();  // changes the events may have missed
    }
}

// One Unblock button per row, right-aligned over the row's name. Index widgets follow their
// rows when others are inserted or removed.
void PeoplePage::addButtons(int first, int last) {
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = model_->index(row, 0);
        auto* cell = new QWidget(view_);
        auto* button = new QPushButton(tr("Unblock"), cell);
        button->setObjectName(QStringLiteral("unblockUserButton"));
        //: %1 is a blocked person's name
        button->setAccessibleName(
            tr("Unblock %1").arg(index.data(BlockedUsersModel::DisplayNameRole).toString()));
        auto* cellLayout = new QHBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 4, 0);
        cellLayout->addStretch();
        cellLayout->addWidget(button);
        const QPersistentModelIndex persistent(index);
        connect(button, &QPushButton::clicked, this, [this, persistent] {
            if (persistent.isValid()) {
                model_->unblock(persistent.row());
            }
        });
        view_->setIndexWidget(index, cell);
    }
}

void PeoplePage::refreshEmptyState() {
    empty_->setVisible(model_->rowCount() == 0);
    view_->setVisible(model_->rowCount() > 0);
}

}  // namespace natter
