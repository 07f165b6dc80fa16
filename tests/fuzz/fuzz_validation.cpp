// Fuzz target: the field and message rules of docs/protocol.md sections 2, 5.1 and 5.2
// (shared/validation.h, shared/message_rules.h). The raw input and every string in a JSON params
// object go through every field check; type/body/meta go through checkMessageContent the way
// messages.send reads them. Accepted values must keep the documented rule; refusals must be
// invalid_params naming the field.
#include <QJsonDocument>
#include <QJsonObject>

#include "codec.h"
#include "fuzz_support.h"
#include "message_rules.h"
#include "protocol_limits.h"
#include "validation.h"

namespace natter::fuzz {
namespace {

bool isControl(QChar c) {
    return c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
           c == QChar::ParagraphSeparator;
}

void checkUsernameRule(const QString& raw) {
    const FieldCheck result = checkUsername(raw);
    FUZZ_CHECK(result.value == result.value.trimmed());
    if (!result.ok()) {
        return;
    }
    const QString& name = result.value;
    FUZZ_CHECK(name.size() >= limits::kUsernameMinChars &&
               name.size() <= limits::kUsernameMaxChars);
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        FUZZ_CHECK(alnum || (i > 0 && (c == u'_' || c == u'.' || c == u'-')));
    }
    FUZZ_CHECK(checkUsername(name).ok() && checkUsername(name).value == name);  // idempotent
}

// Display, device and group names: trimmed, 1..max code points, no control characters.
void checkLabelRule(FieldCheck (*check)(const QString&), const QString& raw, int maxChars) {
    const FieldCheck result = check(raw);
    FUZZ_CHECK(result.value == raw.trimmed());
    if (!result.ok()) {
        return;
    }
    const int count = codePointCount(result.value);
    FUZZ_CHECK(count >= 1 && count <= maxChars);
    for (const QChar c : result.value) {
        FUZZ_CHECK(!isControl(c));
    }
    FUZZ_CHECK(check(result.value).ok() && check(result.value).value == result.value);
}

void checkFieldRules(const QString& raw) {
    const int count = codePointCount(raw);
    FUZZ_CHECK(count <= raw.size() && 2 * count >= raw.size());
    checkUsernameRule(raw);
    checkLabelRule(&checkDisplayName, raw, limits::kDisplayNameMaxChars);
    checkLabelRule(&checkDeviceName, raw, limits::kDeviceNameMaxChars);
    checkLabelRule(&checkGroupName, raw, limits::kGroupNameMaxChars);
    const qsizetype bytes = raw.toUtf8().size();
    FUZZ_CHECK(checkPassword(raw).ok() ==
               (bytes >= limits::kPasswordMinBytes && bytes <= limits::kPasswordMaxBytes));
    FUZZ_CHECK(checkPassword(raw).value == raw);  // used as given, never trimmed
    if (isWellFormedToken(raw)) {
        FUZZ_CHECK(raw.size() == limits::kTokenChars && raw.toLatin1() == raw.toUtf8());
    }
    // Section 2 counts characters as Unicode code points, client_message_id too.
    FUZZ_CHECK(checkClientMessageId(raw).ok() ==
               (count >= 1 && count <= limits::kClientMessageIdMaxChars));
}

// As messages.send reads them: type required, body optional, meta an optional object.
void checkContentRules(const QJsonObject& params) {
    ParamReader reader(params);
    MessageContent content;
    content.type = reader.requiredString(QStringLiteral("type"));
    content.body = reader.optionalString(QStringLiteral("body")).value_or(QString());
    content.meta = reader.optionalObject(QStringLiteral("meta"));
    const auto problem = checkMessageContent(content);
    if (problem) {
        checkRejection(QJsonValue(1), *problem, {ErrorCode::InvalidParams});
        const QStringList fields{QStringLiteral("type"), QStringLiteral("body"),
                                 QStringLiteral("meta")};
        FUZZ_CHECK(fields.contains(problem->field));
        return;
    }
    FUZZ_CHECK(isClientMessageType(content.type) && content.type != QStringLiteral("system"));
    FUZZ_CHECK(codePointCount(content.body) <= limits::kMessageBodyMaxChars);
    if (content.type == QStringLiteral("text")) {
        FUZZ_CHECK(!content.body.trimmed().isEmpty() && !content.meta);
    } else {
        FUZZ_CHECK(content.meta.has_value());
        FUZZ_CHECK(QJsonDocument(*content.meta).toJson(QJsonDocument::Compact).size() <=
                   limits::kMessageMetaMaxBytes);
        FUZZ_CHECK(content.meta->value(QStringLiteral("size")).toDouble(-1) >= 0);
    }
}

}  // namespace

void fuzzText(const QString& text) {
    checkFieldRules(text);
    // A request frame's params, or a bare params object.
    const auto request = decodeChecked(text);
    const QJsonObject params =
        request ? request->params : QJsonDocument::fromJson(text.toUtf8()).object();
    for (auto it = params.begin(); it != params.end(); ++it) {
        checkFieldRules(it.key());
        if (it.value().isString()) {
            checkFieldRules(it.value().toString());
        }
    }
    checkContentRules(params);
}

}  // namespace natter::fuzz
