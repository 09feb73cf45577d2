#include "schema/document_data.h"

#include "schema/errors.h"

#include <nlohmann/json.hpp>

namespace news::schema {

std::string encode(const StoredArticle& a) {
    nlohmann::json j{{"id", a.id},     {"title", a.title}, {"date", a.date},
                     {"source", a.source}, {"url", a.url}, {"path", a.path},
                     {"body", a.body}};
    if (a.title_derived) j["title_derived"] = true;
    auto put = [&](const char* key, const std::vector<std::string>& values) {
        if (!values.empty()) j[key] = values;
    };
    put("companies", a.companies);
    put("orgs", a.orgs);
    put("people", a.people);
    put("places", a.places);
    put("mentions", a.mentions);
    for (const auto& m : a.amounts)
        j["amounts"].push_back({{"text", m.text}, {"value", m.value}, {"currency", m.currency}});
    if (!a.percents.empty()) j["percents"] = a.percents;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredArticle decode(std::string_view data) {
    const auto j = nlohmann::json::parse(data, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw Error("stored document data is not newsdex JSON; rebuild the index with --rebuild");
    StoredArticle a;
    auto text = [&](const char* key) { return j.contains(key) ? j[key].get<std::string>() : ""; };
    auto list = [&](const char* key) {
        return j.contains(key) ? j[key].get<std::vector<std::string>>() : std::vector<std::string>{};
    };
    a.id = text("id");
    a.title = text("title");
    a.title_derived = j.value("title_derived", false);
    a.date = text("date");
    a.source = text("source");
    a.url = text("url");
    a.path = text("path");
    a.body = text("body");
    a.companies = list("companies");
    a.orgs = list("orgs");
    a.people = list("people");
    a.places = list("places");
    a.mentions = list("mentions");
    if (j.contains("amounts"))
        for (const auto& m : j["amounts"])
            a.amounts.push_back({m.value("text", ""), m.value("value", 0.0), m.value("currency", "")});
    if (j.contains("percents")) a.percents = j["percents"].get<std::vector<double>>();
    return a;
}

}  // namespace news::schema
