// Where a message is written: Enter sends, Shift+Enter starts a new line, a counter appears near
// the length limit, and a refusal is shown inline in plain words.
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace natter {

class Composer : public QWidget {
    Q_OBJECT

public:
    explicit Composer(QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return editor_; }
    QToolButton* attachButton() const { return attachButton_; }
    void showError(const QString& message);
    void clear();
    // Puts back a conversation's draft, cursor at the end; no edited() or typing() for it.
    void restoreText(const QString& text);

signals:
    void sendRequested(const QString& text);
    // The user is writing (text in the box changed and is not empty) / the box became empty.
    void typing();
    void typingStopped();
    // The user changed the text (typed, pasted, cleared it, or it was cleared after sending).
    void edited(const QString& text);
    // Up in an empty box: edit my last message; Escape: cancel a reply or an edit.
    void editLastRequested();
    // The paper clip: attach a file.
    void attachRequested();
    void cancelRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateState();
    void submit();
    int length() const;

    QPlainTextEdit* editor_;
    QPushButton* sendButton_;
    QToolButton* attachButton_;
    QLabel* counter_;
    QLabel* error_;
    bool restoring_ = false;
};

}  // namespace natter
