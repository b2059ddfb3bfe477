#include "harness/runner/report_command.hpp"

#include "harness/core/error.hpp"
#include "harness/report/junit_merge.hpp"

#include <iostream>
#include <memory>

namespace athil::report {
namespace {

struct merge_options {
    std::vector<std::filesystem::path> inputs;
    std::filesystem::path output;
};

} // namespace

void add_report_command(CLI::App& app) {
    auto* report = app.add_subcommand("report", "Work on finished reports (merge shards)");
    report->require_subcommand(1);

    auto options = std::make_shared<merge_options>();
    auto* merge =
        report->add_subcommand("merge", "Join the junit.xml files of shards into one JUnit report");
    merge->footer("Example:\n"
                  "  athil run --shard 1/2 --report-dir out/1 & athil run --shard 2/2 "
                  "--report-dir out/2\n"
                  "  athil report merge out/1/junit.xml out/2/junit.xml -o out/junit.xml\n"
                  "Sections run by several shards become one testsuite; counts and times are\n"
                  "recomputed from the cases.");
    merge->add_option("files", options->inputs, "JUnit XML files to merge")
        ->required()
        ->check(CLI::ExistingFile);
    merge->add_option("-o,--output", options->output, "the merged file")->required();
    merge->callback([options] {
        try {
            merge_junit(options->inputs, options->output);
        } catch (const athil_error& e) {
            std::cerr << "athil report merge: " << e.what() << '\n';
            throw CLI::RuntimeError(2);
        }
        std::cout << "athil: merged " << options->inputs.size() << " files into "
                  << options->output.string() << '\n';
    });
}

} // namespace athil::report
