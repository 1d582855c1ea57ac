// The kafka section: KafkaSourceOptions (the pipeline's source).

#include "worker/config/configschema.h"
#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

#include <algorithm>
#include <limits>

namespace mtga {

using namespace configfields;

namespace {

KafkaSourceOptions& sourceOf(WorkerConfig& config) {
    return config.pipeline.source;
}

void readTopics(Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
    const std::vector<Tree>* items = r.list(v, k);
    if (!items) {
        return;
    }
    std::vector<std::string> topics;
    bool ok = true;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const Tree& item = (*items)[i];
        const QString at = configItemPath(k, i);
        auto topic = r.topic(item, at, false);
        if (!topic) {
            ok = false;
        } else if (std::find(topics.begin(), topics.end(), topic->toStdString()) != topics.end()) {
            r.error(item.at, at, WorkerConfig::tr("topic \"%1\" is listed twice").arg(*topic));
            ok = false;
        } else {
            topics.push_back(topic->toStdString());
        }
    }
    if (ok && topics.empty()) {
        r.error(v.at, k, WorkerConfig::tr("needs at least one topic"));
    }
    if (ok) {
        sourceOf(c).topics = std::move(topics);
    }
}

void readPartitions(Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State& s) {
    const std::vector<Tree>* items = r.list(v, k);
    if (!items) {
        return;
    }
    std::vector<TopicPartition>& partitions = sourceOf(c).staticPartitions;
    partitions.clear();
    s.partitionLocations.clear();
    for (std::size_t i = 0; i < items->size(); ++i) {
        const Tree& item = (*items)[i];
        const QString at = configItemPath(k, i);
        auto entry = r.string(item, at, true);
        if (!entry) {
            continue;
        }
        const qsizetype colon = entry->lastIndexOf(QLatin1Char(':'));
        const QString topic = colon < 0 ? QString() : entry->left(colon);
        // value_or(-1), not the optional itself: g++ 12 -O2 warns (wrongly) that a dereferenced
        // optional may be uninitialised.
        const qint64 partition =
            colon < 0 ? -1 : ConfigUnits::parseInteger(entry->mid(colon + 1)).value_or(-1);
        if (!Reader::isTopicName(topic) || partition < 0 ||
            partition > std::numeric_limits<int>::max()) {
            r.error(item.at, at,
                    WorkerConfig::tr("\"%1\" is not \"topic:partition\" (such as "
                                     "mulog_clean_24:0)")
                        .arg(*entry));
            continue;
        }
        const TopicPartition parsed{topic.toStdString(), static_cast<int32_t>(partition)};
        if (std::find(partitions.begin(), partitions.end(), parsed) != partitions.end()) {
            r.error(item.at, at, WorkerConfig::tr("\"%1\" is listed twice").arg(*entry));
            continue;
        }
        partitions.push_back(parsed);
        s.partitionLocations.push_back(item.at);
    }
}

}  // namespace

ConfigSection ConfigSchema::kafka() {
    return {"kafka",
            {
                {"brokers", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(sourceOf(c).brokers, r.string(v, k, false));
                 }},
                {"topics", Shape::List, &readTopics},
                {"group", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(sourceOf(c).group, r.string(v, k, true));
                 }},
                {"start_from", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, sourceOf(c).startFromLatest, kStartFromChoices);
                 }},
                {"assignment", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, sourceOf(c).assignment, kAssignmentChoices);
                 }},
                {"partitions", Shape::List, &readPartitions},
                {"properties", Shape::Map,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.properties(v, k, sourceOf(c).properties);
                 }},
                {"watermark_refresh", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(sourceOf(c).watermarkRefresh,
                                r.duration(v, k, milliseconds(ConfigUnits::kSecond),
                                           milliseconds(ConfigUnits::kHour)));
                 }},
            }};
}

}  // namespace mtga
