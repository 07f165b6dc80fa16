#include "ui/people_picker.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

#include "core/chat_actions.h"

namespace natter {
namespace {

constexpr int kDebounceMs = 350;
constexpr int kUserIdRole = Qt::UserRole + 1;

}  // namespace

PeoplePicker::PeoplePicker(ChatActions* chat, Choice choice, QWidget* parent)
    : QWidget(parent), chat_(chat), choice_(choice) {
    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("peopleSearchEdit"));
    search_->setPlaceholderText(tr("Search people by name or username"));
    search_->setAccessibleName(tr("Search people"));
    search_->setClearButtonEnabled(true);
    results_ = new QListWidget(this);
    results_->setObjectName(QStringLiteral("peopleList"));
    results_->setAccessibleName(tr("People"));
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("peopleStatus"));
    status_->setTextFormat(Qt::PlainText);
    status_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(search_);
    layout->addWidget(status_);
    layout->addWidget(results_, 1);

    connectSignals();
}

void PeoplePicker::connectSignals() {
    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(search_, &QLineEdit::textChanged, this, [this] { debounce_.start(); });
    connect(&debounce_, &QTimer::timeout, this, [this] {
        if (search_->text().trimmed().isEmpty()) {
            showRecentContacts();
        } else {
            chat_->searchUsers(search_->text());
        }
    });
    connect(chat_, &ChatActions::usersFound, this,
            [this](const QString& query, const QList<UserInfo>& users) {
                if (query == search_->text().trimmed()) {
                    showUsers(users, tr("Nobody found for \u201c%1\u201d.").arg(query));
                }
            });
    connect(chat_, &ChatActions::recentContactsLoaded, this, [this](const QList<UserInfo>& users) {
        if (search_->text().trimmed().isEmpty()) {
            showUsers(users, tr("Type a name to find people."));
        }
    });
    connect(results_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const QString id = item->data(kUserIdRole).toString();
        if (item->checkState() == Qt::Checked) {
            chosen_.insert(id, shown_.value(id));
        } else {
            chosen_.remove(id);
        }
        emit selectionChanged();
    });
    connect(results_, &QListWidget::itemSelectionChanged, this, &PeoplePicker::selectionChanged);
    connect(results_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (choice_ == Choice::One) {
            emit personActivated(shown_.value(item->data(kUserIdRole).toString()));
        }
    });
    connect(search_, &QLineEdit::returnPressed, this, &PeoplePicker::focusResults);
    search_->installEventFilter(this);
}

void PeoplePicker::focusResults() {
    results_->setFocus();
    // Focus alone makes a row current without selecting it: the chosen person is the one
    // selected, so the row with the cursor is selected too.
    if (results_->count() > 0 && results_->selectedItems().isEmpty()) {
        results_->setCurrentRow(qMax(0, results_->currentRow()));
    }
}

// Down in the search field goes on to the results, as in the conversation filter.
bool PeoplePicker::eventFilter(QObject* watched, QEvent* event) {
    if (watched == search_ && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Down && results_->count() > 0) {
        focusResults();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void PeoplePicker::setChoice(Choice choice) {
    choice_ = choice;
    chosen_.clear();
    showUsers(shown_.values(), {});
}

void PeoplePicker::showRecentContacts() {
    chat_->loadRecentContacts();
}

void PeoplePicker::showUsers(const QList<UserInfo>& users, const QString& emptyText) {
    const QSignalBlocker blocker(results_);
    results_->clear();
    shown_.clear();
    for (const UserInfo& user : users) {
        if (excluded_.contains(user.id)) {
            continue;
        }
        shown_.insert(user.id, user);
        //: %1 is a display name, %2 a username
        auto* item =
            new QListWidgetItem(tr("%1 (@%2)").arg(user.displayName, user.username), results_);
        item->setData(kUserIdRole, user.id);
        if (choice_ == Choice::Many) {
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(chosen_.contains(user.id) ? Qt::Checked : Qt::Unchecked);
        }
    }
    status_->setText(results_->count() == 0 ? emptyText : QString());
    status_->setVisible(!status_->text().isEmpty());
    emit selectionChanged();
}

QList<UserInfo> PeoplePicker::selectedUsers() const {
    if (choice_ == Choice::Many) {
        return chosen_.values();
    }
    const QListWidgetItem* current = results_->currentItem();
    if (current == nullptr || !current->isSelected()) {
        return {};
    }
    return {shown_.value(current->data(kUserIdRole).toString())};
}

}  // namespace natter
