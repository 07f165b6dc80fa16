// The People tab: the people the user has blocked, each with an Unblock button. Blocking happens
// in a conversation (its Options menu or a chat request's banner); this is where it is undone.
#pragma once

#include <QWidget>

class QLabel;
class QListView;

namespace natter {

class BlockedUsersModel;
class ChatActions;

class PeoplePage : public QWidget {
    Q_OBJECT

public:
    explicit PeoplePage(ChatActions* chat, QWidget* parent = nullptr);

    BlockedUsersModel* blockedModel() const { return model_; }
    QListView* blockedView() const { return view_; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    void addButtons(int first, int last);
    void refreshEmptyState();

    ChatActions* chat_;
    BlockedUsersModel* model_;
    QListView* view_;
    QLabel* empty_;
    QLabel* status_;
};

}  // namespace natter
