#include "random_id.h"

#include <sodium.h>

#include "protocol_limits.h"

namespace natter {
namespace {

QString randomBase64Url(int bytes) {
    QByteArray buffer(bytes, Qt::Uninitialized);
    randombytes_buf(buffer.data(), size_t(buffer.size()));
    return QString::fromLatin1(
        buffer.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

}  // namespace

QString newPublicId(char prefix) {
    return QChar::fromLatin1(prefix) + u'_' + randomBase64Url(16);
}

QString newUploadId() {
    return QStringLiteral("up_") + randomBase64Url(16);
}

QString newSessionToken() {
    return randomBase64Url(32);
}

QString newResetCode() {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";  // base32
    QString code;
    for (int i = 0; i < limits::kResetCodeChars; ++i) {
        if (i > 0 && i % 4 == 0) {
            code += u'-';
        }
        code += QChar::fromLatin1(kAlphabet[randombytes_uniform(32)]);
    }
    return code;
}

QString normalizeResetCode(const QString& typed) {
    QString code;
    for (const QChar c : typed) {
        if (c != u'-' && !c.isSpace()) {
            code += c.toUpper();
        }
    }
    return code;
}

QString hashSessionToken(const QString& token) {
    const QByteArray input = token.toUtf8();
    QByteArray digest(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(digest.data()), size_t(digest.size()),
                       reinterpret_cast<const unsigned char*>(input.constData()),
                       size_t(input.size()), nullptr, 0);
    return QString::fromLatin1(digest.toHex());
}

}  // namespace natter
