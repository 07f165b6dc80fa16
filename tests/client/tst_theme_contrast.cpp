// The WCAG 2.1 contrast of every text the app paints over a background of its themes, light and
// dark: body text on the window, on fields and on both message bubbles; secondary text
// (timestamps, previews, the day, presence); links and the "New messages" accent; the unread
// badge; errors; avatar initials and senders' names. Text must reach 4.5:1 (WCAG 1.4.3): the
// app's secondary text is small, not "large", so WCAG gives it no lower bar (3:1 is for large
// text). The badge's fill against its row is not checked: its number, checked against the fill,
// is what it says. Every ratio is printed, for the record.
#include <QApplication>
#include <QtTest>

#include "ui/avatar.h"
#include "ui/theme.h"

using namespace natter;

namespace {

// The alphas the delegates paint their secondary text with over the text's own colour.
constexpr float kBubbleMetaAlpha = 0.75f;   // MessageDelegate: time and delivery in a bubble
constexpr float kQuotePreviewAlpha = 0.8f;  // MessageDelegate: the quoted message's line
constexpr float kListDimAlpha = 0.7f;       // ConversationDelegate: preview and time in a row

QColor withAlpha(QColor color, float alpha) {
    color.setAlphaF(alpha);
    return color;
}

struct Pair {
    QString what;
    QColor ink;  // may be translucent: it is blended over the background first
    QColor background;
    double minimum;
};

QList<Pair> pairsOf(const QPalette& p) {
    const auto c = [&p](QPalette::ColorRole role) { return p.color(QPalette::Active, role); };
    using R = QPalette;
    const double text = kTextContrastMin;
    return {
        {QStringLiteral("body text on the window"), c(R::WindowText), c(R::Window), text},
        {QStringLiteral("body text on fields and the message list"), c(R::Text), c(R::Base), text},
        {QStringLiteral("text in their bubble"), c(R::ButtonText), c(R::Button), text},
        {QStringLiteral("text in my bubble / selected row"), c(R::HighlightedText), c(R::Highlight),
         text},
        {QStringLiteral("system message text"), c(R::Text), c(R::AlternateBase), text},
        {QStringLiteral("tooltip text"), c(R::ToolTipText), c(R::ToolTipBase), text},
        {QStringLiteral("secondary text on the list (day, hints)"), c(R::PlaceholderText),
         c(R::Base), text},
        {QStringLiteral("secondary text on the window (presence, @name)"), c(R::PlaceholderText),
         c(R::Window), text},
        {QStringLiteral("time in their bubble"), withAlpha(c(R::ButtonText), kBubbleMetaAlpha),
         c(R::Button), text},
        {QStringLiteral("time in my bubble"), withAlpha(c(R::HighlightedText), kBubbleMetaAlpha),
         c(R::Highlight), text},
        {QStringLiteral("quote preview in their bubble"),
         withAlpha(c(R::ButtonText), kQuotePreviewAlpha), c(R::Button), text},
        {QStringLiteral("preview and time in a row"), withAlpha(c(R::Text), kListDimAlpha),
         c(R::Base), text},
        {QStringLiteral("preview and time in the selected row"),
         withAlpha(c(R::HighlightedText), kListDimAlpha), c(R::Highlight), text},
        {QStringLiteral("link / New messages on the list"), c(R::Link), c(R::Base), text},
        {QStringLiteral("link on the window"), c(R::Link), c(R::Window), text},
        {QStringLiteral("visited link on the list"), c(R::LinkVisited), c(R::Base), text},
        {QStringLiteral("unread badge"), c(R::HighlightedText), c(R::Highlight), text},
        {QStringLiteral("muted chat's unread badge"), c(R::Base), c(R::PlaceholderText), text},
        {QStringLiteral("badge in the selected row"), c(R::Highlight), c(R::HighlightedText), text},
        {QStringLiteral("error on the window"), errorColor(p), c(R::Window), text},
        {QStringLiteral("error on a field"), errorColor(p), c(R::Base), text},
    };
}

// Enough ids that every part of the hue circle is met.
QStringList someUserIds() {
    QStringList ids;
    for (int i = 0; i < 720; ++i) {
        ids << QStringLiteral("u_%1").arg(i);
    }
    return ids;
}

}  // namespace

class TestThemeContrast : public QObject {
    Q_OBJECT

private slots:
    // The formula against values WCAG's own examples give.
    void ratioFollowsWcag() {
        QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(contrastRatio(Qt::white, Qt::white), 1.0);
        QVERIFY(qAbs(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) - 4.48) < 0.01);
        QVERIFY(qAbs(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
        QVERIFY(qAbs(blendedOver(withAlpha(Qt::black, 0.5f), Qt::white).red() - 128) <= 1);
    }

    void themes_data() {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << lightPalette();
        QTest::newRow("dark") << darkPalette();
    }

    void textPairs_data() { themes_data(); }
    void textPairs() {
        QFETCH(QPalette, palette);
        QStringList failures;
        for (const Pair& pair : pairsOf(palette)) {
            const QColor ink = blendedOver(pair.ink, pair.background);
            const double ratio = contrastRatio(ink, pair.background);
            qInfo().noquote() << QStringLiteral("%1: %2 on %3 = %4:1")
                                     .arg(pair.what, ink.name(), pair.background.name())
                                     .arg(ratio, 0, 'f', 2);
            if (ratio < pair.minimum) {
                failures << QStringLiteral("%1 %2 < %3")
                                .arg(pair.what)
                                .arg(ratio, 0, 'f', 2)
                                .arg(pair.minimum);
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("; "))));
    }

    // White initials on every avatar colour, and senders' names (the avatar's hue) on the list.
    void avatarsAndNames_data() { themes_data(); }
    void avatarsAndNames() {
        QFETCH(QPalette, palette);
        double worstInitials = 21;
        double worstName = 21;
        for (const QString& id : someUserIds()) {
            worstInitials = qMin(worstInitials, contrastRatio(Qt::white, avatarColor(id)));
            worstName = qMin(worstName,
                             contrastRatio(avatarInk(id, palette), palette.color(QPalette::Base)));
        }
        qInfo().noquote() << QStringLiteral("worst avatar initials %1:1, worst sender name %2:1")
                                 .arg(worstInitials, 0, 'f', 2)
                                 .arg(worstName, 0, 'f', 2);
        QVERIFY2(worstInitials >= kTextContrastMin, qPrintable(QString::number(worstInitials)));
        QVERIFY2(worstName >= kTextContrastMin, qPrintable(QString::number(worstName)));
    }
};

QTEST_MAIN(TestThemeContrast)
#include "tst_theme_contrast.moc"
