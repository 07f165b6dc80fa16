#include "spam_rules.h"

#include <QFile>
#include <QStringDecoder>

#include "protocol_limits.h"
#include "validation.h"

namespace natter::safety {
namespace {

bool isMark(char32_t c) {
    const QChar::Category category = QChar::category(c);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining ||
           category == QChar::Mark_Enclosing;
}

// Whether c belongs to the word it follows (a mark only continues a word, never starts one).
bool continuesWord(char32_t c) {
    return QChar::isLetterOrNumber(c) || isMark(c);
}

char32_t asciiLower(char32_t c) {
    return c >= U'A' && c <= U'Z' ? c + (U'a' - U'A') : c;
}

bool isAsciiLetter(char32_t c) {
    return asciiLower(c) >= U'a' && asciiLower(c) <= U'z';
}

// RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
bool isSchemeChar(char32_t c) {
    return isAsciiLetter(c) || (c >= U'0' && c <= U'9') || c == U'+' || c == U'-' || c == U'.';
}

// "www." starting a word at i.
bool wwwAt(const QList<uint>& cps, qsizetype i) {
    if (i + 4 > cps.size() || (i > 0 && continuesWord(cps[i - 1]))) {
        return false;
    }
    return asciiLower(cps[i]) == U'w' && asciiLower(cps[i + 1]) == U'w' &&
           asciiLower(cps[i + 2]) == U'w' && cps[i + 3] == U'.';
}

// "://" at i, right after a scheme (the run of scheme characters before it holds a letter, where
// the scheme starts).
bool schemeSeparatorAt(const QList<uint>& cps, qsizetype i) {
    if (i + 3 > cps.size() || cps[i] != U':' || cps[i + 1] != U'/' || cps[i + 2] != U'/') {
        return false;
    }
    for (qsizetype j = i - 1; j >= 0 && isSchemeChar(cps[j]); --j) {
        if (isAsciiLetter(cps[j])) {
            return true;
        }
    }
    return false;
}

}  // namespace

QStringList wordsOf(const QString& text) {
    QStringList words;
    QList<char32_t> current;
    const auto flush = [&] {
        if (!current.isEmpty()) {
            words.append(QString::fromUcs4(current.constData(), current.size()).toCaseFolded());
            current.clear();
        }
    };
    for (const uint c : text.normalized(QString::NormalizationForm_C).toUcs4()) {
        if (QChar::isLetterOrNumber(c) || (isMark(c) && !current.isEmpty())) {
            current.append(c);
        } else {
            flush();
        }
    }
    flush();
    return words;
}

std::variant<BannedWords, QString> BannedWords::parse(const QByteArray& utf8) {
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(utf8);
    if (decoder.hasError()) {
        return QStringLiteral("it is not valid UTF-8");
    }
    BannedWords list;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString entry = lines.at(i).trimmed();
        if (entry.isEmpty() || entry.startsWith(u'#')) {
            continue;
        }
        if (codePointCount(entry) > limits::kBannedWordMaxChars) {
            return QStringLiteral("line %1 is longer than %2 characters")
                .arg(i + 1)
                .arg(limits::kBannedWordMaxChars);
        }
        const QStringList words = wordsOf(entry);
        if (words.isEmpty()) {
            return QStringLiteral("line %1 has no letters or digits, so it can never match")
                .arg(i + 1);
        }
        if (++list.count_ > limits::kBannedWordsMax) {
            return QStringLiteral("it has more than %1 entries").arg(limits::kBannedWordsMax);
        }
        list.byFirstWord_[words.constFirst()].append(words);
    }
    return list;
}

std::variant<BannedWords, QString> BannedWords::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("cannot read the banned-words file ") + path;
    }
    auto parsed = parse(file.readAll());
    if (const auto* error = std::get_if<QString>(&parsed)) {
        return QStringLiteral("banned-words file %1: %2").arg(path, *error);
    }
    return parsed;
}

bool BannedWords::matches(const QString& text) const {
    if (count_ == 0) {
        return false;
    }
    const QStringList words = wordsOf(text);
    for (qsizetype i = 0; i < words.size(); ++i) {
        const auto candidates = byFirstWord_.constFind(words.at(i));
        if (candidates == byFirstWord_.constEnd()) {
            continue;
        }
        for (const QStringList& entry : candidates.value()) {
            if (i + entry.size() <= words.size() &&
                std::equal(entry.begin(), entry.end(), words.begin() + i)) {
                return true;
            }
        }
    }
    return false;
}

bool containsLink(const QString& text) {
    const QList<uint> cps = text.toUcs4();
    for (qsizetype i = 0; i < cps.size(); ++i) {
        if (wwwAt(cps, i) || schemeSeparatorAt(cps, i)) {
            return true;
        }
    }
    return false;
}

std::optional<LinkPolicy> parseLinkPolicy(const QString& name) {
    if (name == QLatin1StringView("allow")) {
        return LinkPolicy::Allow;
    }
    if (name == QLatin1StringView("contacts")) {
        return LinkPolicy::Contacts;
    }
    if (name == QLatin1StringView("deny")) {
        return LinkPolicy::Deny;
    }
    return std::nullopt;
}

bool linksAllowed(LinkPolicy policy, bool inRequest) {
    switch (policy) {
        case LinkPolicy::Allow:
            return true;
        case LinkPolicy::Contacts:
            return !inRequest;
        case LinkPolicy::Deny:
            return false;
    }
    return false;
}

}  // namespace natter::safety
