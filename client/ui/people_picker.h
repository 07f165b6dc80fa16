// Finds people to chat with: recent contacts first, then users.search results as the user types
// (debounced, so typing does not run into the search rate limit). Single or multiple choice.
#pragma once

#include <QTimer>
#include <QWidget>

#include "core/account_types.h"

class QLabel;
class QLineEdit;
class QListWidget;

namespace natter {

class ChatActions;

class PeoplePicker : public QWidget {
    Q_OBJECT

public:
    enum class Choice { One, Many };

    PeoplePicker(ChatActions* chat, Choice choice, QWidget* parent = nullptr);

    void setChoice(Choice choice);
    // People not to offer (e.g. members already in the group).
    void setExcluded(const QStringList& userIds) { excluded_ = userIds; }
    QList<UserInfo> selectedUsers() const;
    QLineEdit* searchEdit() const { return search_; }
    QListWidget* results() const { return results_; }
    void showRecentContacts();

signals:
    void selectionChanged();
    // A person was chosen with Enter or a double click (single choice).
    void personActivated(const natter::UserInfo& user);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Into the result list, with the current row (the first unless one is) selected.
    void focusResults();
    void showUsers(const QList<UserInfo>& users, const QString& emptyText);
    void connectSignals();

    ChatActions* chat_;
    Choice choice_;
    QLineEdit* search_;
    QListWidget* results_;
    QLabel* status_;
    QTimer debounce_;
    QStringList excluded_;
    QHash<QString, UserInfo> chosen_;  // kept across searches (multiple choice)
    QHash<QString, UserInfo> shown_;
};

}  // namespace natter
