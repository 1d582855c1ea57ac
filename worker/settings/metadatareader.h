#pragma once

// MetadataReader: an app's metadata file (metadata.<app>.json) into its settings: the event
// name prefix, the identity fields, #time, uuids, the log types, the property rules, ta_check.

#include "worker/settings/schemareader.h"
#include "worker/transform/appsettings.h"

namespace mtga {

class MetadataReader {
public:
    // Errors go to `errors`; what is valid is set in `app` all the same.
    MetadataReader(const JsoncDocument& document, AppSettings& app, QStringList& errors)
        : m_document(document), m_reader(document, errors), m_app(app) {}

    void read();

private:
    void readIdentity(const QJsonObject& root);
    void readTime(const QJsonValue& value);
    void readLogs(const QJsonValue& value);
    void readProperties(const QJsonValue& value);

    const JsoncDocument& m_document;
    SchemaReader m_reader;
    AppSettings& m_app;
};

}  // namespace mtga
