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

namespace {

// Fills a StoredArticle straight from the parser's events: no JSON tree is built (a search
// decodes every hit it shows, so this is on every query's path). Unknown keys are skipped.
class ArticleReader : public nlohmann::json_sax<nlohmann::json> {
  public:
    explicit ArticleReader(StoredArticle& a) : a_(a) {}

    bool null() override { return true; }
    bool boolean(bool v) override {
        if (depth_ == 1 && key_ == "title_derived") a_.title_derived = v;
        return true;
    }
    bool number_integer(number_integer_t v) override { return number(static_cast<double>(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v)); }
    bool number_float(number_float_t v, const string_t&) override { return number(v); }
    bool string(string_t& v) override {
        if (depth_ == 1) {
            if (std::string* field = text_field()) *field = std::move(v);
        } else if (depth_ == 2 && list_) {
            list_->push_back(std::move(v));
        } else if (depth_ == 3 && in_amounts_ && !a_.amounts.empty()) {
            if (inner_key_ == "text") a_.amounts.back().text = std::move(v);
            if (inner_key_ == "currency") a_.amounts.back().currency = std::move(v);
        }
        return true;
    }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        ++depth_;
        if (depth_ == 3 && in_amounts_) a_.amounts.emplace_back();
        return true;
    }
    bool key(string_t& k) override {
        (depth_ == 1 ? key_ : inner_key_) = std::move(k);
        return true;
    }
    bool end_object() override {
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        if (depth_ == 0) return false;  // the document must be an object
        ++depth_;
        if (depth_ == 2) {
            list_ = list_field();
            in_amounts_ = key_ == "amounts";
            in_percents_ = key_ == "percents";
        }
        return true;
    }
    bool end_array() override {
        if (depth_-- == 2) {
            list_ = nullptr;
            in_amounts_ = in_percents_ = false;
        }
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

  private:
    bool number(double v) {
        if (depth_ == 2 && in_percents_) a_.percents.push_back(v);
        if (depth_ == 3 && in_amounts_ && !a_.amounts.empty() && inner_key_ == "value") a_.amounts.back().value = v;
        return true;
    }
    std::string* text_field() {
        for (auto [name, field] : {std::pair{"id", &a_.id}, {"title", &a_.title}, {"date", &a_.date}, {"source", &a_.source},
                                   {"url", &a_.url}, {"path", &a_.path}, {"body", &a_.body}})
            if (key_ == name) return field;
        return nullptr;
    }
    std::vector<std::string>* list_field() {
        for (auto [name, field] : {std::pair{"companies", &a_.companies}, {"orgs", &a_.orgs}, {"people", &a_.people},
                                   {"places", &a_.places}, {"mentions", &a_.mentions}})
            if (key_ == name) return field;
        return nullptr;
    }

    StoredArticle& a_;
    int depth_ = 0;
    std::string key_, inner_key_;
    std::vector<std::string>* list_ = nullptr;
    bool in_amounts_ = false, in_percents_ = false;
};

}  // namespace

StoredArticle decode(std::string_view data) {
    StoredArticle a;
    ArticleReader reader{a};
    // A top-level value that is not an object ("3", "[]", "null") fails too.
    const auto first = data.find_first_not_of(" \t\r\n");
    const bool ok = first != std::string_view::npos && data[first] == '{' && nlohmann::json::sax_parse(data, &reader);
    if (!ok) throw Error("stored document data is not newsdex JSON; rebuild the index with --rebuild");
    return a;
}

}  // namespace news::schema
