#include "bench/eval/evaluation.h"

#include "bench/eval/baseline.h"
#include "bench/eval/models.h"
#include "bench/eval/query_text.h"
#include "indexer/article.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "schema/analyzer.h"
#include "schema/document_layout.h"
#include "schema/errors.h"
#include "schema/fields.h"
#include "schema/ranking.h"
#include "searcher/search.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

namespace news::eval {
namespace {

namespace fs = std::filesystem;

std::ifstream open_input(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path.string() + ": cannot open");
    return in;
}

// A temporary database directory, removed on scope exit; or the one the user named, kept.
class WorkDir {
  public:
    explicit WorkDir(const fs::path& wanted) {
        if (!wanted.empty()) {
            path_ = wanted;
            return;
        }
        std::string pattern = (fs::temp_directory_path() / "newsdex-eval-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw Error(pattern + ": cannot create a temporary directory");
        path_ = pattern;
        remove_ = true;
    }
    ~WorkDir() {
        std::error_code ignored;
        if (remove_) fs::remove_all(path_, ignored);
    }
    WorkDir(const WorkDir&) = delete;
    WorkDir& operator=(const WorkDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
    bool remove_ = false;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The real indexing path, minus the corpus walk: Article -> DocumentBuilder -> IndexWriter.
void build_index(const fs::path& db, const std::vector<SmartDocument>& docs, const std::string& file, double b) {
    schema::Analyzer analyzer{"en"};
    indexer::DocumentBuilder builder{analyzer};
    builder.set_length_b(b);
    indexer::IndexWriter writer{db, indexer::IndexWriter::Mode::Rebuild};
    for (const auto& d : docs) {
        indexer::Article a;
        a.id = d.id;
        a.title = d.title;
        a.body = d.text;
        a.path = file;
        writer.put(news::schema::id_term(a.id), news::schema::content_hash(a),
                   [&] { return builder.build(a); });
    }
    writer.finish();
}

std::string ascii_upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

}  // namespace

std::vector<RankingConfig> feedback_grid(const FeedbackGrid& grid, RankingConfig base) {
    using searcher::FeedbackSettings;
    std::vector<FeedbackSettings> settings{base.feedback};
    // Every setting so far times every value of one list (none: the setting kept).
    auto vary = [&settings](const auto& values, auto member) {
        if (values.empty()) return;
        std::vector<FeedbackSettings> out;
        for (const auto& s : settings)
            for (const auto& v : values) {
                out.push_back(s);
                out.back().*member = v;
            }
        settings = std::move(out);
    };
    vary(grid.docs, &FeedbackSettings::docs);
    vary(grid.terms, &FeedbackSettings::terms);
    vary(grid.weights, &FeedbackSettings::weight);
    vary(grid.min_docs, &FeedbackSettings::min_docs);
    vary(grid.max_shares, &FeedbackSettings::max_share);
    vary(grid.proximities, &FeedbackSettings::proximity);
    vary(grid.coverages, &FeedbackSettings::coverage);
    vary(grid.coverage_powers, &FeedbackSettings::coverage_power);
    vary(grid.length_powers, &FeedbackSettings::length_power);
    vary(grid.rounds, &FeedbackSettings::rounds);
    vary(grid.gaps, &FeedbackSettings::gap);
    vary(grid.doc_weights, &FeedbackSettings::doc_weights);
    std::vector<RankingConfig> out;
    for (const double share : grid.max_word_shares.empty() ? std::vector{base.max_word_share} : grid.max_word_shares)
    for (const auto& model : grid.models.empty() ? std::vector{base.model} : grid.models) {
        std::ostringstream df;
        if (share < 1) df << "df" << share << "/";
        const std::string prefix = df.str() + (model == "bm25" ? "" : model + "/");
        out.push_back({prefix + "no-feedback", searcher::Expand::Off, base.feedback, model, share});
        for (const auto& s : settings) {
            std::ostringstream name;
            name << prefix << "fb-d" << s.docs << "-t" << s.terms << "-w" << s.weight;
            if (s.min_docs > 1) name << "-m" << s.min_docs;
            if (s.proximity > 0) name << "-p" << s.proximity;
            if (s.max_share < 1) name << "-s" << s.max_share;
            if (s.gap > 0) name << "-g" << s.gap;
            if (s.coverage > 1) name << "-c" << s.coverage;
            if (s.coverage > 1 && s.coverage_power > 0) name << "-e" << s.coverage_power;
            if (s.length_power != 1) name << "-l" << s.length_power;
            if (s.rounds > 1) name << "-r" << s.rounds;
            if (s.doc_weights == searcher::DocWeights::Uniform) name << "-uniform";
            if (s.doc_weights == searcher::DocWeights::Exp) name << "-exp";
            out.push_back({name.str(), searcher::Expand::On, s, model, share});
        }
    }
    return out;
}

std::string system_name(const RankingConfig& config, const EvalOptions& options) {
    if (options.length_b == schema::kBm25B) return config.name;
    if (options.length_b == schema::kRawWdfs) return "raw/" + config.name;
    std::ostringstream name;
    name << "b" << options.length_b << "/" << config.name;
    return name.str();
}

std::string without_common_words(const std::string& query, double share, const Xapian::Database& db,
                                 schema::Analyzer& analyzer) {
    const double most = share * db.get_doccount();
    std::istringstream words(query);
    std::string word, out;
    while (words >> word) {
        const auto tokens = analyzer.analyze(word);
        const bool common = tokens.size() == 1 && db.get_termfreq(schema::word_term(
                                                      schema::field(schema::FieldId::Body), tokens.front())) > most;
        if (!common) out += (out.empty() ? "" : " ") + word;
    }
    return out.empty() ? query : out;
}

Summary score_run(const std::map<std::string, std::vector<RunEntry>>& run, const Qrels& qrels) {
    std::map<std::string, Ranking> ids;
    for (const auto& [qid, entries] : run) {
        auto& r = ids[qid];
        for (const auto& e : entries) r.push_back(e.docid);
    }
    return evaluate(ids, qrels);
}

EvalReport run_evaluation(const EvalOptions& options) {
    EvalReport report;
    std::vector<SmartNote> smart_notes;
    auto doc_in = open_input(options.documents);
    const auto docs = read_smart_documents(doc_in, options.documents.filename().string(), smart_notes);
    auto query_in = open_input(options.queries);
    auto queries = read_smart_queries(query_in, options.queries.filename().string(), smart_notes);
    if (options.max_queries > 0 && queries.size() > options.max_queries) queries.resize(options.max_queries);
    std::vector<QrelsNote> qrels_notes;
    auto qrels_in = open_input(options.qrels);
    Qrels qrels = read_qrels(qrels_in, options.qrels.filename().string(), options.qrels_format, qrels_notes);
    for (const auto& n : smart_notes) report.notes.push_back(n.where + ": " + n.message);
    for (const auto& n : qrels_notes) report.notes.push_back(n.where + ": " + n.message);
    for (const auto& config : options.configs)
        if (needs_raw_wdfs(config.model) != (options.length_b == schema::kRawWdfs))
            throw Error("weighting model " + config.model + (needs_raw_wdfs(config.model)
                                                                 ? ": reads raw wdfs; add --index-raw"
                                                                 : ": reads normalised wdfs; leave out --index-raw"));
    report.documents = docs.size();
    report.queries = queries.size();
    std::vector<std::string> keys;
    for (const auto& q : queries) keys.push_back(options.query_key == QueryKey::Ordinal ? std::to_string(q.number) : q.id);
    if (options.max_queries > 0)  // a slice: only its queries' judgments count
        std::erase_if(qrels, [&](const auto& entry) { return std::find(keys.begin(), keys.end(), entry.first) == keys.end(); });
    for (const auto& [qid, judged] : qrels) {
        report.judged_pairs += judged.size();
        if (relevant_count(judged) > 0) ++report.judged_queries;
    }


    const WorkDir work{options.db};
    auto start = std::chrono::steady_clock::now();
    build_index(work.path(), docs, options.documents.filename().string(), options.length_b);
    report.index_seconds = seconds_since(start);

    start = std::chrono::steady_clock::now();
    searcher::Searcher searcher{work.path()};
    schema::Analyzer analyzer{"en"};
    for (const auto& config : options.configs) {
        SystemRun newsdex{system_name(config, options), {}, {}};
        const auto weighting = make_weight(config.model);
        for (std::size_t i = 0; i < queries.size(); ++i) {
            searcher::SearchRequest request;
            const std::string text = options.upper_case ? ascii_upper(queries[i].text) : queries[i].text;
            request.query = to_any_word_query(text);
            if (config.max_word_share < 1)
                request.query = without_common_words(request.query, config.max_word_share, searcher.database(), analyzer);
            request.any_word = true;
            request.limit = options.depth;
            request.snippets = false;
            request.expand = config.expand;
            request.feedback = config.feedback;
            request.weighting = weighting;
            auto& ranking = newsdex.run[keys[i]];
            try {
                for (const auto& hit : searcher.search(request).hits) ranking.push_back({hit.article.id, hit.weight});
            } catch (const QueryError& e) {  // no searchable words: an empty ranking, as trec_eval -c scores it
                if (&config != &options.configs.front()) continue;
                ++report.empty_queries;
                report.notes.push_back(options.queries.filename().string() + ": query " + keys[i] + ": " + e.what());
            }
        }
        newsdex.summary = score_run(newsdex.run, qrels);
        report.systems.push_back(std::move(newsdex));
    }
    report.search_seconds = seconds_since(start);

    if (options.baseline) {
        SystemRun base{"xapian-baseline", run_xapian_baseline(docs, queries, keys, options.depth), {}};
        base.summary = score_run(base.run, qrels);
        report.systems.push_back(std::move(base));
    }
    return report;
}

}  // namespace news::eval
