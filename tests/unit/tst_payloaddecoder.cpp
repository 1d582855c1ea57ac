// PayloadDecoder: plain JSON, raw / framed / snappy-java snappy, and every way a payload can be
// rejected. Inputs are made with the real snappy library; framing and snappy-java containers are
// written here byte by byte, with a CRC-32C of the test's own (checked against the known vector).

#include "tests/support/qtestprinters.h"
#include "tests/support/snappystreams.h"
#include "worker/codec/payloaddecoder.h"

#include <snappy.h>

#include <QRandomGenerator>
#include <QtTest>

#include <cstdint>
#include <string>
#include <string_view>

using mtga::ErrorCode;
using mtga::PayloadCodec;
using mtga::PayloadDecoder;
using namespace std::string_view_literals;

using namespace mtga::test;

namespace {

constexpr size_t kDefaultLimit = PayloadDecoder::kDefaultMaxDecodedBytes;

QByteArray bytes(std::string_view text) {
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray snappyBytes(std::string_view text) {
    return bytes(rawBlock(text));
}

std::string_view view(const QByteArray& array) {
    return std::string_view(array.constData(), size_t(array.size()));
}

QByteArrayList toList(const std::vector<std::string_view>& records) {
    QByteArrayList list;
    for (const std::string_view record : records) {
        list << bytes(record);
    }
    return list;
}

// Numbered records, so that a lost, doubled or reordered one shows.
std::string recordsText(int count, QByteArrayList* expected) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        const std::string record = "{\"#event_name\":\"login\",\"i\":" + std::to_string(i) +
                                   ",\"role\":\"r" + std::to_string(i % 7) + "\"}";
        text += record + '\n';
        *expected << bytes(record);
    }
    return text;
}

PayloadCodec codecNamed(const QString& name) {
    const auto codec = mtga::parsePayloadCodec(name.toStdString());
    return codec.value_or(PayloadCodec::None);
}

}  // namespace

class TestPayloadDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void crc32cKnownVector();
    void parseCodec_data();
    void parseCodec();
    void decode_data();
    void decode();
    void rejects_data();
    void rejects();
    void autoTakesSnappyBlockStartingWithBrace();
    void tooLargeIsRefusedBeforeAllocating_data();
    void tooLargeIsRefusedBeforeAllocating();
    void recordsPointIntoValueOrScratch();
    void limitIsInclusive_data();
    void limitIsInclusive();
    void scratchIsReused();
    void mutatedInputsAreHandled();
};

void TestPayloadDecoder::crc32cKnownVector() {
    QCOMPARE(crc32c("123456789"), 0xE3069283u);
    QCOMPARE(crc32c(""), 0u);
}

void TestPayloadDecoder::parseCodec_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("expected");
    QTest::newRow("none") << QStringLiteral("none") << true << int(PayloadCodec::None);
    QTest::newRow("snappy") << QStringLiteral("snappy") << true << int(PayloadCodec::Snappy);
    QTest::newRow("auto") << QStringLiteral("auto") << true << int(PayloadCodec::Auto);
    QTest::newRow("empty") << QString() << false << 0;
    QTest::newRow("upper case") << QStringLiteral("Snappy") << false << 0;
    QTest::newRow("padded") << QStringLiteral(" none") << false << 0;
    QTest::newRow("kafka codec") << QStringLiteral("gzip") << false << 0;
    QTest::newRow("prefix") << QStringLiteral("snap") << false << 0;
}

void TestPayloadDecoder::parseCodec() {
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const std::string utf8 = name.toStdString();
    const auto codec = mtga::parsePayloadCodec(utf8);
    QCOMPARE(codec.has_value(), valid);
    if (valid) {
        QFETCH(int, expected);
        QCOMPARE(int(*codec), expected);
        QCOMPARE(mtga::payloadCodecName(*codec), std::string_view(utf8));
    }
}

void TestPayloadDecoder::decode_data() {
    QTest::addColumn<QString>("codec");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArrayList>("records");

    const QByteArray json = QByteArrayLiteral(R"({"#event_name":"login","level":3})");
    const std::string_view jsonView = view(json);
    const QString none = QStringLiteral("none");
    const QString snappy = QStringLiteral("snappy");
    const QString autoCodec = QStringLiteral("auto");

    QTest::newRow("none: plain json") << none << json << QByteArrayList{json};
    QTest::newRow("none: kept whole, newlines and all")
        << none << QByteArray(" \n" + json + "\n" + json + "\n")
        << QByteArrayList{QByteArray(" \n" + json + "\n" + json + "\n")};
    QTest::newRow("none: not parsed") << none << QByteArrayLiteral("[1,") << QByteArrayList{"[1,"};
    QTest::newRow("auto: plain json") << autoCodec << json << QByteArrayList{json};
    QTest::newRow("auto: plain json after whitespace")
        << autoCodec << QByteArray("\r\n\t " + json) << QByteArrayList{"\r\n\t " + json};

    const std::string three = std::string(jsonView) + "\n{\"b\":2}\n{\"c\":3}";
    const QByteArrayList threeRecords{json, "{\"b\":2}", "{\"c\":3}"};
    for (const QString& codec : {snappy, autoCodec}) {
        QTest::addRow("%s: raw, one record", qPrintable(codec))
            << codec << snappyBytes(jsonView) << QByteArrayList{json};
        QTest::addRow("%s: raw, three records", qPrintable(codec))
            << codec << snappyBytes(three) << threeRecords;
        QTest::addRow("%s: raw, trailing newline", qPrintable(codec))
            << codec << snappyBytes(three + "\n") << threeRecords;
        QTest::addRow("%s: raw, crlf", qPrintable(codec))
            << codec << snappyBytes(std::string(jsonView) + "\r\n{\"b\":2}\r\n{\"c\":3}\r\n")
            << threeRecords;
        QTest::addRow("%s: raw, blank and whitespace lines", qPrintable(codec))
            << codec
            << snappyBytes("\n\n" + std::string(jsonView) +
                           "\n  \t\n\r\n{\"b\":2}\n\n{\"c\":3}\n \n")
            << threeRecords;
    }

    QByteArrayList thousand;
    const std::string thousandText = recordsText(1000, &thousand);
    QTest::newRow("snappy: raw, 1000 records") << snappy << snappyBytes(thousandText) << thousand;

    QTest::newRow("framed: one compressed chunk")
        << snappy << Frame().compressed(three).bytes() << threeRecords;
    QTest::newRow("framed: one uncompressed chunk")
        << snappy << Frame().uncompressed(three).bytes() << threeRecords;
    // Records cut across chunk boundaries, as a streaming compressor does.
    QTest::newRow("framed: mixed chunks, records split across them")
        << snappy
        << Frame()
               .compressed(three.substr(0, 10))
               .uncompressed(three.substr(10, 20))
               .compressed(three.substr(30))
               .bytes()
        << threeRecords;
    QTest::newRow("framed: padding and skippable chunks")
        << autoCodec
        << Frame()
               .chunk(0xFE, std::string(100, '\0'))
               .compressed(three.substr(0, 40))
               .chunk(0x80, "skip me")
               .chunk(0xFD, "")
               .uncompressed(three.substr(40))
               .chunk(0xFE, "")
               .bytes()
        << threeRecords;
    QTest::newRow("framed: several stream identifiers (concatenated streams)")
        << snappy
        << Frame().compressed(jsonView).streamId().streamId().uncompressed("\n{\"b\":2}\n").bytes()
        << QByteArrayList{json, "{\"b\":2}"};
    QTest::newRow("framed: empty chunks")
        << snappy << Frame().compressed("").uncompressed("").compressed(jsonView).bytes()
        << QByteArrayList{json};
    Frame thousandFrame;
    for (size_t at = 0; at < thousandText.size(); at += 4000) {
        thousandFrame.compressed(std::string_view(thousandText).substr(at, 4000));
    }
    QTest::newRow("framed: 1000 records in many chunks")
        << snappy << thousandFrame.bytes() << thousand;
    QTest::newRow("framed: full-size 65536-byte chunks")
        << snappy
        << Frame()
               .compressed(std::string(jsonView) + "\n" + std::string(65536 - json.size() - 1, ' '))
               .uncompressed(std::string(65535, ' ') + "\n")
               .compressed(std::string_view("{\"b\":2}"))
               .bytes()
        << QByteArrayList{json, "{\"b\":2}"};

    QTest::newRow("xerial: one block") << snappy << Xerial().block(three).bytes() << threeRecords;
    QTest::newRow("xerial: several blocks, records split across them")
        << autoCodec
        << Xerial()
               .block(three.substr(0, 5))
               .block(three.substr(5, 30))
               .block(three.substr(35))
               .bytes()
        << threeRecords;
    Xerial thousandXerial;
    for (size_t at = 0; at < thousandText.size(); at += 10000) {
        thousandXerial.block(std::string_view(thousandText).substr(at, 10000));
    }
    QTest::newRow("xerial: 1000 records in several blocks")
        << snappy << thousandXerial.bytes() << thousand;
}

void TestPayloadDecoder::decode() {
    QFETCH(QString, codec);
    QFETCH(QByteArray, value);
    QFETCH(QByteArrayList, records);
    const PayloadDecoder decoder(codecNamed(codec));
    std::string scratch;
    const auto decoded = decoder.decode(view(value), scratch);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(toList(decoded.value()), records);
}

void TestPayloadDecoder::rejects_data() {
    QTest::addColumn<QString>("codec");
    QTest::addColumn<qulonglong>("limit");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");  // a part of it: what and where

    const QString none = QStringLiteral("none");
    const QString snappy = QStringLiteral("snappy");
    const QString autoCodec = QStringLiteral("auto");
    const QString decodeError = QStringLiteral("payload_decode");
    const QString tooLarge = QStringLiteral("too_large");
    const QString invalidJson = QStringLiteral("invalid_json");
    const qulonglong noLimit = kDefaultLimit;
    const std::string json = R"({"#event_name":"login","level":3})";
    const std::string three = json + "\n{\"b\":2}\n{\"c\":3}\n";
    const QString empty = QStringLiteral("empty message");
    // The first chunk after the 10-byte stream identifier starts at byte 10.
    const size_t firstChunk = Frame().size();
    const QString atFirstChunk = QStringLiteral("at byte %1").arg(firstChunk);

    for (const QString& codec : {none, snappy, autoCodec}) {
        QTest::addRow("%s: empty value", qPrintable(codec))
            << codec << noLimit << QByteArray() << invalidJson << empty;
    }
    QTest::newRow("none: whitespace only")
        << none << noLimit << QByteArrayLiteral(" \r\n\t") << invalidJson << empty;
    QTest::newRow("auto: whitespace only")
        << autoCodec << noLimit << QByteArrayLiteral("\n\n ") << invalidJson << empty;

    QTest::newRow("snappy: plain json")
        << snappy << noLimit << bytes(json) << decodeError << QStringLiteral("at byte 0");
    // '{' reads as a snappy header claiming 123 bytes: over this limit, yet corrupt, not large.
    QTest::newRow("snappy: plain json under a small limit")
        << snappy << qulonglong(40) << bytes(json) << decodeError
        << QStringLiteral("at byte 0: corrupt data");
    QTest::newRow("auto: neither json nor snappy")
        << autoCodec << noLimit << QByteArrayLiteral("x[1,2,3]") << decodeError
        << QStringLiteral("at byte 0");
    QTest::newRow("raw: unreadable length header")
        << snappy << noLimit << QByteArrayLiteral("\xff\xff\xff\xff\xff\xff") << decodeError
        << QStringLiteral("unreadable length header");
    const std::string block = rawBlock(three);
    QTest::newRow("raw: truncated block")
        << snappy << noLimit << bytes(std::string_view(block).substr(0, block.size() - 3))
        << decodeError << QStringLiteral("at byte 0: corrupt data");
    std::string lying = block;
    lying[0] = static_cast<char>(lying[0] + 1);  // claims one byte more than it holds
    QTest::newRow("raw: length header does not match the data")
        << snappy << noLimit << bytes(lying) << decodeError
        << QStringLiteral("at byte 0: corrupt data");
    std::string badCopy = block;
    badCopy.append("\xfe\xff\xff", 3);  // a copy reaching before the start of the output
    badCopy[0] = static_cast<char>(badCopy[0] + 64);
    QTest::newRow("raw: copy before the start")
        << snappy << noLimit << bytes(badCopy) << decodeError << QStringLiteral("corrupt data");
    QTest::newRow("raw: corrupt and over the limit")
        << snappy << qulonglong(three.size() - 1) << bytes(badCopy) << decodeError
        << QStringLiteral("at byte 0: corrupt data");
    // 0x80 0x80 0x80 0x10 claims 32 MiB: under the limit, far beyond what 6 bytes can hold.
    QTest::newRow("raw: header claims more than the block can hold")
        << snappy << noLimit << QByteArrayLiteral("\x80\x80\x80\x10\x00\x00") << decodeError
        << QStringLiteral("cannot decode to the 33554432");
    QTest::newRow("raw: no record") << snappy << noLimit << snappyBytes(" \n\r\n \n") << decodeError
                                    << QStringLiteral("no JSON record");
    QTest::newRow("raw: nothing at all") << snappy << noLimit << QByteArrayLiteral("\x00")
                                         << decodeError << QStringLiteral("no JSON record");
    QTest::newRow("raw: too large")
        << snappy << qulonglong(three.size() - 1) << snappyBytes(three) << tooLarge
        << QStringLiteral("over the limit of %1 bytes").arg(three.size() - 1);
    QTest::newRow("raw: too large, says by how much")
        << snappy << qulonglong(three.size() - 1) << snappyBytes(three) << tooLarge
        << QStringLiteral("at byte 0 brings it to %1 bytes").arg(three.size());

    QTest::newRow("framed: bad crc, compressed chunk")
        << snappy << noLimit << Frame().withBadCrc(0x00, three).bytes() << decodeError
        << QStringLiteral("CRC mismatch in the snappy chunk ") + atFirstChunk;
    QTest::newRow("framed: bad crc, uncompressed chunk")
        << snappy << noLimit << Frame().compressed(json).withBadCrc(0x01, "\n{}").bytes()
        << decodeError
        << QStringLiteral("CRC mismatch in the snappy chunk at byte %1")
               .arg(Frame().compressed(json).size());
    QTest::newRow("framed: truncated chunk header")
        << snappy << noLimit << Frame().compressed(three).raw("\x00\x10"sv).bytes() << decodeError
        << QStringLiteral("chunk header at byte %1").arg(Frame().compressed(three).size());
    const QByteArray whole = Frame().compressed(three).bytes();
    QTest::newRow("framed: truncated chunk body")
        << snappy << noLimit << whole.left(whole.size() - 1) << decodeError
        << QStringLiteral("chunk at byte %1 declares").arg(firstChunk);
    QTest::newRow("framed: truncated stream identifier")
        << snappy << noLimit << Frame().bytes().left(7) << decodeError
        << QStringLiteral("at byte 0");
    QTest::newRow("framed: chunk too short for its checksum")
        << snappy << noLimit << Frame().chunk(0x00, "\x01\x02").bytes() << decodeError
        << QStringLiteral("too short to hold its checksum");
    QTest::newRow("framed: unskippable chunk 0x02")
        << snappy << noLimit << Frame().chunk(0x02, "xx").compressed(three).bytes() << decodeError
        << QStringLiteral("chunk type 0x02 ") + atFirstChunk;
    QTest::newRow("framed: unskippable chunk 0x7f")
        << autoCodec << noLimit << Frame().compressed(three).chunk(0x7F, "").bytes() << decodeError
        << QStringLiteral("chunk type 0x7f at byte %1").arg(Frame().compressed(three).size());
    QTest::newRow("framed: bad second stream identifier")
        << snappy << noLimit << Frame().compressed(three).chunk(0xFF, "snappy").bytes()
        << decodeError << QStringLiteral("stream identifier at byte");
    QTest::newRow("framed: corrupt compressed chunk")
        << snappy << noLimit << Frame().chunk(0x00, "\0\0\0\0\x05\x00"sv).bytes() << decodeError
        << QStringLiteral("at byte %1: corrupt data").arg(firstChunk + 8);
    QTest::newRow("framed: uncompressed chunk over 65536 bytes")
        << snappy << noLimit << Frame().uncompressed(std::string(65537, ' ')).bytes() << decodeError
        << QStringLiteral("holds 65537 bytes");
    QTest::newRow("framed: compressed chunk over 65536 bytes")
        << snappy << noLimit << Frame().compressed(std::string(65537, ' ')).bytes() << decodeError
        << QStringLiteral("decodes to 65537 bytes");
    QTest::newRow("framed: only a stream identifier")
        << snappy << noLimit << Frame().bytes() << decodeError << QStringLiteral("no JSON record");
    // Each chunk is under the limit, their sum is not.
    QTest::newRow("framed: too large, compressed chunks")
        << snappy << qulonglong(three.size() + 5)
        << Frame().compressed(three).compressed(three).bytes() << tooLarge
        << QStringLiteral("over the limit of %1 bytes").arg(three.size() + 5);
    QTest::newRow("framed: too large, uncompressed chunks")
        << snappy << qulonglong(three.size() + 5)
        << Frame().uncompressed(three).uncompressed(three).bytes() << tooLarge
        << QStringLiteral("at byte %1 brings it to %2 bytes")
               .arg(Frame().uncompressed(three).size())
               .arg(2 * three.size());

    QTest::newRow("xerial: truncated header")
        << snappy << noLimit << Xerial().bytes().left(12) << decodeError
        << QStringLiteral("snappy-java header: 12 bytes");
    QTest::newRow("xerial: truncated block length")
        << snappy << noLimit << Xerial().block(three).raw("\0\0"sv).bytes() << decodeError
        << QStringLiteral("block length at byte %1").arg(Xerial().block(three).size());
    const QByteArray xerial = Xerial().block(three).bytes();
    QTest::newRow("xerial: truncated block") << snappy << noLimit << xerial.left(xerial.size() - 1)
                                             << decodeError << QStringLiteral("block at byte 16");
    QTest::newRow("xerial: corrupt block")
        << snappy << noLimit << Xerial().block(json).compressedBlock("\x05\x00"sv).bytes()
        << decodeError
        << QStringLiteral("at byte %1: corrupt data").arg(Xerial().block(json).size() + 4);
    QTest::newRow("xerial: no block")
        << snappy << noLimit << Xerial().bytes() << decodeError << QStringLiteral("no JSON record");
    QTest::newRow("xerial: too large")
        << snappy << qulonglong(three.size() + 5) << Xerial().block(three).block(three).bytes()
        << tooLarge << QStringLiteral("over the limit of %1 bytes").arg(three.size() + 5);
}

void TestPayloadDecoder::rejects() {
    QFETCH(QString, codec);
    QFETCH(qulonglong, limit);
    QFETCH(QByteArray, value);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const PayloadDecoder decoder(codecNamed(codec), size_t(limit));
    std::string scratch;
    const auto decoded = decoder.decode(view(value), scratch);
    QVERIFY2(!decoded.ok(),
             qPrintable(decoded.ok() ? QString::number(decoded->size()) + QStringLiteral(" records")
                                     : QString()));
    QCOMPARE(decoded.error().codeName(), code);
    QVERIFY2(decoded.error().message.contains(message), qPrintable(decoded.error().message));
}

void TestPayloadDecoder::autoTakesSnappyBlockStartingWithBrace() {
    // 123 decoded bytes: the block's length header is the byte '{'.
    std::string text = "{\"k\":\"" + std::string(114, 'a') + "\"}\n";
    QCOMPARE(text.size(), size_t(123));
    const std::string block = rawBlock(text);
    QCOMPARE(block.front(), '{');
    std::string scratch;
    const auto decoded = PayloadDecoder(PayloadCodec::Auto).decode(block, scratch);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded->size(), size_t(1));
    QCOMPARE(decoded->front(), std::string_view(text).substr(0, 122));
}

void TestPayloadDecoder::tooLargeIsRefusedBeforeAllocating_data() {
    QTest::addColumn<QByteArray>("value");
    const std::string big = std::string(1 << 20, ' ') + "{}";
    QTest::newRow("raw") << snappyBytes(big);
    QTest::newRow("xerial") << Xerial().block(big).bytes();
    Frame frame;
    for (size_t at = 0; at < big.size(); at += 65536) {
        frame.compressed(std::string_view(big).substr(at, 65536));
    }
    QTest::newRow("framed") << frame.bytes();
}

void TestPayloadDecoder::tooLargeIsRefusedBeforeAllocating() {
    QFETCH(QByteArray, value);
    constexpr size_t limit = size_t{100} * 1024;
    std::string scratch;
    const auto decoded = PayloadDecoder(PayloadCodec::Snappy, limit).decode(view(value), scratch);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().code, ErrorCode::TooLarge);
    QVERIFY2(scratch.capacity() <= limit, qPrintable(QString::number(scratch.capacity())));
    // And the same payload decodes under the default limit: the refusal was the limit's doing.
    QVERIFY(PayloadDecoder(PayloadCodec::Snappy).decode(view(value), scratch).ok());
}

void TestPayloadDecoder::limitIsInclusive_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qulonglong>("decodedSize");
    const std::string text = "{\"a\":1}\n{\"b\":2}\n";
    QTest::newRow("raw") << snappyBytes(text) << qulonglong(text.size());
    QTest::newRow("framed") << Frame().compressed(text).uncompressed(text).bytes()
                            << qulonglong(2 * text.size());
    QTest::newRow("xerial") << Xerial().block(text).block(text).bytes()
                            << qulonglong(2 * text.size());
}

// A payload of exactly the limit decodes; one byte less of limit refuses it.
void TestPayloadDecoder::limitIsInclusive() {
    QFETCH(QByteArray, value);
    QFETCH(qulonglong, decodedSize);
    std::string scratch;
    const auto atLimit =
        PayloadDecoder(PayloadCodec::Snappy, decodedSize).decode(view(value), scratch);
    QVERIFY(atLimit.ok());
    QCOMPARE(scratch.size(), size_t(decodedSize));
    const auto overLimit =
        PayloadDecoder(PayloadCodec::Snappy, decodedSize - 1).decode(view(value), scratch);
    QVERIFY(!overLimit.ok());
    QCOMPARE(overLimit.error().code, ErrorCode::TooLarge);
}

void TestPayloadDecoder::recordsPointIntoValueOrScratch() {
    const std::string plain = R"({"a":1})";
    std::string scratch = "left over";
    const auto asJson = PayloadDecoder(PayloadCodec::Auto).decode(plain, scratch);
    QVERIFY(asJson.ok());
    QCOMPARE(asJson->size(), size_t(1));
    QCOMPARE(static_cast<const void*>(asJson->front().data()),
             static_cast<const void*>(plain.data()));
    QCOMPARE(scratch, std::string("left over"));  // untouched when nothing is decoded

    const std::string block = rawBlock("{\"a\":1}\n{\"b\":2}\n");
    const auto decoded = PayloadDecoder(PayloadCodec::Auto).decode(block, scratch);
    QVERIFY(decoded.ok());
    QCOMPARE(scratch, std::string("{\"a\":1}\n{\"b\":2}\n"));
    QCOMPARE(decoded->size(), size_t(2));
    QCOMPARE(static_cast<const void*>(decoded->at(0).data()),
             static_cast<const void*>(scratch.data()));
    QCOMPARE(static_cast<const void*>(decoded->at(1).data()),
             static_cast<const void*>(scratch.data() + 8));
}

void TestPayloadDecoder::scratchIsReused() {
    const PayloadDecoder decoder(PayloadCodec::Snappy);
    std::string scratch;
    QByteArrayList expected;
    const std::string big = recordsText(200, &expected);
    const auto first = decoder.decode(rawBlock(big), scratch);
    QVERIFY(first.ok());
    QCOMPARE(toList(first.value()), expected);
    const char* buffer = scratch.data();
    const QByteArray framed = Frame().compressed("{\"x\":1}\n").bytes();
    const auto second = decoder.decode(view(framed), scratch);
    QVERIFY(second.ok());
    QCOMPARE(toList(second.value()), QByteArrayList{"{\"x\":1}"});
    QCOMPARE(static_cast<const void*>(scratch.data()), static_cast<const void*>(buffer));
}

// A smoke test only (the fuzz target goes further): flipped, cut and spliced bytes of valid
// payloads must give records or an error, never a crash, and records must be real lines.
void TestPayloadDecoder::mutatedInputsAreHandled() {
    QByteArrayList ignored;
    const std::string text = recordsText(40, &ignored);
    const QByteArrayList seeds{
        snappyBytes(text),
        Frame().compressed(text.substr(0, 500)).uncompressed(text.substr(500)).bytes(),
        Xerial().block(text.substr(0, 300)).block(text.substr(300)).bytes(),
    };
    QRandomGenerator random(20240611);
    constexpr size_t limit = 4096;
    int decodedCount = 0;
    int rejectedCount = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray value = seeds[int(random.bounded(seeds.size()))];
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits && !value.isEmpty(); ++e) {
            const auto at = qsizetype(random.bounded(int(value.size())));
            switch (random.bounded(4)) {
                case 0:
                    value[at] = char(random.bounded(256));
                    break;
                case 1:
                    value.truncate(at);
                    break;
                case 2:
                    value.insert(at, char(random.bounded(256)));
                    break;
                default:
                    value.remove(at, 1 + qsizetype(random.bounded(8)));
                    break;
            }
        }
        for (const PayloadCodec codec : {PayloadCodec::Snappy, PayloadCodec::Auto}) {
            std::string scratch;
            const auto decoded = PayloadDecoder(codec, limit).decode(view(value), scratch);
            if (!decoded.ok()) {
                ++rejectedCount;
                QVERIFY(!decoded.error().message.isEmpty());
                continue;
            }
            ++decodedCount;
            QVERIFY(scratch.size() <= limit);
            for (const std::string_view record : decoded.value()) {
                QVERIFY(!record.empty());
                QVERIFY(record.find('\n') == std::string_view::npos);
                const bool inScratch =
                    record.data() >= scratch.data() &&
                    record.data() + record.size() <= scratch.data() + scratch.size();
                const bool inValue =
                    record.data() >= value.constData() &&
                    record.data() + record.size() <= value.constData() + value.size();
                QVERIFY(inScratch || inValue);
            }
        }
    }
    QVERIFY(decodedCount > 0);
    QVERIFY(rejectedCount > 0);
}

QTEST_GUILESS_MAIN(TestPayloadDecoder)
#include "tst_payloaddecoder.moc"
