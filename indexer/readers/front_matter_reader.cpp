#include "indexer/readers/front_matter_reader.h"

#include "indexer/readers/dates.h"
#include "indexer/readers/text_reader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <string>

namespace news::indexer {

namespace {

/// The pieces of "---\n<yaml>---\n<body>"; `found` is false without a closed block.
struct FrontMatterSplit {
    bool opened = false;  // the first line is "---"
    bool found = false;   // ... and a closing line follows
    std::string_view yaml;
    std::string_view body;
};

std::string_view rtrim_line(std::string_view line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.remove_suffix(1);
    return line;
}

FrontMatterSplit split_front_matter(std::string_view content) {
    FrontMatterSplit split;
    std::size_t newline = content.find('\n');
    if (newline == std::string_view::npos || rtrim_line(content.substr(0, newline)) != "---")
        return split;
    split.opened = true;
    const std::size_t yaml_start = newline + 1;
    for (std::size_t start = yaml_start; start < content.size(); start = newline + 1) {
        newline = content.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? content.size() : newline;
        const std::string_view line = rtrim_line(content.substr(start, end - start));
        if (line == "---" || line == "...") {
            split.found = true;
            split.yaml = content.substr(yaml_start, start - yaml_start);
            split.body = end < content.size() ? content.substr(end + 1) : std::string_view{};
            return split;
        }
        if (newline == std::string_view::npos) break;
    }
    return split;
}

}  // namespace

std::optional<Metadata> parse_metadata(std::string_view yaml, YamlError& error) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string{yaml});
    } catch (const YAML::DeepRecursion& e) {  // its own message is only "bad file"
        error.line = e.mark.line >= 0 ? static_cast<std::size_t>(e.mark.line) + 1 : 0;
        error.message = "lists or mappings nested " + std::to_string(e.depth()) +
                        " deep, past what the YAML parser allows; flatten the metadata";
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        error.line = e.mark.line >= 0 ? static_cast<std::size_t>(e.mark.line) + 1 : 0;
        error.message = e.msg;
        return std::nullopt;
    }
    Metadata meta;
    if (!root || root.IsNull()) return meta;
    if (!root.IsMap()) {
        error.line = 1;
        error.message = "expected a mapping of keys to values";
        return std::nullopt;
    }
    for (const auto& entry : root) {
        if (!entry.first.IsScalar()) continue;
        const std::string key = entry.first.Scalar();
        const YAML::Node& value = entry.second;
        if (!value.IsScalar()) continue;
        const std::string& text = value.Scalar();
        if (key == "title") {
            if (!text.empty()) meta.title = text;
        } else if (key == "date") {
            PublicationDate date = parse_date(text);
            if (date.day.empty())
                meta.problems.push_back(
                    {value.Mark().line >= 0 ? static_cast<std::size_t>(value.Mark().line) + 1 : 0, undated_note(text)});
            else
                meta.date = std::move(date);
        } else if (key == "source") {
            meta.source = text;
        } else if (key == "url") {
            meta.url = text;
        } else if (key == "id") {
            if (!text.empty()) meta.id = text;
        }
    }
    return meta;
}

void apply_metadata(const Metadata& meta, Article& article) {
    if (meta.title) {
        article.title = *meta.title;
        article.title_derived = false;
    }
    if (meta.date) {
        article.date = meta.date->day;
        article.time = meta.date->time;
    }
    if (meta.source) article.source = *meta.source;
    if (meta.url) article.url = *meta.url;
    if (meta.id) article.id = *meta.id;
}

bool has_front_matter(std::string_view content) { return split_front_matter(content).found; }

std::optional<Article> read_front_matter(std::string_view content, bool markdown,
                                         const std::string& where, ReadReport& report) {
    const FrontMatterSplit split = split_front_matter(content);
    if (split.opened && !split.found) {
        report.rejected.push_back({where + ":1", "front matter: no closing '---' line"});
        return std::nullopt;
    }
    Metadata meta;
    if (split.found) {
        YamlError error;
        auto parsed = parse_metadata(split.yaml, error);
        if (!parsed) {
            // The YAML starts on line 2 of the file, after the opening "---".
            const std::size_t line = error.line > 0 ? error.line + 1 : 1;
            report.rejected.push_back(
                {where + ":" + std::to_string(line), "front matter: " + error.message});
            return std::nullopt;
        }
        meta = std::move(*parsed);
        // The YAML starts on line 2 of the file, after the opening "---".
        for (const auto& problem : meta.problems)
            report.warnings.push_back(
                {problem.line > 0 ? where + ":" + std::to_string(problem.line + 1) : where, problem.message});
    }
    const std::string body = clean_body(split.found ? split.body : content);
    Article article;
    if (meta.title) {
        article.body = body;
    } else {
        auto titled = split_headline(body, markdown);
        article.title = std::move(titled.title);
        article.title_derived = titled.title_derived;
        article.body = std::move(titled.body);
    }
    if (article.body.empty()) {
        report.rejected.push_back({where, "no article text after the front matter"});
        return std::nullopt;
    }
    apply_metadata(meta, article);
    return article;
}

}  // namespace news::indexer
