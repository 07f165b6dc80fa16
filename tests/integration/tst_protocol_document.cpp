// docs/protocol.md is complete and names nothing that does not exist: every method, event, error
// code and close code defined in shared/ appears in the document where a client author looks for
// it (a method heading, the events table, the error and close code tables), and every one the
// document defines or names exists in shared/. Unlike the other protocol tests this one reads
// shared/ on purpose: its definitions are what the document must match.
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include "close_codes.h"
#include "error_code.h"
#include "method_names.h"

namespace {

using Names = QSet<QString>;

const QString kSourceDir = QStringLiteral(NATTER_SOURCE_DIR);

QString readSource(const QString& relativePath) {
    QFile file(kSourceDir + u'/' + relativePath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        qWarning() << "cannot read" << file.fileName();
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

// Every first capture of `pattern` in `text`.
Names captures(const QString& text, const QString& pattern) {
    Names names;
    QRegularExpressionMatchIterator it = QRegularExpression(pattern).globalMatch(text);
    while (it.hasNext()) {
        names.insert(it.next().captured(1));
    }
    return names;
}

template <typename List>
Names namesOf(const List& list) {
    Names names;
    for (const auto& name : list) {
        names.insert(QString(name));
    }
    return names;
}

Names sharedErrorCodes() {
    return namesOf(natter::allErrorCodeNames());
}

Names closeCodesOf(const auto& codes) {
    Names names;
    for (const int code : codes) {
        names.insert(QString::number(code));
    }
    return names;
}

// Empty when the sets agree, else which names are on only one side.
QString mismatch(const Names& inShared, const Names& inDocument,
                 const QString& shared = QStringLiteral("shared/"),
                 const QString& document = QStringLiteral("docs/protocol.md")) {
    QStringList onlyShared = (inShared - inDocument).values();
    QStringList onlyDocument = (inDocument - inShared).values();
    if (onlyShared.isEmpty() && onlyDocument.isEmpty()) {
        return {};
    }
    onlyShared.sort();
    onlyDocument.sort();
    return QStringLiteral("only in %1: [%2]; only in %3: [%4]")
        .arg(shared, onlyShared.join(u", "), document, onlyDocument.join(u", "));
}

// What docs/protocol.md defines and names, read from its text.
struct Document {
    Names methodHeadings;  // "#### `name`" headings
    Names eventRows;       // first column of the table under the "Events" heading
    Names errorRows;       // first column of the table under "Error codes"
    Names closeRows;       // first column of the table under "Close codes"
    Names dottedNames;     // everything in backticks that looks like a method or event name
    Names errorsListed;    // the codes in "- errors:" items, parenthesised remarks left out
    Names closeMentions;   // "with **4002**", "with close code **4000**"
};

// The "- errors:" items, each joined into one line with its indented continuation lines.
QStringList errorItems(const QStringList& lines) {
    QStringList items;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines.at(i).startsWith(QLatin1StringView("- errors:"))) {
            continue;
        }
        QString item = lines.at(i);
        while (i + 1 < lines.size() && lines.at(i + 1).startsWith(QLatin1StringView("  "))) {
            item += u' ' + lines.at(++i).trimmed();
        }
        items.append(item);
    }
    return items;
}

Names codesListedIn(const QStringList& items) {
    static const QRegularExpression remark(QStringLiteral(R"(\([^()]*\))"));
    Names codes;
    for (QString item : items) {
        while (item.contains(remark)) {
            item.remove(remark);
        }
        codes.unite(captures(item, QStringLiteral("`([^`]+)`")));
    }
    return codes;
}

// The first cell of every body row of the table under each "#"-heading, keyed by heading text.
void collectTableRows(const QStringList& lines, Document& document) {
    static const QRegularExpression firstCell(QStringLiteral(R"(^\| `?([^`|]+?)`? \|)"));
    QString heading;
    bool headerRowSeen = false;
    for (const QString& line : lines) {
        if (line.startsWith(u'#')) {
            heading = line;
            headerRowSeen = false;
            continue;
        }
        const QRegularExpressionMatch row = firstCell.match(line);
        if (!row.hasMatch() || line.startsWith(QLatin1StringView("| ---"))) {
            continue;
        }
        if (!headerRowSeen) {
            headerRowSeen = true;  // the column titles
            continue;
        }
        Names* target = heading.endsWith(QLatin1StringView("Error codes"))   ? &document.errorRows
                        : heading.endsWith(QLatin1StringView("Close codes")) ? &document.closeRows
                        : heading.endsWith(QLatin1StringView("Events"))      ? &document.eventRows
                                                                             : nullptr;
        if (target) {
            target->insert(row.captured(1));
        }
    }
}

Document readDocument() {
    const QString text = readSource(QStringLiteral("docs/protocol.md"));
    const QStringList lines = text.split(u'\n');
    Document document;
    document.methodHeadings = captures(text, QStringLiteral("(?m)^#### `([^`]+)`"));
    collectTableRows(lines, document);
    document.dottedNames = captures(text, QStringLiteral("`([a-z_]+(?:\\.[a-z_]+)+)`"));
    // error.code, error.field, …: members of the error object (section 3.2), not names.
    document.dottedNames.removeIf(
        [](const QString& name) { return name.startsWith(QLatin1StringView("error.")); });
    document.errorsListed = codesListedIn(errorItems(lines));
    document.closeMentions =
        captures(text, QStringLiteral("with (?:close code )?\\*\\*(\\d{4})\\*\\*"));
    return document;
}

}  // namespace

class TestProtocolDocument : public QObject {
    Q_OBJECT

private:
    Document document_;

private slots:
    void initTestCase();

    void sharedListsHoldEveryDefinition();
    void everyMethodHasItsHeading();
    void everyEventIsInTheEventsTable();
    void everyErrorCodeIsInTheErrorTable();
    void everyCloseCodeIsInTheCloseTable();
    void namesInTheTextExist();
};

void TestProtocolDocument::initTestCase() {
    document_ = readDocument();
    // A parser that found nothing would make every comparison below vacuous.
    QVERIFY(!document_.methodHeadings.isEmpty());
    QVERIFY(!document_.eventRows.isEmpty());
    QVERIFY(!document_.errorRows.isEmpty());
    QVERIFY(!document_.closeRows.isEmpty());
    QVERIFY(!document_.errorsListed.isEmpty());
    QVERIFY(!document_.closeMentions.isEmpty());
}

// The kAll lists and allErrorCodeNames() are what the rest compares; here they are checked against
// the definitions themselves, so a name added to shared/ but not to its list is caught too.
void TestProtocolDocument::sharedListsHoldEveryDefinition() {
    const Names literals = captures(readSource(QStringLiteral("shared/method_names.h")),
                                    QStringLiteral("QLatin1StringView k\\w+\\{\"([^\"]+)\"\\}"));
    QCOMPARE(mismatch(namesOf(natter::method::kAll) + namesOf(natter::event::kAll), literals,
                      QStringLiteral("method::kAll, event::kAll"),
                      QStringLiteral("shared/method_names.h")),
             QString());
    const Names closeLiterals = captures(readSource(QStringLiteral("shared/close_codes.h")),
                                         QStringLiteral("int k\\w+ = (\\d+);"));
    QCOMPARE(mismatch(closeCodesOf(natter::close_code::kAll), closeLiterals,
                      QStringLiteral("close_code::kAll"), QStringLiteral("shared/close_codes.h")),
             QString());

    const QStringList errorNames = natter::allErrorCodeNames();
    QCOMPARE(errorNames.size(), int(natter::ErrorCode::InternalError) + 1);
    for (int i = 0; i <= int(natter::ErrorCode::InternalError); ++i) {
        const auto code = natter::ErrorCode(i);
        QCOMPARE(natter::errorCodeFromName(natter::errorCodeName(code)), code);
    }
}

void TestProtocolDocument::everyMethodHasItsHeading() {
    QCOMPARE(mismatch(namesOf(natter::method::kAll), document_.methodHeadings), QString());
}

void TestProtocolDocument::everyEventIsInTheEventsTable() {
    QCOMPARE(mismatch(namesOf(natter::event::kAll), document_.eventRows), QString());
}

void TestProtocolDocument::everyErrorCodeIsInTheErrorTable() {
    QCOMPARE(mismatch(sharedErrorCodes(), document_.errorRows), QString());
}

void TestProtocolDocument::everyCloseCodeIsInTheCloseTable() {
    QCOMPARE(mismatch(closeCodesOf(natter::close_code::kAll), document_.closeRows), QString());
}

// What the prose names must exist as well: `a.b` names, the codes methods list under "errors:",
// and the close codes connections are "closed with".
void TestProtocolDocument::namesInTheTextExist() {
    const Names methodsAndEvents = namesOf(natter::method::kAll) + namesOf(natter::event::kAll);
    QCOMPARE(mismatch(methodsAndEvents, methodsAndEvents + document_.dottedNames), QString());
    const Names errors = sharedErrorCodes();
    QCOMPARE(mismatch(errors, errors + document_.errorsListed), QString());
    const Names closeCodes = closeCodesOf(natter::close_code::kAll);
    QCOMPARE(mismatch(closeCodes, closeCodes + document_.closeMentions), QString());
}

QTEST_APPLESS_MAIN(TestProtocolDocument)
#include "tst_protocol_document.moc"
