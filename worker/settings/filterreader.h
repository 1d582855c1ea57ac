#pragma once

// FilterReader: an app's filter file (filter.<app>.json) into its settings: the log names let
// through or dropped, and the named drop rules.

#include "worker/settings/schemareader.h"
#include "worker/transform/appsettings.h"

namespace mtga {

class FilterReader {
public:
    // Errors go to `errors`; what is valid is set in `app` all the same.
    FilterReader(const JsoncDocument& document, AppSettings& app, QStringList& errors)
        : m_document(document), m_reader(document, errors), m_app(app) {}

    void read();

private:
    void readLogNames(const QJsonValue& value);
    void readRules(const QJsonValue& value);

    const JsoncDocument& m_document;
    SchemaReader m_reader;
    AppSettings& m_app;
};

}  // namespace mtga
