#include "text_search.h"

#include <algorithm>

namespace natter {
namespace {

struct WordSpan {
    int start = 0;  // code points
    int length = 0;
};

bool continuesWord(char32_t codePoint, bool inWord) {
    if (QChar::isLetterOrNumber(codePoint)) {
        return true;
    }
    return inWord && QChar::isMark(codePoint);
}

QList<WordSpan> wordSpans(const QList<uint>& codePoints) {
    QList<WordSpan> spans;
    bool inWord = false;
    for (int i = 0; i < codePoints.size(); ++i) {
        const bool wordChar = continuesWord(char32_t(codePoints.at(i)), inWord);
        if (wordChar && !inWord) {
            spans.append({i, 0});
        }
        if (wordChar) {
            ++spans.last().length;
        }
        inWord = wordChar;
    }
    return spans;
}

QString slice(const QList<uint>& codePoints, int start, int length) {
    return QString::fromUcs4(reinterpret_cast<const char32_t*>(codePoints.constData() + start),
                             length);
}

bool startsWithAny(const QString& lowerWord, const QStringList& queryWords) {
    return std::any_of(queryWords.cbegin(), queryWords.cend(),
                       [&](const QString& query) { return lowerWord.startsWith(query); });
}

// The matched words of the text.
QList<WordSpan> matchedSpans(const QList<uint>& codePoints, const QStringList& queryWords) {
    QList<WordSpan> matched;
    for (const WordSpan& span : wordSpans(codePoints)) {
        const QString word = slice(codePoints, span.start, span.length).toLower();
        if (startsWithAny(word, queryWords)) {
            matched.append(span);
        }
    }
    return matched;
}

}  // namespace

QStringList searchWords(const QString& text) {
    const QList<uint> codePoints = text.toUcs4();
    QStringList words;
    for (const WordSpan& span : wordSpans(codePoints)) {
        words.append(slice(codePoints, span.start, span.length).toLower());
    }
    return words;
}

bool matchesSearch(const QString& text, const QStringList& queryWords) {
    const QStringList words = searchWords(text);
    return !queryWords.isEmpty() &&
           std::all_of(queryWords.cbegin(), queryWords.cend(), [&](const QString& q) {
               return std::any_of(words.cbegin(), words.cend(),
                                  [&](const QString& word) { return word.startsWith(q); });
           });
}

SearchSnippet searchSnippet(const QString& body, const QStringList& queryWords, int maxChars) {
    const QList<uint> codePoints = body.toUcs4();
    const QList<WordSpan> matched = matchedSpans(codePoints, queryWords);
    const int size = int(codePoints.size());
    // The window starts a little before the first match, so that it shows some context.
    int start = matched.isEmpty() ? 0 : std::max(0, matched.first().start - maxChars / 4);
    const int end = std::min(size, start + maxChars);
    start = std::max(0, std::min(start, end - maxChars));
    const QString ellipsis = QStringLiteral("\u2026");
    SearchSnippet snippet;
    snippet.text = (start > 0 ? ellipsis : QString()) + slice(codePoints, start, end - start) +
                   (end < size ? ellipsis : QString());
    const int shift = start > 0 ? 1 - start : 0;
    for (const WordSpan& span : matched) {
        if (span.start >= start && span.start + span.length <= end) {
            snippet.highlights.append({span.start + shift, span.length});
        }
    }
    return snippet;
}

}  // namespace natter
