// Where both programs find the data files they read at run time (gazetteers, word lists,
// models): one rule, so the indexer and the searcher always read the same dictionaries.
#pragma once

#include <filesystem>
#include <vector>

namespace news::schema {

/// The data folder, first match: the folder set_data_dir() was given (--data-dir), else
/// $NEWSDEX_DATA_DIR when set and non-empty, else the first of data_dir_candidates() that
/// holds a gazetteers/ folder. Its layout is schema/'s: gazetteers/, stopwords_en.txt, ...
/// @throws news::Error naming the places looked at when none of them is a data folder.
std::filesystem::path data_dir();

/// Sets the data folder for this process (the programs' --data-dir); empty unsets it.
void set_data_dir(const std::filesystem::path& dir);

/// Where a data folder is looked for beside the running program: <bin>/<kInstallDataFromBin>
/// (the install prefix's share/newsdex, wherever the installed tree was copied), then
/// share/newsdex one and two folders above the program's (build/share/newsdex, the build
/// tree's copy, from build/indexer/ or build/bench/eval/). Relative to the executable: no
/// path is compiled in.
std::vector<std::filesystem::path> data_dir_candidates();

}  // namespace news::schema
