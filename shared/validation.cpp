#include "validation.h"

#include <algorithm>

#include "protocol_limits.h"

namespace natter {
namespace {

bool isUsernameChar(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_' || c == u'.' ||
           c == u'-';
}

bool hasControlCharacter(const QString& text) {
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
            c == QChar::ParagraphSeparator) {
            return true;
        }
    }
    return false;
}

}  // namespace

FieldCheck checkLabel(const QString& raw, const QString& what, int maxChars) {
    const QString value = raw.trimmed();
    const int count = codePointCount(value);
    if (count < 1 || count > maxChars) {
        return {value, QStringLiteral("%1 must be 1-%2 characters.").arg(what).arg(maxChars)};
    }
    if (hasControlCharacter(value)) {
        return {value, QStringLiteral("%1 must not contain control characters.").arg(what)};
    }
    return {value, {}};
}

int codePointCount(const QString& text) {
    int count = 0;
    for (int i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() &&
            text.at(i + 1).isLowSurrogate()) {
            ++i;
        }
        ++count;
    }
    return count;
}

FieldCheck checkUsername(const QString& raw) {
    QString value = raw.trimmed();
    for (QChar& c : value) {
        if (c >= u'A' && c <= u'Z') {
            c = c.toLower();
        }
    }
    const QString rule = QStringLiteral(
                             "username must be %1-%2 characters of a-z, 0-9, '_', '.' or "
                             "'-', starting with a letter or digit.")
                             .arg(limits::kUsernameMinChars)
                             .arg(limits::kUsernameMaxChars);
    if (value.size() < limits::kUsernameMinChars || value.size() > limits::kUsernameMaxChars ||
        !value.at(0).isLetterOrNumber()) {
        return {value, rule};
    }
    for (const QChar c : value) {
        if (!isUsernameChar(c)) {
            return {value, rule};
        }
    }
    return {value, {}};
}

FieldCheck checkDisplayName(const QString& raw) {
    return checkLabel(raw, QStringLiteral("display_name"), limits::kDisplayNameMaxChars);
}

FieldCheck checkDeviceName(const QString& raw) {
    return checkLabel(raw, QStringLiteral("device_name"), limits::kDeviceNameMaxChars);
}

FieldCheck checkPassword(const QString& raw) {
    const auto bytes = raw.toUtf8().size();
    if (bytes < limits::kPasswordMinBytes || bytes > limits::kPasswordMaxBytes) {
        return {raw, QStringLiteral("password must be %1-%2 bytes long.")
                         .arg(limits::kPasswordMinBytes)
                         .arg(limits::kPasswordMaxBytes)};
    }
    return {raw, {}};
}

bool isSha256Hex(const QString& text) {
    return text.size() == 64 && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
               return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
           });
}

bool isWellFormedToken(const QString& token) {
    if (token.size() != limits::kTokenChars) {
        return false;
    }
    for (const QChar c : token) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                        (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace natter
