// Shown above a chat request (docs/protocol.md 5.6): "Ann wants to chat with you" with Accept
// and Block. Blocking is how a request is declined.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace natter {

class RequestBanner : public QFrame {
    Q_OBJECT

public:
    explicit RequestBanner(QWidget* parent = nullptr);

    // `name` is the display name of the person who started the chat.
    void setSender(const QString& name);
    QString text() const;
    QPushButton* acceptButton() const { return accept_; }
    QPushButton* blockButton() const { return block_; }

signals:
    void acceptRequested();
    void blockRequested();

private:
    QLabel* text_;
    QPushButton* accept_;
    QPushButton* block_;
};

}  // namespace natter
