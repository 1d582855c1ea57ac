// The Chinese translation is complete and is what the binaries load for a zh_CN locale.

#include "shared/translator.h"

#include <QFile>
#include <QRegularExpression>
#include <QTranslator>
#include <QtTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tsFileIsComplete();
    void embeddedTranslationLoadsForChinese();
    void englishNeedsNoTranslation();
};

void TestTranslations::tsFileIsComplete() {
    QFile ts(QStringLiteral(MTGA_SOURCE_DIR "/translations/mtga_zh_CN.ts"));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    int messages = 0;
    QStringList untranslated;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            // Plural forms come as <numerusform> children.
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty()) {
                untranslated << source;
            }
            // Every %n of the source must survive translation, once each, or arg() misplaces
            // values at run time.
            static const QRegularExpression kPlaceholder(QStringLiteral("%\\d"));
            QStringList wanted;
            QStringList found;
            for (const auto& match : kPlaceholder.globalMatch(source)) {
                wanted << match.captured();
            }
            for (const auto& match : kPlaceholder.globalMatch(text)) {
                found << match.captured();
            }
            wanted.sort();
            found.sort();
            if (wanted != found) {
                untranslated << QStringLiteral("placeholders differ: ") + source;
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 20);
    QVERIFY2(untranslated.isEmpty(), qPrintable(QStringLiteral("untranslated: ") +
                                                untranslated.join(QStringLiteral(" | "))));
}

void TestTranslations::embeddedTranslationLoadsForChinese() {
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QVERIFY(mtga::installTranslators(*QCoreApplication::instance()));
    const QString translated = QCoreApplication::translate("DemoCommand", "Press Ctrl-C to stop.");
    QVERIFY(translated != QLatin1String("Press Ctrl-C to stop."));
    QVERIFY(translated.contains(QLatin1String("Ctrl-C")));
}

void TestTranslations::englishNeedsNoTranslation() {
    QTranslator translator;
    QVERIFY(!translator.load(QLocale(QLocale::English, QLocale::UnitedStates),
                             QStringLiteral("mtga"), QStringLiteral("_"),
                             QStringLiteral(":/i18n")));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
