// The composer's emoji picker (issue 11), offscreen: a click on an emoji inserts it at the cursor
// and the composer keeps the focus; arrows and Enter do the same from the keyboard; Esc closes
// the popup without inserting anything. Screenshots of the popup in light and dark.
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

#include "gui_test_support.h"
#include "ui/composer.h"
#include "ui/emoji_picker.h"
#include "ui/theme.h"

using namespace natter;
using namespace natter::test;

class TestEmojiPickerGui : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Composer> composer_;

    QPlainTextEdit* editor() const { return composer_->editor(); }

    // Opens the picker from its button; its grid once it has the focus.
    QTableWidget* openPicker() {
        QTest::mouseClick(child<QToolButton>(composer_.get(), QStringLiteral("emojiButton")),
                          Qt::LeftButton);
        auto* picker = shownChild<EmojiPicker>(composer_.get(), QStringLiteral("emojiPicker"));
        if (picker == nullptr || !QTest::qWaitFor([&] { return picker->grid()->hasFocus(); })) {
            return nullptr;
        }
        return picker->grid();
    }

    // "ab|cd": the cursor between b and c.
    void typeWithCursorInTheMiddle() {
        editor()->setPlainText(QStringLiteral("abcd"));
        QTextCursor cursor = editor()->textCursor();
        cursor.setPosition(2);
        editor()->setTextCursor(cursor);
    }

private slots:
    void init() {
        composer_ = std::make_unique<Composer>();
        composer_->resize(480, 120);
        composer_->show();
        composer_->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(composer_.get()));
        editor()->setFocus();
    }
    void cleanup() {
        composer_.reset();
        applyTheme(AppSettings::Theme::Light);
    }

    void clickInsertsAtTheCursorAndKeepsFocus() {
        typeWithCursorInTheMiddle();
        QTableWidget* grid = openPicker();
        QVERIFY(grid);
        QCOMPARE(grid->item(0, 0)->text(), QStringLiteral("Smileys"));  // a group's name
        const QRect cell = grid->visualItemRect(grid->item(1, 2));
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(editor()->toPlainText(), QStringLiteral("ab😄cd"));
        QCOMPARE(editor()->textCursor().position(), 2 + int(QStringLiteral("😄").size()));
        QVERIFY(!grid->window()->isVisible());
        QTRY_VERIFY(editor()->hasFocus());
    }

    void arrowsAndEnterChooseEscCloses() {
        typeWithCursorInTheMiddle();
        QTableWidget* grid = openPicker();
        QVERIFY(grid);
        QTest::keyClick(grid, Qt::Key_Right);
        QTest::keyClick(grid, Qt::Key_Down);  // row 2, column 1
        QTest::keyClick(grid, Qt::Key_Return);
        QCOMPARE(editor()->toPlainText(),
                 QStringLiteral("ab") + grid->item(2, 1)->text() + QStringLiteral("cd"));
        QTRY_VERIFY(editor()->hasFocus());

        const QString before = editor()->toPlainText();
        grid = openPicker();
        QVERIFY(grid);
        QTest::keyClick(grid, Qt::Key_Escape);
        QTRY_VERIFY(!grid->window()->isVisible());
        QCOMPARE(editor()->toPlainText(), before);
    }

    void screenshots() {
        for (const auto theme : {AppSettings::Theme::Light, AppSettings::Theme::Dark}) {
            applyTheme(theme);
            QTableWidget* grid = openPicker();
            QVERIFY(grid);
            saveScreenshot(grid->window(), theme == AppSettings::Theme::Light
                                               ? QStringLiteral("emoji-picker-light.png")
                                               : QStringLiteral("emoji-picker-dark.png"));
            QTest::keyClick(grid, Qt::Key_Escape);
        }
    }
};

QTEST_MAIN(TestEmojiPickerGui)
#include "tst_emoji_picker_gui.moc"
