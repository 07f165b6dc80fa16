// The pure text rules of the spam checks (docs/protocol.md section 5.6): which words a text has,
// whether it contains an entry of the server's banned list, whether it contains a link, and what
// the link policy allows. No state beyond the loaded list: safe to use from any thread.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

namespace natter::safety {

// The words of `text`, case-folded: maximal runs of letters and digits. The text is NFC-normalised
// first, and a combining mark continues the word it follows, so a decomposed "café" or a word in
// a script that writes vowels as marks stays one word.
QStringList wordsOf(const QString& text);

// The server's banned list: words and phrases (runs of whole words), matched case-insensitively.
class BannedWords {
public:
    BannedWords() = default;

    // Parses the banned-words file format: UTF-8, one entry per line, empty lines and lines
    // starting with '#' ignored. The error names the problem (and line) in one sentence.
    static std::variant<BannedWords, QString> parse(const QByteArray& utf8);
    static std::variant<BannedWords, QString> load(const QString& path);

    int size() const { return count_; }
    // True when some entry occurs in `text` as a run of whole words.
    bool matches(const QString& text) const;

private:
    QHash<QString, QList<QStringList>> byFirstWord_;  // entries as word lists, by their first word
    int count_ = 0;
};

// True when `text` contains a link: a word starting with "www." or a URI scheme followed by "://"
// (such as "https://"), case-insensitively.
bool containsLink(const QString& text);

enum class LinkPolicy { Allow, Contacts, Deny };

// "allow", "contacts" or "deny"; nullopt for anything else.
std::optional<LinkPolicy> parseLinkPolicy(const QString& name);

// Whether a message may carry a link. inRequest: it goes into (or creates) a private conversation
// that is still a chat request for its recipient, and does not come from that recipient.
bool linksAllowed(LinkPolicy policy, bool inRequest);

}  // namespace natter::safety
