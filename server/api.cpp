#include "server/api.h"

#include "schema/errors.h"
#include "schema/fields.h"
#include "schema/version.h"
#include "server/article_view.h"
#include "server/entity_page.h"
#include "server/params.h"
#include "server/request_error.h"
#include "searcher/request.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <utility>

namespace news::server {
namespace {

// The entity facets the page shows and the entity pages count: their rows are read up front.
const std::vector<std::string> kPreparedFacets = {"company", "org", "person", "place", "year"};

// Pretty-printed and ending in a newline, as newsdex-search --json prints.
std::string dump(const nlohmann::json& j) { return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }

Response error(int status, const std::string& parameter, const std::string& message, std::size_t column = 0) {
    const nlohmann::json body{
        {"api_version", kApiVersion},
        {"error",
         {{"status", status},
          {"parameter", parameter.empty() ? nlohmann::json() : nlohmann::json(parameter)},
          {"column", column ? nlohmann::json(column) : nlohmann::json()},
          {"message", message}}}};
    return {status, dump(body)};
}

// The parameter a searcher message is about: "--filter: unknown field" -> "filter"; else the query.
std::string parameter_of(const std::string& message) {
    if (message.rfind("--", 0) == 0) {
        const auto colon = message.find(':');
        if (colon != std::string::npos) return message.substr(2, colon - 2);
    }
    return "q";
}

// Runs one API call, turning each failure into its status and JSON error.
template <typename Call>
Response guarded(Call&& call) {
    try {
        return call();
    } catch (const RequestError& e) {
        return error(e.status, e.parameter, e.what(), e.column);
    } catch (const QueryError& e) {
        return error(400, parameter_of(e.what()), e.what(), e.column);
    } catch (const Xapian::UnimplementedError& e) {  // an operator combination Xapian cannot run
        return error(400, "q", e.get_msg() + "; rewrite the query without this combination");
    } catch (const PoolBusy& e) {
        return error(503, "", std::string(e.what()) + "; try again");
    } catch (const Error& e) {  // the database went away or changed schema version
        return error(503, "", e.what());
    } catch (const Xapian::Error& e) {
        return error(500, "", e.get_description());
    } catch (const std::exception& e) {
        return error(500, "", e.what());
    }
}

Response json(const nlohmann::json& body) { return {200, dump(body)}; }

// The cache key of a request: its route and the parts of its path, then every parameter in
// the multimap's order, each string length-prefixed so that no two requests share a key.
std::string cache_key(std::initializer_list<std::string> route, const Params& params) {
    std::string key;
    const auto add = [&key](const std::string& part) { key += std::to_string(part.size()) + ":" + part; };
    for (const auto& part : route) add(part);
    for (const auto& [name, value] : params) {
        add(name);
        add(value);
    }
    return key;
}

}  // namespace

Api::Api(const std::filesystem::path& db, std::size_t searchers, ApiLimits limits, std::size_t cache_bytes)
    : pool_(db, searchers, kPreparedFacets), limits_(limits), cache_(cache_bytes), live_(db) {}

template <typename Job>
auto Api::on_searcher(Job&& job) {
    ++served_;
    return pool_.run(limits_.wait, std::forward<Job>(job));
}

template <typename Compute>
Response Api::cached(std::initializer_list<std::string> route, const Params& params, Compute&& compute) {
    const std::string key = cache_key(route, params);
    // The contents a Searcher would read now, as following the database says (a rebuild's new
    // generation, an update's commit): a hit is never stale, and needs no Searcher.
    const std::string live = cache_.enabled() ? live_.current() : std::string();
    if (auto hit = cache_.find(live, key)) {
        ++served_;
        return std::move(*hit);
    }
    return on_searcher([&](Worker& worker) {
        const std::string contents = worker.searcher.content_version();
        if (contents != live)  // a commit between the look-up and the searcher's turn
            if (auto hit = cache_.find(contents, key)) return std::move(*hit);
        Response response = compute(worker);
        // Kept only when the search did not have to open the database again under way.
        if (response.status == 200 && worker.searcher.content_version() == contents) cache_.store(contents, key, response);
        return response;
    });
}

Response Api::search(const Params& params) {
    return guarded([&] {
        check_known(params, kSearchParams);
        const auto request = search_request(params, limits_);
        return cached({"search"}, params, [&](Worker& worker) {
            return Response{200, searcher::search_json(worker.searcher, request) + "\n"};
        });
    });
}

Response Api::article(const std::string& id, const Params& params) {
    return guarded([&] {
        check_known(params, {});
        return cached({"article", id}, params, [&](Worker& worker) {
            const auto article = worker.searcher.article(id);
            if (!article) throw RequestError(404, "id", "no article with id '" + id + "'");
            return json({{"api_version", kApiVersion}, {"article", article_view(worker, *article)}});
        });
    });
}

Response Api::similar(const std::string& id, const Params& params) {
    return guarded([&] {
        check_known(params, kSearchParams);
        if (params.count("similar")) throw RequestError(400, "similar", "similar: the article is the one in the path");
        auto request = search_request(params, limits_);
        request.similar_to = id;
        return cached({"similar", id}, params, [&](Worker& worker) {
            if (!worker.searcher.article(id)) throw RequestError(404, "id", "no article with id '" + id + "'");
            return Response{200, searcher::search_json(worker.searcher, request) + "\n"};
        });
    });
}

Response Api::timeline(const Params& params) {
    return guarded([&] {
        static constexpr std::array<std::string_view, 5> kKnown = {"q", "filter", "any", "as_typed", "interval"};
        check_known(params, kKnown);
        auto request = search_request(params, limits_);
        const std::string name = single(params, "interval").value_or("month");
        request.timeline = searcher::parse_interval(name);
        if (!request.timeline)
            throw RequestError(400, "interval", "interval: expected day, week, month or year, not '" + name + "'");
        request.limit = 0;
        request.snippets = false;
        return cached({"timeline"}, params, [&](Worker& worker) {
            const auto results = worker.searcher.search(request);
            nlohmann::json buckets = nlohmann::json::array();
            for (const auto& b : results.timeline->buckets) buckets.push_back({{"start", b.start}, {"count", b.count}});
            return json({{"api_version", kApiVersion},
                         {"query", results.query},
                         {"respelled", results.respelled.empty() ? nlohmann::json() : nlohmann::json(results.respelled)},
                         {"interval", name},
                         {"total", results.timeline->matches},
                         {"undated", results.timeline->undated},
                         {"buckets", buckets}});
        });
    });
}

Response Api::entity(const std::string& kind, const std::string& name, const Params& params) {
    return guarded([&] {
        static constexpr std::array<std::string_view, 2> kKnown = {"co_limit", "latest"};
        check_known(params, kKnown);
        EntityPageRequest request{kind, name};
        request.co_mentions = integer(params, "co_limit", 1, 100, 20);
        request.latest = integer(params, "latest", 0, 100, 5);
        return cached({"entity", kind, name}, params, [&](Worker& worker) {
            nlohmann::json page = entity_page(worker, request);
            if (page.is_null()) throw RequestError(404, "name", "no article mentions " + kind + " '" + name + "'");
            page["api_version"] = kApiVersion;
            return json(page);
        });
    });
}

Response Api::health() {
    return guarded([&] {
        return on_searcher([](Worker& worker) {
            return json({{"api_version", kApiVersion}, {"status", "ok"}, {"documents", worker.searcher.doc_count()}});
        });
    });
}

Response Api::stats() {
    return guarded([&] {
        const auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        const auto [documents, generation] = on_searcher([](Worker& worker) {
            return std::pair{worker.searcher.doc_count(), worker.searcher.generation()};
        });
        const ResponseCache::Stats cache = cache_.stats();
        return json({{"api_version", kApiVersion},
                     {"documents", documents},
                     {"generation", generation.empty() ? nlohmann::json() : nlohmann::json(generation)},
                     {"schema_version", schema::kSchemaVersion},
                     {"json_format_version", schema::kJsonFormatVersion},
                     {"version", schema::version()},
                     {"uptime_seconds", std::round(uptime * 10) / 10},
                     {"requests_served", served_.load()},
                     {"searchers", pool_.size()},
                     {"cache", {{"max_bytes", cache.max_bytes}, {"bytes", cache.bytes}, {"entries", cache.entries},
                                {"hits", cache.hits}, {"misses", cache.misses}}}});
    });
}

Response Api::not_found(const std::string& path) {
    return error(404, "", "no route for " + path + "; the API is under /api/ (docs/server.md)");
}

}  // namespace news::server
