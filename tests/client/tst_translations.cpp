// The German translation is embedded, loads for a German locale, and is complete.
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QXmlStreamReader>
#include <QtTest>

#include "core/translations.h"
#include "core/user_error.h"
#include "ui/sign_in_window.h"

class TestTranslations : public QObject {
    Q_OBJECT

private slots:
    void englishNeedsNoTranslation() {
        QVERIFY(
            !natter::installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
        natter::SignInWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("Sign in to Natter"));
    }

    void germanLocaleShowsGermanUi() {
        QVERIFY(natter::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
        natter::SignInWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("Bei Natter anmelden"));
        auto* submit = window.findChild<QPushButton*>(QStringLiteral("submitButton"));
        QVERIFY(submit);
        QCOMPARE(submit->text(), QStringLiteral("Anmelden"));
        window.show();
        const QString artifacts = qEnvironmentVariable("NATTER_TEST_ARTIFACTS", QDir::tempPath());
        QVERIFY(QDir().mkpath(artifacts));
        QVERIFY(window.grab().save(artifacts + QStringLiteral("/sign-in-de.png")));
        QCOMPARE(natter::UserMessages::revokedElsewhere(),
                 QStringLiteral("Dieses Gerät wurde von einem anderen Gerät abgemeldet."));
    }

    // Every message in every .ts file has a finished, non-empty translation (plural forms too).
    void everyTranslationIsFinished() {
        const QStringList tsFiles =
            QDir(QStringLiteral(NATTER_TS_DIR)).entryList({QStringLiteral("*.ts")}, QDir::Files);
        QVERIFY(!tsFiles.isEmpty());
        for (const QString& name : tsFiles) {
            QFile file(QStringLiteral(NATTER_TS_DIR "/") + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&file);
            int translations = 0;
            QString source;
            while (!xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement()) {
                    continue;
                }
                if (xml.name() == QLatin1StringView("source")) {
                    source = xml.readElementText();
                } else if (xml.name() == QLatin1StringView("translation")) {
                    ++translations;
                    const QString where = name + QStringLiteral(": ") + source;
                    QVERIFY2(!xml.attributes().hasAttribute(QStringLiteral("type")),
                             qPrintable(QStringLiteral("unfinished ") + where));
                    for (const QString& form : translationForms(xml)) {
                        QVERIFY2(!form.trimmed().isEmpty(),
                                 qPrintable(QStringLiteral("empty ") + where));
                    }
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QVERIFY(translations > 0);
        }
    }

private:
    // Reads a <translation> element: its plural forms, or its text as the only form.
    static QStringList translationForms(QXmlStreamReader& xml) {
        QStringList forms;
        QString text;
        while (xml.readNext() != QXmlStreamReader::EndElement ||
               xml.name() != QLatin1StringView("translation")) {
            if (xml.isStartElement() && xml.name() == QLatin1StringView("numerusform")) {
                forms << xml.readElementText();
            } else if (xml.isCharacters()) {
                text += xml.text();
            }
            if (xml.atEnd()) {
                break;
            }
        }
        return forms.isEmpty() ? QStringList{text} : forms;
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
