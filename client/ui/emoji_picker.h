// The composer's emoji picker: a smiley button that opens a small popup grid of common emoji in
// named groups. A click, or the arrow keys and Enter, inserts the emoji at the editor's cursor and
// gives the editor its focus back; Esc closes the popup.
#pragma once

#include <QFrame>

class QPlainTextEdit;
class QTableWidget;
class QToolButton;

namespace natter {

class EmojiPicker : public QFrame {
    Q_OBJECT

public:
    explicit EmojiPicker(QWidget* parent = nullptr);

    // Shows the popup above `anchor` (the composer sits at the window's bottom), first emoji
    // current.
    void popUpAbove(QWidget* anchor);
    QTableWidget* grid() const { return grid_; }

signals:
    void emojiChosen(const QString& emoji);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fillGrid();
    void choose(int row, int column);

    QTableWidget* grid_;
};

// The smiley button for `editor`: opens an EmojiPicker whose choice goes in at the cursor.
QWidget* createEmojiButton(QPlainTextEdit* editor, QWidget* parent);

}  // namespace natter
