#include "tls_files.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace natter {

std::variant<QSslConfiguration, QString> loadTls(const ServerConfig& config) {
    QFile certFile(config.tlsCertFile);
    QFile keyFile(config.tlsKeyFile);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return QStringLiteral("cannot read the TLS certificate or key file");
    }
    const auto chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    }
    if (chain.isEmpty() || key.isNull()) {
        return QStringLiteral("the TLS certificate or key is not valid PEM (RSA or EC key)");
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);  // clients are authenticated by the protocol
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

}  // namespace natter
