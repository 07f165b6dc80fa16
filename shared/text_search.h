// Message search text rules (docs/protocol.md 5.3a), shared by the server (what a query means,
// the snippet of a hit) and the client (searching its local cache the same way).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace natter {

// The words of `text`: maximal runs of letters and digits (a combining mark continues the word
// before it), lowercased character by character (as SQLite's FTS5 and PostgreSQL's lower() do,
// so "ß" stays "ß"), in order, duplicates kept.
QStringList searchWords(const QString& text);

// Whether every query word (lowercased, as searchWords gives them) starts some word of `text`
// (the match rule of messages.search).
bool matchesSearch(const QString& text, const QStringList& queryWords);

// A stretch of a body to show for a hit: plain text, and the matched words in it as
// [start, length] pairs counted in code points.
struct SearchSnippet {
    QString text;
    QList<std::pair<int, int>> highlights;
};

// At most maxChars code points of `body` around its first match, with "…" marking a cut at
// either end; every word that starts with a query word is highlighted.
SearchSnippet searchSnippet(const QString& body, const QStringList& queryWords, int maxChars);

}  // namespace natter
