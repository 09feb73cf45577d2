// Runs a built newsdex program from the project root (so corpus paths print as "corpus/..."),
// capturing its exit status, stdout and stderr. Shared by the end-to-end tests.
#pragma once

#include "temp_dir.h"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace news::test {

struct Run {
    int status = -1;
    std::string out, err;
};

inline std::string shell_word(const std::string& arg) {
    std::string out = "'";
    for (const char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline Run run_program(const std::string& program, const std::vector<std::string>& args) {
    const TempDir tmp;
    const std::filesystem::path err = tmp.path / "stderr";
    std::string command = "cd ";
    command.append(shell_word(std::filesystem::path(CORPUS_DIR).parent_path().string()))
        .append(" && ")
        .append(shell_word(program));
    for (const auto& a : args) command.append(" ").append(shell_word(a));
    command.append(" 2>").append(shell_word(err.string())).append(" </dev/null");
    Run r;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in{err, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    r.err = text.str();
    return r;
}

}  // namespace news::test
