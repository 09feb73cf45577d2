#include "indexer/readers/html_reader.h"

#include "indexer/readers/dates.h"
#include "indexer/readers/text_reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <array>
#include <climits>
#include <functional>
#include <memory>

namespace news::indexer {

namespace {

struct FreeDoc {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

bool is_element(const xmlNode* node, std::string_view name) {
    return node->type == XML_ELEMENT_NODE && name_of(node) == name;
}

std::string attribute(const xmlNode* node, const char* key) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(key));
    if (!value) return {};
    std::string text = reinterpret_cast<const char*>(value);
    xmlFree(value);
    return text;
}

/// Calls `visit` on every element under `node` in document order; stops when it returns true.
bool find_element(const xmlNode* node, const std::function<bool(const xmlNode*)>& visit) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (visit(child) || find_element(child, visit)) return true;
    }
    return false;
}

const xmlNode* first_element(const xmlNode* node, const std::function<bool(const xmlNode*)>& match) {
    const xmlNode* found = nullptr;
    find_element(node, [&](const xmlNode* n) {
        if (match(n)) found = n;
        return found != nullptr;
    });
    return found;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Appends `text` to `out` with each run of white space as one space, none at a line's start.
void append_collapsed(std::string& out, std::string_view text) {
    for (const char c : text) {
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
        } else {
            out += c;
        }
    }
}

// Never article text: code, navigation and page furniture.
constexpr std::array kSkipped{"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                              "form", "button", "select", "textarea", "svg", "iframe", "figure", "menu",
                              "dialog", "object", "head"};
// Elements that start a new line; the first group also ends a paragraph.
constexpr std::array kParagraphs{"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
                                 "table", "dl", "section", "article", "main"};
constexpr std::array kLines{"div", "li", "tr", "dt", "dd", "br", "hr", "address", "figcaption", "td", "th"};

template <std::size_t N>
bool among(std::string_view name, const std::array<const char*, N>& names) {
    for (const char* n : names)
        if (name == n) return true;
    return false;
}

void end_line(std::string& out, bool paragraph) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.empty()) return;
    if (out.back() != '\n') out += '\n';
    if (paragraph && (out.size() < 2 || out[out.size() - 2] != '\n')) out += '\n';
}

/// The text of `node` as one line (for titles and headings).
std::string inline_text(const xmlNode* node) {
    std::string out;
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            append_collapsed(out, reinterpret_cast<const char*>(child->content));
        } else if (child->type == XML_ELEMENT_NODE && !among(name_of(child), kSkipped)) {
            append_collapsed(out, " ");
            out += inline_text(child);
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    const std::size_t start = out.find_first_not_of(' ');
    return start == std::string::npos ? std::string() : out.substr(start);
}

/// The article text under `node`: text nodes only (comments never), skipped elements left out,
/// and `title` left out where a heading repeats it.
void collect_text(const xmlNode* node, const std::string& title, std::string& out) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            append_collapsed(out, reinterpret_cast<const char*>(child->content));
            continue;
        }
        if (child->type != XML_ELEMENT_NODE) continue;
        const std::string_view name = name_of(child);
        const std::string role = attribute(child, "role");
        if (among(name, kSkipped) || role == "navigation" || role == "complementary" || role == "banner" ||
            !attribute(child, "hidden").empty() || attribute(child, "aria-hidden") == "true")
            continue;
        if (name.size() == 2 && name[0] == 'h' && !title.empty() && inline_text(child) == title) continue;
        const bool paragraph = among(name, kParagraphs), line = among(name, kLines);
        if (paragraph || line) end_line(out, paragraph);
        collect_text(child, title, out);
        if (paragraph || line) end_line(out, paragraph);
    }
}

std::size_t text_size(const xmlNode* node) {
    xmlChar* text = xmlNodeGetContent(node);
    if (!text) return 0;
    const std::size_t size = xmlStrlen(text);
    xmlFree(text);
    return size;
}

/// The element holding the article text (see read_html()).
const xmlNode* main_element(const xmlNode* root) {
    const xmlNode* best = nullptr;
    std::size_t best_size = 0;
    find_element(root, [&](const xmlNode* n) {
        if (is_element(n, "article")) {
            if (const std::size_t size = text_size(n); size > best_size) best = n, best_size = size;
        }
        return false;
    });
    if (best) return best;
    if (const xmlNode* main = first_element(root, [](const xmlNode* n) { return is_element(n, "main"); }))
        return main;
    if (const xmlNode* marked = first_element(root, [](const xmlNode* n) {
            return attribute(n, "itemprop") == "articleBody" || attribute(n, "role") == "main";
        }))
        return marked;
    if (const xmlNode* body = first_element(root, [](const xmlNode* n) { return is_element(n, "body"); }))
        return body;
    return root;
}

/// <meta property="NAME" content="..."> (or name="NAME"), empty if absent.
std::string meta(const xmlNode* root, const char* property) {
    std::string value;
    find_element(root, [&](const xmlNode* n) {
        if (is_element(n, "meta") && (attribute(n, "property") == property || attribute(n, "name") == property))
            value = attribute(n, "content");
        return !value.empty();
    });
    return value;
}

/// "datePublished" anywhere in a JSON-LD value (objects, arrays, "@graph").
std::string date_published(const nlohmann::json& value) {
    if (value.is_object()) {
        const auto it = value.find("datePublished");
        if (it != value.end() && it->is_string()) return it->get<std::string>();
    }
    if (value.is_object() || value.is_array())
        for (const auto& item : value) {
            std::string date = date_published(item);
            if (!date.empty()) return date;
        }
    return {};
}

std::string json_ld_date(const xmlNode* root) {
    std::string date;
    find_element(root, [&](const xmlNode* n) {
        if (!is_element(n, "script") || attribute(n, "type") != "application/ld+json") return false;
        xmlChar* text = xmlNodeGetContent(n);
        if (!text) return false;
        const auto value = nlohmann::json::parse(reinterpret_cast<const char*>(text), nullptr, false);
        xmlFree(text);
        if (!value.is_discarded()) date = date_published(value);
        return !date.empty();
    });
    return date;
}

/// "Headline | Site" or "Headline - Site" loses " | Site" when Site is the page's site name.
std::string without_site(std::string title, const std::string& site) {
    if (site.empty()) return title;
    for (const char* separator : {" | ", " - ", " – ", " — "}) {
        const std::string suffix = separator + site;
        if (title.size() > suffix.size() && title.ends_with(suffix)) return title.substr(0, title.size() - suffix.size());
    }
    return title;
}

std::string page_title(const xmlNode* root, const xmlNode* main, const std::string& site) {
    std::string title = meta(root, "og:title");
    if (title.empty())
        if (const xmlNode* h1 = first_element(main, [](const xmlNode* n) { return is_element(n, "h1"); }))
            title = inline_text(h1);
    if (title.empty())
        if (const xmlNode* t = first_element(root, [](const xmlNode* n) { return is_element(n, "title"); }))
            title = without_site(inline_text(t), site);
    return title;
}

std::string page_date(const xmlNode* root, const xmlNode* main) {
    std::string date = meta(root, "article:published_time");
    if (date.empty())
        if (const xmlNode* time = first_element(main, [](const xmlNode* n) {
                return is_element(n, "time") && !attribute(n, "datetime").empty();
            }))
            date = attribute(time, "datetime");
    if (date.empty()) date = json_ld_date(root);
    return date;
}

std::string page_url(const xmlNode* root) {
    std::string url;
    find_element(root, [&](const xmlNode* n) {
        if (is_element(n, "link") && attribute(n, "rel") == "canonical") url = attribute(n, "href");
        return !url.empty();
    });
    return url.empty() ? meta(root, "og:url") : url;
}

}  // namespace

std::optional<Article> read_html(std::string_view content, const std::string& where, ReadReport& report) {
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    const std::unique_ptr<xmlDoc, FreeDoc> doc{htmlReadMemory(content.data(),
                                                              static_cast<int>(std::min<std::size_t>(content.size(), INT_MAX)),
                                                              where.c_str(), nullptr, options)};
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (!root) {
        report.rejected.push_back({where, "not an HTML page libxml2 can read"});
        return std::nullopt;
    }
    Article article;
    article.source = meta(root, "og:site_name");
    const xmlNode* main = main_element(root);
    article.title = page_title(root, main, article.source);
    article.url = page_url(root);
    if (const std::string date = page_date(root, main); !date.empty()) {
        auto [day, time] = parse_date(date);
        article.date = std::move(day);
        article.time = std::move(time);
        if (article.date.empty())
            report.warnings.push_back({where, undated_note(date)});
    }
    std::string text;
    collect_text(main, article.title, text);
    article.body = clean_body(text);
    if (article.body.empty()) {
        report.rejected.push_back({where, "no article text in the page"});
        return std::nullopt;
    }
    if (article.title.empty()) {
        article.title = derive_title(article.body);
        article.title_derived = true;
    }
    return article;
}

}  // namespace news::indexer
